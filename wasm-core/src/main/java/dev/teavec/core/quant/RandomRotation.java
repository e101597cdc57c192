package dev.teavec.core.quant;

/**
 * A seeded random orthogonal transform of {@code d}-dimensional vectors in O(d log d): each round flips the
 * signs of a random subset of coordinates and applies the normalized Walsh–Hadamard transform to the first
 * {@code B} coordinates, then, when {@code d} is not a power of two, flips signs again and transforms the last
 * {@code B}, where {@code B} is the largest power of two not above {@code d}. Each step is orthogonal, so the
 * whole is; the two overlapping blocks mix every coordinate with every other within two rounds, so no padding
 * (and no extra code bits) is needed for dimensions like 384 or 768. The second sign flip matters: without it
 * the overlap holds a slice of a Hadamard row, which the next Hadamard block concentrates again (a basis vector
 * kept coordinates of 0.22 at d = 384 instead of about 1/√d; RandomRotationTest).
 *
 * <p>Why rotate: binary codes keep one sign per coordinate, and a random rotation spreads a vector's energy
 * evenly over the coordinates, which makes the sign code's error the same in every direction (RaBitQ's
 * argument). The signs come from SplitMix64 on the seed, so the transform is a function of
 * {@code (d, seed, rounds)} alone, the same on the JVM and in Wasm: snapshots store those, not the matrix.
 * Immutable.
 */
public final class RandomRotation {
    /** Rounds used by new indexes: three were enough for the estimator to reach its recall (docs/format.md). */
    public static final int DEFAULT_ROUNDS = 3;
    public static final int MAX_ROUNDS = 8;

    private final int dim;
    private final int block;
    private final long seed;
    private final int rounds;
    /** Sign flips, {@code rounds × 2 × dim} (before the head block, then before the tail block), as +1/-1. */
    private final float[] signs;
    private final float blockScale;

    public RandomRotation(int dim, long seed, int rounds) {
        assert dim >= 1 && rounds >= 1 && rounds <= MAX_ROUNDS : "dim " + dim + ", rounds " + rounds;
        this.dim = dim;
        this.block = Integer.highestOneBit(dim);
        this.seed = seed;
        this.rounds = rounds;
        this.blockScale = (float) (1.0 / Math.sqrt(block));
        this.signs = new float[rounds * 2 * dim];
        long state = seed;
        long bits = 0;
        for (int i = 0; i < signs.length; i++) {
            if ((i & 63) == 0) {
                state += 0x9E3779B97F4A7C15L;
                long z = state;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                bits = z ^ (z >>> 31);
            }
            signs[i] = ((bits >>> (i & 63)) & 1) == 0 ? 1f : -1f;
        }
    }

    public int dimensions() {
        return dim;
    }

    public long seed() {
        return seed;
    }

    public int rounds() {
        return rounds;
    }

    /** {@code x ← R x}, in place. */
    public void apply(float[] x) {
        for (int r = 0; r < rounds; r++) {
            flip(x, 2 * r);
            hadamard(x, 0);
            if (block < dim) {
                flip(x, 2 * r + 1);
                hadamard(x, dim - block);
            }
        }
    }

    /** {@code x ← Rᵀ x}, in place: the inverse, as R is orthogonal and each normalized Hadamard block is its own inverse. */
    public void applyInverse(float[] x) {
        for (int r = rounds - 1; r >= 0; r--) {
            if (block < dim) {
                hadamard(x, dim - block);
                flip(x, 2 * r + 1);
            }
            hadamard(x, 0);
            flip(x, 2 * r);
        }
    }

    private void flip(float[] x, int table) {
        int base = table * dim;
        for (int i = 0; i < dim; i++) {
            x[i] *= signs[base + i];
        }
    }

    /** The normalized fast Walsh–Hadamard transform of {@code x[off..off+block)}. */
    private void hadamard(float[] x, int off) {
        for (int h = 1; h < block; h <<= 1) {
            for (int i = off; i < off + block; i += h << 1) {
                for (int j = i; j < i + h; j++) {
                    float a = x[j];
                    float b = x[j + h];
                    x[j] = a + b;
                    x[j + h] = a - b;
                }
            }
        }
        for (int i = off; i < off + block; i++) {
            x[i] *= blockScale;
        }
    }
}
