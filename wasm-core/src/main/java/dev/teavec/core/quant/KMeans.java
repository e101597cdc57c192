package dev.teavec.core.quant;

/**
 * Centroids are kept transposed, {@code centroids[j · k + c]} is column j of centroid c, so that the distances
 * from a row to all k centroids are runs over contiguous memory (which a JIT vectorizes).
 *
 * <p>Seeded k-means on the columns {@code [off, off + len)} of {@code n} rows of a row-major sample: k-means++
 * seeding, then at most {@code iterations} Lloyd steps (fewer once no assignment changes). Deterministic for a
 * seed: SplitMix64, not {@code java.util.Random}, so the JVM and Wasm train the same centroids. With fewer
 * distinct rows than {@code k}, the surplus centroids repeat rows (exact codes for those rows; unused ones
 * cost nothing but table space).
 */
public final class KMeans {
    private KMeans() {
    }

    /** {@code k} centroids of {@code len} floats each, transposed: {@code [j · k + c]}. */
    public static float[] train(float[] rows, int n, int stride, int off, int len, int k, int iterations, long seed) {
        assert n >= 1 && k >= 1 && len >= 1 : "k-means needs rows, centroids and columns";
        long[] state = {seed};
        float[] centroids = seedPlusPlus(rows, n, stride, off, len, k, state);
        int[] assigned = new int[n];
        java.util.Arrays.fill(assigned, -1);
        float[] sums = new float[k * len];
        int[] counts = new int[k];
        float[] nearestDistance = new float[n];
        float[] scratch = new float[k];
        for (int it = 0; it < iterations; it++) {
            boolean changed = false;
            for (int r = 0; r < n; r++) {
                int best = nearest(centroids, k, rows, r * stride + off, len, scratch);
                nearestDistance[r] = scratch[best];
                if (best != assigned[r]) {
                    assigned[r] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            java.util.Arrays.fill(sums, 0f);
            java.util.Arrays.fill(counts, 0);
            for (int r = 0; r < n; r++) {
                int c = assigned[r];
                counts[c]++;
                int base = r * stride + off;
                for (int j = 0; j < len; j++) {
                    sums[c * len + j] += rows[base + j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    float inv = 1f / counts[c];
                    for (int j = 0; j < len; j++) {
                        centroids[j * k + c] = sums[c * len + j] * inv;
                    }
                } else {
                    // An empty cluster takes the row worst served now, which splits the loosest cluster.
                    int worst = 0;
                    for (int r = 1; r < n; r++) {
                        if (nearestDistance[r] > nearestDistance[worst]) {
                            worst = r;
                        }
                    }
                    setCentroid(centroids, k, c, rows, worst * stride + off, len);
                    nearestDistance[worst] = 0f;
                }
            }
        }
        return centroids;
    }

    /**
     * Index of the centroid (transposed, {@code [j · k + c]}) nearest to {@code x[xOff..xOff+len)}, the lowest
     * index on ties; {@code distances[0..k)} receives every squared distance.
     */
    public static int nearest(float[] centroids, int k, float[] x, int xOff, int len, float[] distances) {
        java.util.Arrays.fill(distances, 0, k, 0f);
        for (int j = 0; j < len; j++) {
            float xj = x[xOff + j];
            int base = j * k;
            for (int c = 0; c < k; c++) {
                float d = xj - centroids[base + c];
                distances[c] += d * d;
            }
        }
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (distances[c] < distances[best]) {
                best = c;
            }
        }
        return best;
    }

    private static void setCentroid(float[] centroids, int k, int c, float[] rows, int rowOff, int len) {
        for (int j = 0; j < len; j++) {
            centroids[j * k + c] = rows[rowOff + j];
        }
    }

    /** Squared distance from a row to centroid {@code c}. */
    private static float toCentroid(float[] rows, int rowOff, float[] centroids, int k, int c, int len) {
        float s = 0f;
        for (int j = 0; j < len; j++) {
            float d = rows[rowOff + j] - centroids[j * k + c];
            s += d * d;
        }
        return s;
    }

    /** k-means++: each next centroid a row drawn with probability proportional to its squared distance to the chosen. */
    private static float[] seedPlusPlus(float[] rows, int n, int stride, int off, int len, int k, long[] state) {
        float[] centroids = new float[k * len];
        double[] distance = new double[n];
        int first = (int) (uniform(state) * n);
        setCentroid(centroids, k, 0, rows, first * stride + off, len);
        double total = 0;
        for (int r = 0; r < n; r++) {
            distance[r] = toCentroid(rows, r * stride + off, centroids, k, 0, len);
            total += distance[r];
        }
        for (int c = 1; c < k; c++) {
            int pick;
            if (total > 0) {
                double target = uniform(state) * total;
                pick = n - 1;
                double run = 0;
                for (int r = 0; r < n; r++) {
                    run += distance[r];
                    if (run > target) {
                        pick = r;
                        break;
                    }
                }
            } else {
                // Every row is already a centroid: repeat one.
                pick = (int) (uniform(state) * n);
            }
            setCentroid(centroids, k, c, rows, pick * stride + off, len);
            total = 0;
            for (int r = 0; r < n; r++) {
                double d = toCentroid(rows, r * stride + off, centroids, k, c, len);
                if (d < distance[r]) {
                    distance[r] = d;
                }
                total += distance[r];
            }
        }
        return centroids;
    }

    /** SplitMix64 (as graph.LevelGenerator), as a double in [0, 1). */
    private static double uniform(long[] state) {
        long z = (state[0] += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
