package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.db.VectorDatabase;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.filter.Filter;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexFactory;
import dev.teavec.core.index.IndexType;
import dev.teavec.core.index.Quantization;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.Metric;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the decoder: valid snapshots of every structure, some with in-place
 * updates, metadata, keys and documents, mutated by bit flips,
 * byte overwrites, truncations, extensions, hostile u32 fields and splices between snapshots, half
 * of them re-sealed (CRCs and total length recomputed) so the damage reaches the semantic checks.
 * The only acceptable outcomes: CORRUPT_SNAPSHOT, or a database that passes checkIntegrity() and then
 * searches (filtered too), inserts, upserts, reads records, deletes and compacts without any exception.
 */
class SnapshotFuzzTest {
    private static final long SEED = Long.getLong("teavec.fuzz.seed", 20261121L);
    private static final int INPUTS = Integer.getInteger("teavec.fuzz.inputs", 100_000);
    private static final int[] HOSTILE = {0, 1, -1, 2, 3, 4, 255, 256, 65535, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE,
        1 << 27, 1 << 24, 0x7FFFFFFE};

    @Test
    void mutatedSnapshotsAreCorruptOrSound() {
        byte[][] corpus = corpus();
        SplittableRandom random = new SplittableRandom(SEED);
        int decoded = 0;
        int corrupt = 0;
        for (int n = 0; n < INPUTS; n++) {
            long inputSeed = random.nextLong();
            byte[] input = mutate(corpus, new SplittableRandom(inputSeed));
            try {
                VectorDatabase db = IndexSnapshot.decodeDatabase(SnapshotBytes.of(input), SnapshotLimits.withBudget(64 << 20, 64));
                exercise(db);
                decoded++;
            } catch (TeaVecException e) {
                if (e.code() != ErrorCode.CORRUPT_SNAPSHOT) {
                    throw new AssertionError(failure(n, inputSeed) + e.getMessage(), e);
                }
                corrupt++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError(failure(n, inputSeed) + e, e);
            }
        }
        System.out.println("snapshot fuzz: " + INPUTS + " inputs (seed " + SEED + "): " + corrupt
                + " CORRUPT_SNAPSHOT, " + decoded + " decoded and sound");
        assertTrue(corrupt > INPUTS / 2 && decoded > 0, "the mutations should mostly damage, sometimes not");
    }

    private static String failure(int n, long inputSeed) {
        return "input " + n + " (fuzz seed " + SEED + ", input seed " + inputSeed + "): ";
    }

    /** A decoded database must be sound and usable. */
    private static void exercise(VectorDatabase db) {
        db.checkIntegrity();
        VectorIndex index = db.index();
        float[] q = new float[index.dimensions()];
        for (int i = 0; i < q.length; i++) {
            q[i] = 0.25f * (i + 1);
        }
        index.search(q, 5);
        db.search(q, 4, 0, "n >= 1 OR tag = 'b'", Filter.EDGEVEC);
        int[] keyed = db.keys().ids();
        if (keyed.length > 0) {
            db.upsert(db.keyOf(keyed[0]), q, null, "again");
        }
        for (int id : db.metadata().ids()) {
            db.metadataEditor().get(id);
        }
        int id = db.upsert("fuzz", q, "{\"n\":2}", "doc");
        db.matchIds("{\"n\": {\"$gte\": 0}}", Filter.CHROMA_WHERE, 0, -1);
        index.search(q, 3);
        db.delete(id);
        db.compact();
        db.checkIntegrity();
    }

    static byte[][] corpus() {
        return new byte[][] {
            IndexSnapshot.encodeToArray(build(IndexType.FLAT, Quantization.NONE, false, Metric.L2, 12)),
            IndexSnapshot.encodeToArray(build(IndexType.HNSW, Quantization.NONE, false, Metric.COSINE, 30)),
            IndexSnapshot.encodeToArray(build(IndexType.HNSW, Quantization.SQ8, false, Metric.L2, 30)),
            IndexSnapshot.encodeToArray(build(IndexType.HNSW, Quantization.SQ8, true, Metric.DOT, 30)),
            IndexSnapshot.encodeToArray(build(IndexType.AUTO, Quantization.NONE, false, Metric.L2, 8)),
            IndexSnapshot.encodeToArray(build(IndexType.AUTO, Quantization.SQ8, false, Metric.COSINE, 30)),
            IndexSnapshot.encodeToArray(records(IndexType.HNSW, Quantization.SQ8, Metric.L2, 20)),
            IndexSnapshot.encodeToArray(records(IndexType.FLAT, Quantization.NONE, Metric.COSINE, 10)),
        };
    }

    /** A small database with in-place updates, metadata of every kind, keys (some non-ASCII) and documents. */
    static VectorDatabase records(IndexType type, Quantization q, Metric metric, int n) {
        VectorDatabase db = new VectorDatabase(IndexConfig.builder(3, metric).indexType(type).quantization(q)
                .m(3).m0(5).efConstruction(8).sq8TrainingSize(10).seed(n).build());
        SplittableRandom random = new SplittableRandom(n);
        for (int i = 0; i < n; i++) {
            float[] v = {(float) random.nextGaussian(), (float) random.nextGaussian(), 1f + (float) random.nextGaussian()};
            String meta = i % 3 == 2 ? null
                    : "{\"n\":" + (i - 4) + ",\"tag\":\"" + (char) ('a' + i % 3) + "\",\"l\":[\"x\"],\"b\":true,\"z\":null}";
            db.add("k\u00e9" + i, v, meta, i % 2 == 0 ? "d\ud83d\ude00" + i : null);
        }
        for (int i = 1; i < n; i += 3) {
            db.upsert("k\u00e9" + i, new float[] {(float) random.nextGaussian(), 1f, 0.5f}, "{\"n\":" + i + "}", null);
        }
        for (int id = 0; id < n; id += 5) {
            db.delete(id);
        }
        return db;
    }

    static VectorIndex build(IndexType type, Quantization q, boolean rerank, Metric metric, int n) {
        IndexConfig config = IndexConfig.builder(3, metric).indexType(type).quantization(q).keepFloatsForRerank(rerank)
                .m(3).m0(5).efConstruction(8).sq8TrainingSize(10).autoThreshold(20).seed(n).build();
        VectorIndex index = IndexFactory.create(config);
        SplittableRandom random = new SplittableRandom(n);
        for (int i = 0; i < n; i++) {
            index.add(new float[] {(float) random.nextGaussian(), (float) random.nextGaussian(), 1f + (float) random.nextGaussian()});
        }
        for (int id = 1; id < n; id += 4) {
            index.delete(id);
        }
        return index;
    }

    static byte[] mutate(byte[][] corpus, SplittableRandom r) {
        byte[] s = corpus[r.nextInt(corpus.length)].clone();
        int mutations = 1 + r.nextInt(3);
        for (int m = 0; m < mutations && s.length > 0; m++) {
            switch (r.nextInt(7)) {
                case 0:
                    s[r.nextInt(s.length)] ^= (byte) (1 << r.nextInt(8));
                    break;
                case 1:
                    s[r.nextInt(s.length)] = (byte) r.nextInt(256);
                    break;
                case 2:
                    s = java.util.Arrays.copyOf(s, r.nextInt(s.length));
                    break;
                case 3: {
                    byte[] longer = java.util.Arrays.copyOf(s, s.length + 1 + r.nextInt(64));
                    for (int i = s.length; i < longer.length; i++) {
                        longer[i] = (byte) r.nextInt(256);
                    }
                    s = longer;
                    break;
                }
                case 4:
                case 5:
                    if (s.length >= 4) {
                        Reseal.putU32(s, r.nextInt(s.length - 3), HOSTILE[r.nextInt(HOSTILE.length)] + r.nextInt(3) - 1);
                    }
                    break;
                default: {
                    byte[] other = corpus[r.nextInt(corpus.length)];
                    int from = r.nextInt(other.length);
                    int len = Math.min(1 + r.nextInt(64), other.length - from);
                    int to = r.nextInt(s.length);
                    len = Math.min(len, s.length - to);
                    System.arraycopy(other, from, s, to, len);
                    break;
                }
            }
        }
        if (r.nextBoolean()) {
            Reseal.lengthAndCrcs(s);
        }
        return s;
    }
}
