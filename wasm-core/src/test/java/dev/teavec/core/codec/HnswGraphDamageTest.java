package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damage to an HNSW graph's lists that only the graph's own checks can see (CRCs recomputed, every count and
 * length left valid): the reader fills the lists in place and checks each as it arrives, and the load's
 * integrity check relies on it (it no longer walks the graph a second time). Each tamper must be refused with
 * CORRUPT_SNAPSHOT naming its problem, for a keyed graph (format version 1) and a lean one (version 2).
 */
class HnswGraphDamageTest {
    private static final long SEED = 20261207L;

    /** Where each list of the snapshot's graph lies: the offset of its u16 count, by node and level. */
    private static final class Lists {
        final int graph;
        final int nodes;
        final int entryPoint;
        final int[] levels;
        final int[][] at;
        final boolean keyed;

        Lists(byte[] s, boolean keyed) {
            this.keyed = keyed;
            graph = Reseal.payload(s, SectionIds.INDEX_STATE);
            nodes = Reseal.u32(s, graph);
            entryPoint = Reseal.u32(s, graph + 12);
            levels = new int[nodes];
            at = new int[nodes][];
            int pos = graph + 24 + 5 * nodes;
            for (int node = 0; node < nodes; node++) {
                levels[node] = s[graph + 24 + node];
                at[node] = new int[levels[node] + 1];
                for (int level = 0; level <= levels[node]; level++) {
                    at[node][level] = pos;
                    pos += 2 + (level > 0 || keyed ? 8 : 4) * count(s, node, level);
                }
            }
            int end = graph + Reseal.u32(s, graph - SnapshotWriter.FRAME_BYTES + 4);
            assertEquals(end, pos, "the lists end where the payload does");
        }

        int count(byte[] s, int node, int level) {
            return (s[at[node][level]] & 0xFF) | (s[at[node][level] + 1] & 0xFF) << 8;
        }

        int idAt(int node, int level, int i) {
            return at[node][level] + 2 + 4 * i;
        }

        int keyAt(byte[] s, int node, int level, int i) {
            return at[node][level] + 2 + 4 * count(s, node, level) + 4 * i;
        }

        boolean contains(byte[] s, int node, int level, int nb) {
            for (int i = 0; i < count(s, node, level); i++) {
                if (Reseal.u32(s, idAt(node, level, i)) == nb) {
                    return true;
                }
            }
            return false;
        }
    }

    private static byte[] snapshot(boolean lean) {
        IndexConfig config = IndexConfig.builder(4, Metric.L2).indexType("hnsw").quantization("sq8")
                .sq8TrainingSize(8).m(4).efConstruction(16).leanGraph(lean).seed(SEED).build();
        VectorIndex index = IndexTypes.BUILT_IN.create(config);
        Random random = new Random(SEED);
        for (int i = 0; i < 60; i++) {
            index.add(new float[] {(float) random.nextGaussian(), (float) random.nextGaussian(),
                (float) random.nextGaussian(), (float) random.nextGaussian()});
        }
        return IndexSnapshot.encodeToArray(index);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void eachListIsCheckedAsItIsRead(boolean lean) {
        byte[] snapshot = snapshot(lean);
        Lists g = new Lists(snapshot, !lean);
        int upper = -1;
        int levelZero = -1;
        for (int node = 0; node < g.nodes; node++) {
            if (upper < 0 && g.levels[node] > 0 && g.count(snapshot, node, 1) >= 2) {
                upper = node;
            }
            if (g.levels[node] == 0) {
                levelZero = node;
            }
        }
        assertTrue(upper >= 0 && levelZero >= 0 && g.count(snapshot, 0, 0) >= 2, "the graph has what the cases damage");
        int u = upper;
        int low = levelZero;
        rejects(snapshot, s -> Reseal.putU32(s, g.idAt(0, 0, 1), Reseal.u32(s, g.idAt(0, 0, 0))), "twice");
        rejects(snapshot, s -> Reseal.putU32(s, g.idAt(u, 1, 0), u), "itself");
        rejects(snapshot, s -> Reseal.putU32(s, g.idAt(u, 1, 1), low), "not on that level");
        rejects(snapshot, s -> Reseal.putU32(s, g.idAt(u, 0, 0), -1), "not a node");
        rejects(snapshot, s -> Reseal.putU32(s, g.keyAt(s, u, 1, 0), Float.floatToRawIntBits(Float.NaN)), "NaN or out of order");
        rejects(snapshot, s -> Reseal.putU32(s, g.keyAt(s, u, 1, 0), Float.floatToRawIntBits(1e30f)), "NaN or out of order");
        if (!lean) {
            rejects(snapshot, s -> Reseal.putU32(s, g.keyAt(s, 0, 0, 1), Float.floatToRawIntBits(-1e30f)), "NaN or out of order");
        }
        rejects(snapshot, s -> unlink(s, g, low), "unreachable");
    }

    /** Replaces every link to {@code x} by one to another node the list may hold, and drops x's anchor: x is cut off. */
    private static void unlink(byte[] s, Lists g, int x) {
        assertTrue(x != g.entryPoint);
        Reseal.putU32(s, g.graph + 24 + g.nodes + 4 * x, -1);
        for (int node = 0; node < g.nodes; node++) {
            for (int level = 0; level <= g.levels[node]; level++) {
                for (int i = 0; i < g.count(s, node, level); i++) {
                    if (Reseal.u32(s, g.idAt(node, level, i)) != x) {
                        continue;
                    }
                    int y = 0;
                    while (y == x || y == node || g.levels[y] < level || g.contains(s, node, level, y)) {
                        y++;
                    }
                    Reseal.putU32(s, g.idAt(node, level, i), y);
                }
            }
        }
    }

    private static void rejects(byte[] snapshot, Consumer<byte[]> tamper, String problem) {
        byte[] s = snapshot.clone();
        tamper.accept(s);
        Reseal.crcs(s);
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(s), problem);
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), problem + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), problem + ": " + e.getMessage());
    }
}
