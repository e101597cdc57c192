package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
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
 * Seeded mutation fuzzing of the decoder: valid snapshots of every structure, mutated by bit flips,
 * byte overwrites, truncations, extensions, hostile u32 fields and splices between snapshots, half
 * of them re-sealed (CRCs and total length recomputed) so the damage reaches the semantic checks.
 * The only acceptable outcomes: CORRUPT_SNAPSHOT, or an index that passes checkIntegrity() and then
 * searches, inserts, deletes and compacts without any exception.
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
                VectorIndex index = IndexSnapshot.decode(SnapshotBytes.of(input), SnapshotLimits.withBudget(64 << 20, 64));
                exercise(index);
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

    /** A decoded index must be sound and usable. */
    private static void exercise(VectorIndex index) {
        index.checkIntegrity();
        float[] q = new float[index.dimensions()];
        for (int i = 0; i < q.length; i++) {
            q[i] = 0.25f * (i + 1);
        }
        index.search(q, 5);
        int id = index.add(q);
        index.search(q, 3);
        index.delete(id);
        index.compact();
        index.checkIntegrity();
    }

    static byte[][] corpus() {
        return new byte[][] {
            IndexSnapshot.encodeToArray(build(IndexType.FLAT, Quantization.NONE, false, Metric.L2, 12)),
            IndexSnapshot.encodeToArray(build(IndexType.HNSW, Quantization.NONE, false, Metric.COSINE, 30)),
            IndexSnapshot.encodeToArray(build(IndexType.HNSW, Quantization.SQ8, false, Metric.L2, 30)),
            IndexSnapshot.encodeToArray(build(IndexType.HNSW, Quantization.SQ8, true, Metric.DOT, 30)),
            IndexSnapshot.encodeToArray(build(IndexType.AUTO, Quantization.NONE, false, Metric.L2, 8)),
            IndexSnapshot.encodeToArray(build(IndexType.AUTO, Quantization.SQ8, false, Metric.COSINE, 30)),
        };
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
