package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hnsw state's version 2 (a lean graph: no level-0 keys) refuses damage as CORRUPT_SNAPSHOT, never worse. */
class HnswLeanSnapshotTest {
    private static final int DIM = 8;
    private static final int N = 300;
    /** n, m, m0, entry point, level generator state. */
    private static final int HEADER = 4 + 4 + 4 + 4 + 8;

    private static byte[] snapshot(long seed, boolean lean, String quantization) {
        VectorIndex index = IndexTypes.BUILT_IN.create(IndexConfig.builder(DIM, Metric.L2).indexType("hnsw")
                .quantization(quantization).rerankFromStorage(lean).m(4).efConstruction(20).sq8TrainingSize(64)
                .seed(seed).build());
        Random random = new Random(seed);
        for (int i = 0; i < N; i++) {
            float[] x = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                x[d] = (float) random.nextGaussian();
            }
            index.add(x);
        }
        return IndexSnapshot.encodeToArray(index);
    }

    private static int typeVersionAt(byte[] s) {
        return Reseal.payload(s, SectionIds.CONFIG) + 1 + "hnsw".length();
    }

    private static void corrupt(byte[] s, String message, String where) {
        Reseal.crcs(s);
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(s), where);
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), where + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(message), where + ": " + e.getMessage());
    }

    @Test
    void damagedLevel0ListsAreCorrupt() {
        long seed = TestSeeds.forExactProperty();
        byte[] lean = snapshot(seed, true, "sq8");
        assertEquals(2, lean[typeVersionAt(lean)], "a lean graph writes state version 2");
        int state = Reseal.payload(lean, SectionIds.INDEX_STATE);
        int firstList = state + HEADER + 5 * N;
        byte[] s = lean.clone();
        Reseal.putU32(s, firstList + 2, N);
        corrupt(s, "links to " + N + ", not a node", "seed " + seed + ": id out of range");
        s = lean.clone();
        s[firstList] = 9;
        s[firstList + 1] = 0;
        corrupt(s, "has 9 neighbours on level 0, capacity 8", "seed " + seed + ": over capacity");
        // Read as version 1, the level-0 lists' ids are taken for keys and the lists after them for garbage.
        s = lean.clone();
        s[typeVersionAt(s)] = 1;
        Reseal.crcs(s);
        byte[] v1 = s;
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(v1), "seed " + seed);
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), e.getMessage());
    }

    @Test
    void aKeyedStateAnnouncedAsLeanIsCorrupt() {
        long seed = TestSeeds.forExactProperty();
        // Its level-0 keys are then read as ids and counts.
        for (String quantization : new String[] {"sq8", "none"}) {
            byte[] s = snapshot(seed, false, quantization);
            assertEquals(1, s[typeVersionAt(s)], "a keyed graph still writes state version 1");
            s[typeVersionAt(s)] = 2;
            Reseal.crcs(s);
            TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(s), "seed " + seed);
            assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), quantization + " seed " + seed + ": " + e.getMessage());
        }
    }

    /** Any byte of the state set to any of a few values: it loads and passes checkIntegrity, or is CORRUPT_SNAPSHOT. */
    @Test
    void anyDamagedByteOfALeanStateLoadsSoundOrIsCorrupt() {
        long seed = TestSeeds.forExactProperty();
        byte[] lean = snapshot(seed, true, "sq8");
        int state = Reseal.payload(lean, SectionIds.INDEX_STATE);
        int end = state + Reseal.u32(lean, state - SnapshotWriter.FRAME_BYTES + 4);
        Random random = new Random(seed);
        for (int trial = 0; trial < 3000; trial++) {
            int at = state + random.nextInt(end - state);
            byte value = (byte) new int[] {0, 0xFF, 0x7F, 0x80, 1, random.nextInt(256)}[trial % 6];
            if (lean[at] == value) {
                continue;
            }
            byte[] s = lean.clone();
            s[at] = value;
            Reseal.crcs(s);
            try {
                IndexSnapshot.decode(s).checkIntegrity();
            } catch (TeaVecException e) {
                assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), "seed " + seed + " byte " + at + ": " + e.getMessage());
            }
        }
    }
}
