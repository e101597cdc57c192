package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.vector.Metric;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Length and count fields set to hostile values, with CRCs recomputed so that the values reach the
 * decoder's checks: each is CORRUPT_SNAPSHOT, and the decoder allocates next to nothing on the way
 * (measured with the JVM's per-thread allocation counter).
 */
class HostileSnapshotTest {
    private static final long SEED = 20261121L;
    private static final int[] HOSTILE = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 1 << 27, (1 << 27) + 1, 1 << 30, 65537, 0x10000000};
    /** Far below the 8 MiB a single level-0 graph chunk takes: a hostile field must fail before any structure. */
    private static final long ALLOCATION_LIMIT = 1 << 20;

    private static boolean graphContent(String what) {
        return what.startsWith("neighbour") || what.contains("links") || what.contains("anchor")
                || what.contains("entry point not") || what.contains("maximum");
    }

    private final byte[] snapshot = IndexSnapshot.encodeToArray(SnapshotScenarios.small(SEED));

    @ParameterizedTest
    @ValueSource(ints = {12, 16})
    void headerFields(int offset) {
        for (int v : HOSTILE) {
            rejects(s -> Reseal.putU32(s, offset, v), "header field at " + offset + " = " + v);
        }
    }

    @Test
    void sectionLengths() {
        for (int id : new int[] {SectionIds.CONFIG, SectionIds.IDS, SectionIds.TOMBSTONES, SectionIds.VECTORS,
            SectionIds.INDEX_STATE}) {
            int payload = Reseal.payload(snapshot, id);
            if (payload < 0) {
                continue;
            }
            for (int v : HOSTILE) {
                int at = payload - SnapshotWriter.FRAME_BYTES + 4;
                rejects(s -> Reseal.putU32(s, at, v), SectionIds.name(id) + " length = " + v);
            }
        }
    }

    /** CONFIG of the small index: "hnsw", its u16 version, "l2", "sq8", the re-rank flag, then dimensions, m, m0. */
    private static final int CONFIG_DIMENSIONS = 5 + 2 + 3 + 4 + 1;
    /** VECTORS of the small index: "sq8" and its u16 version, then the trained flag, then the codes' payload. */
    private int sq8() {
        return Reseal.encodingPayload(snapshot) + 1;
    }

    @Test
    void countsAndDimensions() {
        int sq8 = sq8() - Reseal.payload(snapshot, SectionIds.VECTORS);
        int[][] fields = {
            {SectionIds.IDS, 0}, {SectionIds.IDS, 4}, {SectionIds.TOMBSTONES, 0},
            {SectionIds.VECTORS, sq8}, {SectionIds.VECTORS, sq8 + 4},
            {SectionIds.INDEX_STATE, 0}, {SectionIds.INDEX_STATE, 4}, {SectionIds.INDEX_STATE, 8},
            {SectionIds.INDEX_STATE, 12},
            {SectionIds.CONFIG, CONFIG_DIMENSIONS}, {SectionIds.CONFIG, CONFIG_DIMENSIONS + 4},
            {SectionIds.CONFIG, CONFIG_DIMENSIONS + 8},
        };
        for (int[] f : fields) {
            int at = Reseal.payload(snapshot, f[0]) + f[1];
            for (int v : HOSTILE) {
                if (f[0] == SectionIds.IDS && f[1] == 4 && v == 65537) {
                    continue; // a next id of 65537 is legitimate: ids deleted and compacted away
                }
                rejects(s -> Reseal.putU32(s, at, v), SectionIds.name(f[0]) + "+" + f[1] + " = " + v);
            }
        }
    }

    @Test
    void sq8ClippedCountAndObservedCount() {
        int sq8 = sq8();
        int dims = 4;
        int observedCount = sq8 + 12 + 8 * dims;
        int clippedCount = observedCount + 4 + 8 * dims;
        for (int v : HOSTILE) {
            rejects(s -> Reseal.putU32(s, clippedCount, v), "clipped count = " + v);
        }
        rejects(s -> Reseal.putU32(s, observedCount, 0), "observed count = 0");
        rejects(s -> Reseal.putU32(s, sq8 + 8, 0), "calibrations = 0");
        rejects(s -> Reseal.putU32(s, sq8 + 8, -1), "calibrations = -1");
    }

    @Test
    void graphNeighbourOutOfRangeAndSelfLoops() {
        int graph = Reseal.payload(snapshot, SectionIds.INDEX_STATE);
        int nodes = Reseal.u32(snapshot, graph);
        int lists = graph + 24 + 5 * nodes;
        int firstNeighbour = lists + 2;
        rejects(s -> Reseal.putU32(s, firstNeighbour, nodes), "neighbour = node count");
        rejects(s -> Reseal.putU32(s, firstNeighbour, 0), "node 0 links to itself");
        rejects(s -> Reseal.putU32(s, graph + 12, nodes - 1), "entry point not on the top level");
        rejects(s -> s[lists] = (byte) 0xFF, "neighbour count above capacity");
        rejects(s -> s[graph + 24] = 31, "level above the maximum");
        rejects(s -> Reseal.putU32(s, graph + 24 + nodes + 4, 5), "anchor that does not link");
    }

    @Test
    void anIdMayRepeatOnlyOnDeletedEarlierOrdinals() {
        int first = Reseal.payload(snapshot, SectionIds.IDS) + 8;
        int nextId = Reseal.u32(snapshot, first - 4);
        rejects(s -> Reseal.putU32(s, first + 4, 0), "live id 0 on ordinals 0 and 1");
        rejects(s -> Reseal.putU32(s, first + 4 * 5, 0), "id 0 on live ordinal 0 and again on ordinal 5");
        rejects(s -> Reseal.putU32(s, first, nextId), "an id equal to the next id");
        rejects(s -> Reseal.putU32(s, first - 4, 0), "next id 0 below every id");
        // Ordinal 2 is deleted: holding the id of live ordinal 3 there is an update's former vector, sound.
        byte[] moved = snapshot.clone();
        Reseal.putU32(moved, first + 8, 3);
        Reseal.crcs(moved);
        VectorIndex index = IndexSnapshot.decode(moved);
        index.checkIntegrity();
        assertTrue(index.isDeleted(2) && !index.isDeleted(3), "id 2 has no live ordinal, id 3 has ordinal 3");
        assertEquals(SnapshotScenarios.small(SEED).get(3)[0], index.get(3)[0]);
        // Ids out of ordinal order (as after an update and compaction) are fine too.
        byte[] swapped = snapshot.clone();
        Reseal.putU32(swapped, first + 4 * 3, 4);
        Reseal.putU32(swapped, first + 4 * 4, 3);
        Reseal.crcs(swapped);
        VectorIndex reordered = IndexSnapshot.decode(swapped);
        reordered.checkIntegrity();
        assertEquals(SnapshotScenarios.small(SEED).get(4)[1], reordered.get(3)[1]);
    }

    @Test
    void nanInAVector() {
        VectorIndex flat = Indexes.flat(IndexConfig.builder(3, Metric.L2).indexType("flat").build());
        flat.add(new float[] {1, 2, 3});
        byte[] s0 = IndexSnapshot.encodeToArray(flat);
        int at = Reseal.encodingPayload(s0) + 8;
        byte[] s = s0.clone();
        Reseal.putU32(s, at, Float.floatToRawIntBits(Float.NaN));
        Reseal.crcs(s);
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(s));
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code());
        assertTrue(e.getMessage().contains("at byte " + at), e.getMessage());
    }

    @Test
    void newerFormatVersionAndUnknownSections() {
        byte[] newer = snapshot.clone();
        newer[4] = (byte) (SnapshotWriter.FORMAT_VERSION + 1);
        Reseal.crcs(newer);
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(newer));
        assertEquals(ErrorCode.SNAPSHOT_TOO_NEW, e.code(), "a newer TeaVec wrote it: upgrade, not damage");
        assertTrue(e.getMessage().contains("format version " + (SnapshotWriter.FORMAT_VERSION + 1))
                && e.getMessage().contains("1.." + SnapshotWriter.FORMAT_VERSION), e.getMessage());
        // An unknown section id flagged optional is skipped; the same flagged required is refused.
        byte[] optional = withSectionId(99, SnapshotWriter.FLAG_OPTIONAL);
        VectorIndex decoded = IndexSnapshot.decode(optional);
        decoded.checkIntegrity();
        byte[] required = withSectionId(99, 0);
        e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(required));
        assertEquals(ErrorCode.SNAPSHOT_TOO_NEW, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown"), e.getMessage());
    }

    /** The snapshot with its tombstones section renamed to {@code id}, re-sealed, plus an empty tombstones section. */
    private byte[] withSectionId(int id, int flags) {
        VectorIndex flat = Indexes.flat(IndexConfig.builder(3, Metric.L2).indexType("flat").build());
        flat.add(new float[] {1, 2, 3});
        SectionPayload[] sections = IndexSnapshot.sections(flat);
        SectionPayload extra = new SectionPayload() {
            public int id() { return id; }
            public int version() { return 1; }
            public boolean optional() { return flags != 0; }
            public long size() { return 3; }
            public void write(SnapshotWriter out) { out.u8(1); out.u8(2); out.u8(3); }
        };
        SectionPayload[] all = java.util.Arrays.copyOf(sections, sections.length + 1);
        all[sections.length] = extra;
        return SnapshotWriter.encode(SnapshotWriter.KIND_INDEX, all).toArray();
    }

    private void rejects(Consumer<byte[]> tamper, String what) {
        byte[] s = snapshot.clone();
        tamper.accept(s);
        Reseal.crcs(s);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        TeaVecException e = assertThrows(TeaVecException.class,
                () -> IndexSnapshot.decode(SnapshotBytes.of(s), SnapshotLimits.withBudget(16 << 20, 0)), what);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), what + ": " + e.getMessage());
        // Graph damage is found while the graph is built; every count and length is refused before.
        if (!graphContent(what)) {
            assertTrue(allocated < ALLOCATION_LIMIT, what + ": allocated " + allocated + " bytes before failing ("
                    + e.getMessage() + ")");
        }
    }
}
