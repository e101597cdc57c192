package dev.teavec.core.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every operation reads back exactly as written, across segments, with sequence numbers and positions. */
class WalRoundTripTest {
    private static final long SEED = 20261202L;

    @Test
    void randomLogsReadBackExactly() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int run = 0; run < 300; run++) {
            WalSamples.Log log = new WalSamples.Log(0).segment(0);
            int n = r.nextInt(30);
            for (int i = 0; i < n; i++) {
                if (r.nextInt(10) == 0) {
                    log.segment(r.nextInt(5));
                }
                log.add(WalSamples.operation(r));
            }
            WalContents read = WalReader.read(log.bytes(), log.ids(), 0);
            String where = "seed " + SEED + ", run " + run;
            assertEquals(log.expected, WalSamples.described(read), where);
            assertTrue(read.recovery().isClean(), where);
            assertTrue(read.recovery().lastSegmentUsable(), where);
            assertEquals(n, read.recovery().lastSeq(), where);
            for (int i = 0; i < n; i++) {
                WalRecord record = read.records().get(i);
                assertEquals(i + 1, record.seq(), where);
                assertEquals(log.places.get(i)[0] + 1, record.segment(), where);
                assertEquals(log.places.get(i)[1], record.offset(), where);
            }
        }
    }

    @Test
    void recordsTheCheckpointHoldsAreSkipped() {
        SplittableRandom r = new SplittableRandom(SEED);
        WalSamples.Log log = new WalSamples.Log(0).segment(0);
        for (int i = 0; i < 10; i++) {
            log.add(WalSamples.operation(r));
        }
        for (int c = 0; c <= 10; c++) {
            WalContents read = WalReader.read(log.bytes(), log.ids(), c);
            assertEquals(log.expected.subList(c, 10), WalSamples.described(read), "checkpoint at " + c);
            assertEquals(c, read.recovery().covered());
            assertEquals(10, read.recovery().lastSeq());
        }
        // A checkpoint newer than the whole log: nothing to apply, the state ends at the checkpoint.
        WalContents read = WalReader.read(log.bytes(), log.ids(), 25);
        assertTrue(read.records().isEmpty());
        assertEquals(25, read.recovery().lastSeq());
        assertTrue(read.recovery().isClean());
    }

    @Test
    void anEmptyLogAndAnEmptySegment() {
        WalContents none = WalReader.read(new byte[0][], new int[0], 7);
        assertTrue(none.records().isEmpty());
        assertEquals(7, none.recovery().lastSeq());
        assertFalse(none.recovery().lastSegmentUsable());
        WalContents empty = WalReader.read(new byte[][] {new byte[0]}, new int[] {4}, 0);
        assertTrue(empty.recovery().isClean());
        assertFalse(empty.recovery().lastSegmentUsable(), "a segment without its start takes no appends");
        assertEquals(-1, empty.recovery().segmentStart(0));
    }

    @Test
    void segmentStartsAreReported() {
        WalSamples.Log log = new WalSamples.Log(40).segment(3);
        log.add(CollectionChange.delete("a")).segment(4).add(CollectionChange.delete("b"));
        WalRecovery recovery = WalReader.read(log.bytes(), new int[] {7, 9}, 40).recovery();
        assertEquals(2, recovery.segmentCount());
        assertEquals(7, recovery.segmentId(0));
        assertEquals(40, recovery.segmentStart(0));
        assertEquals(3, recovery.segmentGeneration(0));
        assertEquals(41, recovery.segmentStart(1));
        assertEquals(4, recovery.segmentGeneration(1));
        assertEquals(42, recovery.lastSeq());
    }

    @Test
    void constructorsCheckTheirArguments() {
        assertInvalid(() -> CollectionChange.create("", "{}"));
        assertInvalid(() -> CollectionChange.create("x".repeat(1025), "{}"));
        assertInvalid(() -> CollectionChange.modify("a", null, null));
        assertInvalid(() -> new DeleteKeys("a", new String[0]));
        assertInvalid(() -> new DeleteKeys("a", new String[] {""}));
        assertInvalid(() -> new WriteBatch(WalOp.DELETE, "a", new String[] {"k"}, 0, null, null, null, null));
        assertInvalid(() -> new WriteBatch(WalOp.ADD, "a", new String[] {"k"}, 2, null, new float[3], null, null));
        assertInvalid(() -> new WriteBatch(WalOp.ADD, "a", new String[] {"k"}, 2, new boolean[] {false}, new float[0],
                null, null));
        assertInvalid(() -> new WriteBatch(WalOp.ADD, "a", new String[] {"k", "l"}, 0, null, null, new String[1], null));
        assertInvalid(() -> new WriteBatch(WalOp.ADD, "a", new String[] {"x".repeat(4097)}, 0, null, null, null, null));
        assertInvalid(() -> new SegmentStart(-1));
        assertInvalid(() -> new WalBuffer(0).append(-1, CollectionChange.delete("a")));
    }

    @Test
    void aRecordOverTheLimitIsRefusedAndNothingIsAppended() {
        WalBuffer b = new WalBuffer(64);
        b.append(0, new SegmentStart(0));
        int before = b.size();
        // Three bytes of WTF-8 per character: just over the limit with a third as many characters.
        String big = "\u4e2d".repeat(WalFormat.MAX_PAYLOAD / 3 + 1);
        TeaVecException e = assertThrows(TeaVecException.class, () -> b.append(1, CollectionChange.create("a", big)));
        assertEquals(ErrorCode.CAPACITY_EXCEEDED, e.code());
        assertEquals(before, b.size());
    }

    @Test
    void aBatchWithoutVectorsAndOneWithEveryColumn() {
        WriteBatch plain = new WriteBatch(WalOp.UPDATE, "c", new String[] {"a", "b"}, 0, null, null,
                new String[] {null, "{}"}, null);
        WriteBatch full = new WriteBatch(WalOp.UPSERT, "c", new String[] {"a"}, 3, null, new float[] {1, -0f, 3e-40f},
                new String[] {"{\"x\":1}"}, new String[] {""});
        WalSamples.Log log = new WalSamples.Log(0).segment(0).add(plain).add(full);
        List<WalRecord> records = WalReader.read(log.bytes(), log.ids(), 0).records();
        WriteBatch a = (WriteBatch) records.get(0).operation();
        assertEquals(0, a.dimensions());
        assertEquals(null, a.metadata(0));
        assertEquals("{}", a.metadata(1));
        WriteBatch b = (WriteBatch) records.get(1).operation();
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(b.vectors()[1]));
        assertEquals(Float.floatToRawIntBits(3e-40f), Float.floatToRawIntBits(b.vectors()[2]), "subnormals kept");
        assertEquals("", b.document(0));
    }

    private static void assertInvalid(Runnable r) {
        TeaVecException e = assertThrows(TeaVecException.class, r::run);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
    }
}
