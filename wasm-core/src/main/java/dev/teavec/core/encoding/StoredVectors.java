package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.score.ScoringVectors;
import dev.teavec.core.vector.Metric;

/**
 * An index's vectors in one {@link VectorEncoding}, by dense ordinal in insertion order. What a graph
 * scores on ({@link #scoringVectors()}) may differ from the best copy held ({@link #exactVectors()}):
 * SQ8 scores on codes and may keep float32 to re-rank. Callers validate vectors before {@link #add}.
 *
 * <p>Lifecycle: after adds the index calls {@link #maintain()}; when it reports a change (SQ8 trained
 * or re-calibrated), every scorer made over the previous vectors is replaced, then
 * {@link #releaseRetired()} returns what training replaced. In the browser build vectors live in Wasm
 * linear memory: whoever holds these releases them ({@link #release()}) after the scorers over them.
 */
public interface StoredVectors {
    VectorEncoding encoding();

    int dimensions();

    Metric metric();

    int size();

    /** Stores a validated vector as the next ordinal and returns it; training and re-calibration wait for {@link #maintain()}. */
    int add(float[] vector);

    /**
     * The encoding's upkeep after adds. True when {@link #scoringVectors()} or {@link #exactVectors()}
     * changed (or their scorers went stale): scorers made before must be replaced.
     */
    boolean maintain();

    /** Releases what the last {@link #maintain()} replaced, once no scorer reads it any more; else nothing. */
    void releaseRetired();

    /** The vectors a graph scores on: float32, or codes once trained. */
    ScoringVectors scoringVectors();

    /** The most exact copy held (exact scans, re-ranking, {@code get}): float32 when held, else the scoring vectors. */
    ScoringVectors exactVectors();

    /** Whether {@link #exactVectors()} is more exact than {@link #scoringVectors()}, so graph candidates are re-ranked. */
    default boolean reranks() {
        return exactVectors() != scoringVectors();
    }

    /** The same encoding and state holding only {@code ords[0..count)} (ascending), renumbered 0..count-1. */
    StoredVectors copyOf(int[] ords, int count);

    /** Bytes held by the vectors, their per-vector terms and the encoding's state. */
    long bytesUsed();

    /** Bytes of storage a VectorStorageFactory allocated for them (linear memory in the browser build). */
    long storageBytes();

    /** Returns the storage now; these vectors and scorers over them must not be used afterwards. Again is a no-op. */
    void release();

    /** Throws {@link IllegalStateException} describing the first inconsistency found. */
    void checkIntegrity();

    /** Exact bytes {@link #writeState} writes: the snapshot payload (docs/format.md, VECTORS). */
    long stateSize();

    void writeState(SectionOutput out);
}
