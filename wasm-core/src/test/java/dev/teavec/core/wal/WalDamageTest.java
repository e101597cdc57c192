package dev.teavec.core.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Damage of every kind is cut at the last good record: exhaustively every bit flip and every truncation of
 * a small two-segment log, then seeded bursts and random garbage. What is returned is always exactly the
 * records before the damage, never anything after it and never a changed record.
 */
class WalDamageTest {
    private static final long SEED = 20261203L;

    /** Two segments of small records of every kind; segment 2 continues segment 1. */
    static WalSamples.Log smallLog() {
        SplittableRandom r = new SplittableRandom(SEED);
        WalSamples.Log log = new WalSamples.Log(0).segment(0);
        log.add(CollectionChange.create("c", "{}"));
        log.add(new WriteBatch(WalOp.ADD, "c", new String[] {"a", "b"}, 2, null, new float[] {1, 2, 3, 4},
                new String[] {"{\"t\":1}", null}, new String[] {null, "doc"}));
        log.add(new DeleteKeys("c", new String[] {"a"}));
        log.segment(1);
        log.add(CollectionChange.modify("c", "d", "null"));
        log.add(WalSamples.batch(r, "d"));
        log.add(CollectionChange.delete("d"));
        return log;
    }

    /** Index (in log order) of the first record whose bytes include {@code segment}'s byte {@code pos}; for a segment start, its segment's first record. */
    static int recordAt(WalSamples.Log log, int segment, int pos) {
        for (int k = 0; k < log.places.size(); k++) {
            int[] p = log.places.get(k);
            if (p[0] == segment && pos < p[1] + p[2]) {
                return k;
            }
            if (p[0] > segment) {
                return k;
            }
        }
        return log.places.size();
    }

    @Test
    void everyBitFlipIsCutAtTheLastGoodRecord() {
        WalSamples.Log log = smallLog();
        byte[][] original = log.bytes();
        int flips = 0;
        for (int s = 0; s < original.length; s++) {
            for (int pos = 0; pos < original[s].length; pos++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[][] damaged = copy(original);
                    damaged[s][pos] ^= (byte) (1 << bit);
                    WalContents read = WalReader.read(damaged, log.ids(), 0);
                    int k = recordAt(log, s, pos);
                    String where = "segment " + (s + 1) + " byte " + pos + " bit " + bit;
                    assertEquals(log.expected.subList(0, k), WalSamples.described(read), where);
                    List<DroppedBytes> dropped = read.recovery().dropped();
                    assertFalse(dropped.isEmpty(), where);
                    assertEquals(s + 1, dropped.get(0).segment(), where);
                    assertEquals(recordStart(log, s, pos), dropped.get(0).offset(), where);
                    assertEquals(original[s].length - dropped.get(0).offset(), dropped.get(0).bytes(), where);
                    assertEquals(k == 0 ? 0 : log.seqs.get(k - 1), read.recovery().lastSeq(), where);
                    flips++;
                }
            }
        }
        assertTrue(flips > 2000, "flips: " + flips);
    }

    /** Start of the record (or segment start) holding byte {@code pos} of segment {@code s}. */
    private static int recordStart(WalSamples.Log log, int s, int pos) {
        int start = 0;
        for (int[] p : log.places) {
            if (p[0] == s && p[1] <= pos) {
                start = p[1];
            }
        }
        return start;
    }

    @Test
    void everyTruncationIsCutAtTheLastWholeRecord() {
        WalSamples.Log log = smallLog();
        byte[][] original = log.bytes();
        for (int s = 0; s < original.length; s++) {
            for (int length = 0; length < original[s].length; length++) {
                byte[][] cut = copy(original);
                cut[s] = Arrays.copyOf(original[s], length);
                WalContents read = WalReader.read(cut, log.ids(), 0);
                int whole = 0;
                for (int k = 0; k < log.places.size(); k++) {
                    int[] p = log.places.get(k);
                    if (p[0] < s || (p[0] == s && p[1] + p[2] <= length)) {
                        whole = k + 1;
                    }
                }
                // Cutting segment 1 loses records segment 2 continues from: segment 2 is then a gap.
                String where = "segment " + (s + 1) + " cut to " + length + " bytes";
                assertEquals(log.expected.subList(0, whole), WalSamples.described(read), where);
                boolean atBoundary = length == 0 || isBoundary(log, s, length);
                if (s == original.length - 1) {
                    assertEquals(atBoundary, read.recovery().isClean(), where);
                    assertEquals(atBoundary && length > 0, read.recovery().lastSegmentUsable(), where);
                } else {
                    DroppedBytes last = read.recovery().dropped().get(read.recovery().dropped().size() - 1);
                    assertEquals(DroppedBytes.GAP, last.reason(), where);
                    assertEquals(2, last.segment(), where);
                }
                if (!atBoundary) {
                    DroppedBytes first = read.recovery().dropped().get(0);
                    assertEquals(DroppedBytes.TORN, first.reason(), where);
                    assertEquals(0, first.records(), where);
                }
            }
        }
    }

    private static boolean isBoundary(WalSamples.Log log, int s, int length) {
        for (int[] p : log.places) {
            if (p[0] == s && p[1] + p[2] == length) {
                return true;
            }
        }
        // The end of the segment start (before the segment's first record).
        for (int[] p : log.places) {
            if (p[0] == s) {
                return p[1] == length;
            }
        }
        return false;
    }

    @Test
    void burstsUpToFourBytesAreAlwaysDetected() {
        WalSamples.Log log = smallLog();
        byte[][] original = log.bytes();
        SplittableRandom r = new SplittableRandom(SEED);
        for (int run = 0; run < 20000; run++) {
            int s = r.nextInt(original.length);
            int width = 1 + r.nextInt(4);
            int pos = r.nextInt(original[s].length - width + 1);
            byte[][] damaged = copy(original);
            boolean changed = false;
            for (int i = 0; i < width; i++) {
                byte b = (byte) r.nextInt(256);
                changed |= b != damaged[s][pos + i];
                damaged[s][pos + i] = b;
            }
            if (!changed) {
                continue;
            }
            int first = pos;
            while (damaged[s][first] == original[s][first]) {
                first++;
            }
            WalContents read = WalReader.read(damaged, log.ids(), 0);
            assertEquals(log.expected.subList(0, recordAt(log, s, first)), WalSamples.described(read),
                    "seed " + SEED + ", run " + run);
        }
    }

    @Test
    void randomGarbageNeverThrowsAndOnlyEverYieldsAPrefix() {
        WalSamples.Log log = smallLog();
        byte[][] original = log.bytes();
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int run = 0; run < 20000; run++) {
            byte[][] damaged = copy(original);
            int s = r.nextInt(original.length);
            for (int n = 1 + r.nextInt(8); n > 0; n--) {
                damaged[s][r.nextInt(damaged[s].length)] = (byte) r.nextInt(256);
            }
            if (r.nextBoolean()) {
                damaged[s] = Arrays.copyOf(damaged[s], r.nextInt(damaged[s].length + 64));
            }
            List<String> read = WalSamples.described(WalReader.read(damaged, log.ids(), 0));
            assertEquals(log.expected.subList(0, read.size()), read, "seed " + (SEED + 1) + ", run " + run);
        }
    }

    @Test
    void aZeroFilledTailIsCut() {
        WalSamples.Log log = smallLog();
        for (int zeros : new int[] {1, 15, 16, 20, 4096}) {
            byte[][] b = log.bytes();
            int end = b[1].length;
            b[1] = Arrays.copyOf(b[1], end + zeros);
            WalContents read = WalReader.read(b, log.ids(), 0);
            assertEquals(log.expected, WalSamples.described(read), zeros + " zeros");
            DroppedBytes d = read.recovery().dropped().get(0);
            assertEquals(end, d.offset());
            assertEquals(zeros, d.bytes());
            assertFalse(read.recovery().lastSegmentUsable());
        }
    }

    static byte[][] copy(byte[][] b) {
        byte[][] out = new byte[b.length][];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i].clone();
        }
        return out;
    }
}
