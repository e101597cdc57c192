package dev.teavec.core.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.codec.Crc32;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sequence rules across segments and checkpoints: a new segment after a torn tail resumes the log, a
 * segment continuing from records nobody holds is a gap, stale records are refused, and records whose
 * CRC is right but whose content breaks the format are cut as malformed.
 */
class WalSequenceTest {
    private static WalOperation op(int i) {
        return CollectionChange.delete("c" + i);
    }

    @Test
    void aNewSegmentAfterATornTailResumesTheLog() {
        WalSamples.Log log = new WalSamples.Log(0).segment(0);
        for (int i = 1; i <= 5; i++) {
            log.add(op(i));
        }
        byte[][] first = log.bytes();
        // Record 6 was being written when the process died: only part of it reached the disk.
        WalBuffer torn = new WalBuffer(64);
        torn.append(6, op(6));
        byte[] seg1 = Arrays.copyOf(first[0], first[0].length + 9);
        System.arraycopy(torn.array(), 0, seg1, first[0].length, 9);
        WalContents reopened = WalReader.read(new byte[][] {seg1}, new int[] {1}, 0);
        assertEquals(5, reopened.recovery().lastSeq());
        assertFalse(reopened.recovery().lastSegmentUsable());
        // The writer then starts segment 2 from record 5 and goes on.
        WalSamples.Log next = new WalSamples.Log(0).segment(0, 5).add(op(60)).add(op(70));
        WalContents read = WalReader.read(new byte[][] {seg1, next.bytes()[0]}, new int[] {1, 2}, 0);
        List<String> expected = new java.util.ArrayList<>(log.expected);
        expected.addAll(next.expected);
        assertEquals(expected, WalSamples.described(read));
        assertEquals(1, read.recovery().dropped().size(), "the old torn tail is still reported");
        assertEquals(DroppedBytes.TORN, read.recovery().dropped().get(0).reason());
        assertTrue(read.recovery().lastSegmentUsable());
        assertEquals(7, read.recovery().lastSeq());
    }

    @Test
    void aSegmentAfterTheCheckpointIsAGapWhenAnOlderCheckpointIsLoaded() {
        // Checkpoint 2 covered records 1..5 and the segments before it were removed.
        WalSamples.Log log = new WalSamples.Log(0).segment(2, 5).add(op(6)).add(op(7));
        WalContents fine = WalReader.read(log.bytes(), log.ids(), 5);
        assertEquals(log.expected, WalSamples.described(fine));
        // Checkpoint 2 turned out damaged and checkpoint 1 (records 1..3) was loaded: 4 and 5 are gone.
        WalContents gap = WalReader.read(log.bytes(), log.ids(), 3);
        assertTrue(gap.records().isEmpty());
        assertEquals(3, gap.recovery().lastSeq());
        DroppedBytes d = gap.recovery().dropped().get(0);
        assertEquals(DroppedBytes.GAP, d.reason());
        assertEquals(0, d.offset());
        assertEquals(3, d.records());
        assertEquals(5, d.seq());
    }

    @Test
    void theSegmentsKeptForTheOlderCheckpointLetItReplayEverything() {
        WalSamples.Log log = new WalSamples.Log(0).segment(1, 3).add(op(4)).add(op(5)).segment(2).add(op(6));
        assertEquals(log.expected, WalSamples.described(WalReader.read(log.bytes(), log.ids(), 3)));
        assertEquals(log.expected.subList(2, 3), WalSamples.described(WalReader.read(log.bytes(), log.ids(), 5)));
    }

    @Test
    void aSegmentStartingBeforeTheLogReachedIsRefused() {
        WalSamples.Log log = new WalSamples.Log(0).segment(0).add(op(1)).add(op(2)).add(op(3));
        WalSamples.Log stale = new WalSamples.Log(0).segment(0, 1).add(op(20));
        WalSamples.Log resumed = new WalSamples.Log(0).segment(0, 3).add(op(40));
        byte[][] b = {log.bytes()[0], stale.bytes()[0], resumed.bytes()[0]};
        WalContents read = WalReader.read(b, new int[] {1, 2, 3}, 0);
        List<String> expected = new java.util.ArrayList<>(log.expected);
        expected.addAll(resumed.expected);
        assertEquals(expected, WalSamples.described(read));
        assertEquals(DroppedBytes.SEQUENCE, read.recovery().dropped().get(0).reason());
        assertEquals(2, read.recovery().dropped().get(0).segment());
    }

    @Test
    void aRecordThatSkipsANumberEndsItsSegment() {
        WalBuffer b = new WalBuffer(64);
        b.append(0, new SegmentStart(0));
        b.append(1, op(1));
        b.append(2, op(2));
        int at = b.size();
        b.append(4, op(4));
        b.append(5, op(5));
        WalContents read = WalReader.read(new byte[][] {Arrays.copyOf(b.array(), b.size())}, new int[] {1}, 0);
        assertEquals(2, read.records().size());
        DroppedBytes d = read.recovery().dropped().get(0);
        assertEquals(DroppedBytes.SEQUENCE, d.reason());
        assertEquals(at, d.offset());
        assertEquals(2, d.records());
        assertEquals(4, d.seq());
    }

    @Test
    void aSegmentMustBeginWithItsStartAndHoldOnlyOne() {
        WalBuffer noStart = new WalBuffer(64);
        noStart.append(1, op(1));
        assertEquals(DroppedBytes.MALFORMED, only(noStart).reason());
        WalBuffer twoStarts = new WalBuffer(64);
        twoStarts.append(0, new SegmentStart(0));
        twoStarts.append(0, new SegmentStart(0));
        assertEquals(DroppedBytes.MALFORMED, only(twoStarts).reason());
    }

    /** Records with a valid CRC but content the format forbids: edited, then resealed. */
    @Test
    void resealedRecordsBreakingTheFormatAreMalformed() {
        assertCut(DroppedBytes.UNKNOWN_OPERATION, 1, (r, start) -> r[start + 4] = 99);
        assertCut(DroppedBytes.MALFORMED, 1, (r, start) -> r[start + 5] = 1);
        assertCut(DroppedBytes.MALFORMED, 1, (r, start) -> r[start + 7] = 1);
        assertCut(DroppedBytes.MALFORMED, 1, (r, start) -> r[start + 15] = (byte) 0x80);
        // Segment start of format version 2: written by a newer TeaVec.
        assertCut(DroppedBytes.MALFORMED, 0, (r, start) -> r[start + 16] = 2);
        // The batch: collection "c" (4 + 1 bytes), then the entry count at payload byte 5.
        assertCut(DroppedBytes.MALFORMED, 1, (r, start) -> setI32(r, start + 16 + 5, 0x7FFFFFFF));
        assertCut(DroppedBytes.MALFORMED, 1, (r, start) -> setI32(r, start + 16 + 9, 70000));
        // Flags of entry 0 (payload byte 13): an undefined bit.
        assertCut(DroppedBytes.MALFORMED, 1, (r, start) -> r[start + 16 + 13] = 0x10);
        // Key "k" (length at payload byte 14, text at 18): a lone continuation byte is not WTF-8.
        assertCut(DroppedBytes.MALFORMED, 1, (r, start) -> r[start + 16 + 18] = (byte) 0x80);
        // Vector value (payload byte 19): NaN.
        assertCut(DroppedBytes.MALFORMED, 1, (r, start) -> setI32(r, start + 16 + 19, 0x7FC00000));
    }

    /**
     * A record the checkpoint covers is never applied, so its payload is not decoded: content that would be
     * malformed (CRC resealed) is skipped as covered, and the records after it still return. The same record
     * after the checkpoint is cut as malformed.
     */
    @Test
    void coveredRecordsAreCheckedByFrameCrcAndSequenceOnly() {
        WalSamples.Log log = new WalSamples.Log(0).segment(0).add(new WriteBatch(WalOp.ADD, "c", new String[] {"k"}, 1,
                null, new float[] {1f}, null, null)).add(op(2)).add(op(3));
        byte[] b = log.bytes()[0];
        int start = log.places.get(0)[1];
        int payload = log.places.get(0)[2] - WalFormat.FRAME_BYTES;
        // Vector value (payload byte 19): NaN, which decoding refuses.
        setI32(b, start + 16 + 19, 0x7FC00000);
        setI32(b, start + WalFormat.HEADER_BYTES + payload, Crc32.update(0, b, start, WalFormat.HEADER_BYTES + payload));
        WalContents covered = WalReader.read(new byte[][] {b}, new int[] {1}, 1);
        assertEquals(log.expected.subList(1, 3), WalSamples.described(covered));
        assertEquals(1, covered.recovery().covered());
        assertTrue(covered.recovery().dropped().isEmpty());
        assertEquals(3, covered.recovery().lastSeq());
        WalContents applied = WalReader.read(new byte[][] {b}, new int[] {1}, 0);
        assertTrue(applied.records().isEmpty());
        assertEquals(DroppedBytes.MALFORMED, applied.recovery().dropped().get(0).reason());
        // A covered record still has to pass its CRC and follow its predecessor.
        b[start + 16 + 20] ^= 1;
        WalContents damaged = WalReader.read(new byte[][] {b}, new int[] {1}, 1);
        assertTrue(damaged.records().isEmpty());
        assertEquals(DroppedBytes.CHECKSUM, damaged.recovery().dropped().get(0).reason());
    }

    private interface Edit {
        void apply(byte[] record, int start);
    }

    private static void assertCut(String reason, int recordIndex, Edit edit) {
        WalSamples.Log log = new WalSamples.Log(0).segment(0).add(new WriteBatch(WalOp.ADD, "c", new String[] {"k"}, 1,
                null, new float[] {1f}, null, null));
        byte[] b = log.bytes()[0];
        int start = recordIndex == 0 ? 0 : log.places.get(recordIndex - 1)[1];
        int length = recordIndex == 0 ? log.places.get(0)[1] : log.places.get(recordIndex - 1)[2];
        edit.apply(b, start);
        int payload = length - WalFormat.FRAME_BYTES;
        setI32(b, start + WalFormat.HEADER_BYTES + payload, Crc32.update(0, b, start, WalFormat.HEADER_BYTES + payload));
        WalContents read = WalReader.read(new byte[][] {b}, new int[] {1}, 0);
        assertTrue(read.records().isEmpty());
        DroppedBytes d = read.recovery().dropped().get(0);
        assertEquals(reason, d.reason(), d.toString());
        assertEquals(start, d.offset());
    }

    private static DroppedBytes only(WalBuffer b) {
        WalContents read = WalReader.read(new byte[][] {Arrays.copyOf(b.array(), b.size())}, new int[] {1}, 0);
        assertTrue(read.records().isEmpty());
        return read.recovery().dropped().get(0);
    }

    private static void setI32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }
}
