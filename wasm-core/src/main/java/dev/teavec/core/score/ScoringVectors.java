package dev.teavec.core.score;

import dev.teavec.core.vector.Metric;

/**
 * Stored vectors in one encoding (float32 or SQ8 codes) that can hand out scorers. Ordinals are
 * dense, in insertion order. Callers validate vectors before {@link #add}.
 */
public interface ScoringVectors {
    int dimensions();

    Metric metric();

    int size();

    /** Stores a validated vector and returns its ordinal. */
    int add(float[] vector);

    /** Writes the stored vector (decoded: approximate for a quantized encoding) into {@code out}. */
    void decode(int ord, float[] out);

    /** A new reusable scorer over these vectors. */
    QueryScorer newScorer();

    /** The same encoding holding only {@code ords[0..count)} (ascending), renumbered 0..count-1 in that order. */
    ScoringVectors copyOf(int[] ords, int count);

    /** Bytes held by the vectors and their per-vector terms. */
    long bytesUsed();

    /** Bytes held by the storage of the vectors alone (what a VectorStorageFactory allocated for them). */
    long storageBytes();

    /**
     * Returns the storage of the vectors now (Wasm linear memory in the browser build, which the
     * garbage collector cannot reclaim); these values and scorers over them must not be used afterwards.
     * Again is a no-op. The index holding the values owns them: it calls this when it replaces them
     * (compaction, SQ8 training) and after releasing the scorers it made over them.
     */
    void release();
}
