package dev.teavec.core.testkit;

import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.codec.SnapshotBytes;
import dev.teavec.core.codec.SnapshotLimits;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.AutoIndex;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Snapshot behaviour as plain methods (no JUnit types), run by JUnit 5 on the JVM and by TeaVM's
 * runner in Wasm GC: round trips of every index variant that must give back an identical index,
 * and damage (every bit flip, every truncation) that must give CORRUPT_SNAPSHOT.
 */
public final class SnapshotScenarios {
    /**
     * Every structure a snapshot can hold, with deletes; "updated" ones also replace vectors in place
     * (ids then sit on several ordinals, out of order), before and after AUTO's switch and compaction.
     */
    public static final String[] VARIANTS = {"flat", "hnsw", "sq8", "sq8-rerank", "sq8-untrained", "auto-flat",
        "auto-hnsw", "auto-sq8", "empty-hnsw", "compacted-hnsw", "flat-updated", "hnsw-updated", "sq8-updated",
        "sq8-rerank-updated", "auto-flat-updated", "auto-hnsw-updated", "auto-sq8-updated", "compacted-hnsw-updated",
        "compacted-flat-updated", "user", "user-updated"};

    private SnapshotScenarios() {
    }

    public static IndexConfig config(String variant, int dims, Metric metric, long seed) {
        IndexConfig.Builder b = IndexConfig.builder(dims, metric).seed(seed).m(8).efConstruction(40).efSearch(40);
        if (variant.startsWith("flat")) {
            b.indexType("flat");
        } else if (variant.startsWith("user")) {
            b.indexType(IdListIndexType.NAME);
        } else if (variant.startsWith("auto")) {
            b.indexType("auto").autoThreshold(120);
        } else {
            b.indexType("hnsw");
        }
        if (variant.contains("sq8")) {
            b.quantization("sq8").sq8TrainingSize(variant.contains("untrained") ? 100000 : 60);
        }
        // The extended encodings (JVM only): variants naming "float16" or "sq4" as they name "sq8".
        if (variant.contains("float16")) {
            b.quantization("float16");
        }
        if (variant.contains("sq4")) {
            b.quantization("sq4").sq8TrainingSize(variant.contains("untrained") ? 100000 : 60);
        }
        if (variant.contains("binary")) {
            // Not in VARIANTS (the core engine's Wasm runs lack it): codec/BinarySnapshotTest runs these.
            b.quantization("binary").sq8TrainingSize(variant.contains("untrained") ? 100000 : 60);
        }
        if (variant.contains("pq")) {
            // 5 sub-spaces of 12 dimensions: uneven (3, 3, 2, 2, 2).
            b.quantization("pq").pqSubspaces(5).pqTrainingSize(variant.contains("untrained") ? 100000 : 60);
        }
        if (variant.contains("rerank")) {
            b.keepFloatsForRerank(true);
        }
        return b.build();
    }

    /** An index of the variant with {@code n} vectors (fewer for the empty and pre-switch ones) and some deletes. */
    public static VectorIndex build(String variant, Metric metric, int dims, int n, long seed) {
        Random random = new Random(seed);
        VectorIndex index = IdListIndexType.REGISTRY.create(config(variant, dims, metric, seed));
        int count = variant.startsWith("empty") ? 0 : variant.startsWith("auto-flat") ? Math.min(n, 100) : n;
        boolean updated = variant.endsWith("updated");
        float[][] data = IndexScenarios.clustered(random, count, dims);
        float[][] fresh = IndexScenarios.clustered(new Random(seed + 7), count, dims);
        // Updated variants replace vectors of the first third before the rest arrive (so before AUTO's switch).
        int first = updated ? count / 3 : count;
        for (int i = 0; i < first; i++) {
            index.add(data[i]);
        }
        if (updated) {
            update(index, 1, first, 4, fresh);
            for (int i = first; i < count; i++) {
                index.add(data[i]);
            }
        }
        for (int id = 3; id < count; id += 7) {
            index.delete(id);
        }
        if (updated) {
            update(index, 2, count, 5, fresh);
            // Updated twice: the id sits on three ordinals; then deleted: its last ordinal is a tombstone too.
            update(index, 1, count, 12, data);
            if (count > 9 && !index.isDeleted(9)) {
                index.delete(9);
            }
        }
        if (variant.startsWith("compacted")) {
            index.compact();
            index.delete(count - 1);
            if (updated) {
                update(index, 0, count, 6, data);
            }
        }
        if (variant.startsWith("auto")) {
            Check.isTrue(((AutoIndex) index).usesHnsw() == !variant.startsWith("auto-flat"), variant + ": AUTO phase");
        }
        if (variant.equals("sq8-untrained")) {
            Check.isTrue(!Indexes.isQuantized(index), variant + ": not trained yet");
        }
        return index;
    }

    /** Replaces the vector of every live id {@code from, from + step, ...} below {@code to} with {@code with[id]}. */
    public static void update(VectorIndex index, int from, int to, int step, float[][] with) {
        for (int id = from; id < to; id += step) {
            if (!index.isDeleted(id)) {
                index.update(id, with[id]);
            }
        }
    }

    private static float[][] moreFor(int count, int dims, long seed) {
        return IndexScenarios.clustered(new Random(seed + 2), count, dims);
    }

    public static float[][] queries(int count, int dims, long seed) {
        return IndexScenarios.clustered(new Random(seed ^ 0x5EEDL), count, dims);
    }

    /**
     * Encode, decode, and check the copy is the same index; then apply the same further inserts,
     * deletes and a compaction to both and check again (ids are never reused after a load).
     */
    public static void roundTrip(String variant, Metric metric, long seed) {
        int dims = 12;
        String what = variant + "/" + metric.jsName() + " seed " + seed;
        VectorIndex original = build(variant, metric, dims, 240, seed);
        SnapshotBytes bytes = IndexSnapshot.encode(original);
        VectorIndex copy = IndexSnapshot.decode(bytes, SnapshotLimits.DEFAULT, IdListIndexType.REGISTRY);
        float[][] queries = queries(40, dims, seed);
        assertSame(original, copy, queries, what + " after load");
        byte[] again = IndexSnapshot.encodeToArray(copy);
        Check.isTrue(java.util.Arrays.equals(bytes.toArray(), again), what + ": re-encoding the copy gives the same bytes");

        float[][] more = IndexScenarios.clustered(new Random(seed + 1), 150, dims);
        for (float[] v : more) {
            Check.equal(original.add(v), copy.add(v), what + ": the next id after load");
        }
        for (int id = 5; id < original.size(); id += 5) {
            if (!original.isDeleted(id)) {
                original.delete(id);
                copy.delete(id);
            }
        }
        update(original, 2, original.idLimit(), 9, moreFor(original.idLimit(), dims, seed));
        update(copy, 2, copy.idLimit(), 9, moreFor(copy.idLimit(), dims, seed));
        assertSame(original, copy, queries, what + " after further inserts, updates and deletes");
        original.compact();
        copy.compact();
        assertSame(original, copy, queries, what + " after compaction");
        Check.equal(original.add(more[0]), copy.add(more[0]), what + ": the next id after compaction");
    }

    /** Same counts, same tombstones, same vectors, and identical results (ids and distances) for every query. */
    public static void assertSame(VectorIndex expected, VectorIndex actual, float[][] queries, String what) {
        actual.checkIntegrity();
        Check.equal(expected.dimensions(), actual.dimensions(), what + ": dimensions");
        Check.isTrue(expected.metric() == actual.metric(), what + ": metric");
        Check.equal(expected.liveCount(), actual.liveCount(), what + ": live count");
        Check.equal(expected.deletedCount(), actual.deletedCount(), what + ": deleted count");
        Check.equal(expected.memoryBytes() > 0 ? 1 : 0, actual.memoryBytes() > 0 ? 1 : 0, what + ": memory reported");
        int probe = expected.liveCount() + expected.deletedCount() + 400;
        for (int id = 0; id < probe; id++) {
            Check.isTrue(expected.isDeleted(id) == actual.isDeleted(id), what + ": isDeleted(" + id + ")");
            boolean live = isLive(expected, id);
            Check.isTrue(live == isLive(actual, id), what + ": id " + id + " live in both or neither");
            if (live) {
                float[] a = expected.get(id);
                float[] b = actual.get(id);
                for (int d = 0; d < a.length; d++) {
                    Check.isTrue(Float.floatToIntBits(a[d]) == Float.floatToIntBits(b[d]), what + ": vector " + id);
                }
            }
        }
        for (int q = 0; q < queries.length; q++) {
            SearchResult a = expected.search(queries[q], 10);
            SearchResult b = actual.search(queries[q], 10);
            Check.ids(a.ids(), b.ids(), what + ": query " + q);
            for (int i = 0; i < a.size(); i++) {
                Check.isTrue(Float.floatToIntBits(a.distance(i)) == Float.floatToIntBits(b.distance(i)),
                        what + ": distance " + i + " of query " + q + ": " + a.distance(i) + " vs " + b.distance(i));
            }
        }
    }

    private static boolean isLive(VectorIndex index, int id) {
        try {
            index.get(id);
            return true;
        } catch (TeaVecException e) {
            return false;
        }
    }

    /** A small HNSW index with SQ8 codes and deletes: snapshots of a few kilobytes for exhaustive damage tests. */
    public static VectorIndex small(long seed) {
        IndexConfig config = IndexConfig.builder(4, Metric.L2).indexType("hnsw").quantization("sq8")
                .sq8TrainingSize(8).m(4).efConstruction(16).seed(seed).build();
        VectorIndex index = IndexTypes.BUILT_IN.create(config);
        float[][] data = IndexScenarios.clustered(new Random(seed), 24, 4);
        for (float[] v : data) {
            index.add(v);
        }
        index.delete(2);
        index.delete(11);
        return index;
    }

    /** Every single-bit flip of the snapshot gives CORRUPT_SNAPSHOT; returns how many were tried. */
    public static int everyBitFlipIsCorrupt(byte[] snapshot) {
        return everyBitFlipIsCorrupt(snapshot, IndexSnapshot::decode);
    }

    /** Every proper prefix of the snapshot gives CORRUPT_SNAPSHOT; returns how many were tried. */
    public static int everyTruncationIsCorrupt(byte[] snapshot) {
        return everyTruncationIsCorrupt(snapshot, IndexSnapshot::decode);
    }

    /** Every single-bit flip of {@code snapshot} makes {@code decode} fail with CORRUPT_SNAPSHOT; returns how many were tried. */
    static int everyBitFlipIsCorrupt(byte[] snapshot, Consumer<byte[]> decode) {
        for (int i = 0; i < snapshot.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = snapshot.clone();
                damaged[i] ^= (byte) (1 << bit);
                int at = i;
                int b = bit;
                Check.fails(ErrorCode.CORRUPT_SNAPSHOT, () -> decode.accept(damaged),
                        "bit " + b + " of byte " + at + " flipped");
            }
        }
        return snapshot.length * 8;
    }

    /** Every proper prefix of {@code snapshot}, and it with one byte appended, makes {@code decode} fail with CORRUPT_SNAPSHOT. */
    static int everyTruncationIsCorrupt(byte[] snapshot, Consumer<byte[]> decode) {
        for (int len = 0; len < snapshot.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(snapshot, len);
            int l = len;
            Check.fails(ErrorCode.CORRUPT_SNAPSHOT, () -> decode.accept(cut), "truncated to " + l + " bytes");
        }
        byte[] longer = java.util.Arrays.copyOf(snapshot, snapshot.length + 1);
        Check.fails(ErrorCode.CORRUPT_SNAPSHOT, () -> decode.accept(longer), "one byte appended");
        return snapshot.length + 1;
    }
}
