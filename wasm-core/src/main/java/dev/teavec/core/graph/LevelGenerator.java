package dev.teavec.core.graph;

/**
 * Draws HNSW levels: {@code floor(-ln(U) · mL)} with {@code mL = 1 / ln(m)}, so each level holds
 * about 1/m of the one below. SplitMix64 from an explicit seed rather than {@code java.util.Random},
 * so a graph is the same on the JVM and in Wasm for the same seed and insertion order.
 */
public final class LevelGenerator {
    /** Levels are stored in a byte; with m ≥ 2 a level above 30 has probability below 2^-30 per node. */
    public static final int MAX_LEVEL = 30;

    private final double mL;
    private long state;

    public LevelGenerator(int m, long seed) {
        assert m >= 2 : "m must be at least 2: " + m;
        this.mL = 1.0 / Math.log(m);
        this.state = seed;
    }

    /** The generator's raw state: a generator built with it as seed continues the same sequence. */
    public long state() {
        return state;
    }

    public int nextLevel() {
        double u = (nextLong() >>> 11) * 0x1.0p-53;
        int level = (int) (-Math.log(1.0 - u) * mL);
        return Math.min(level, MAX_LEVEL);
    }

    private long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
