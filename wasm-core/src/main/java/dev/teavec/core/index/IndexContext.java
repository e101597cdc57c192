package dev.teavec.core.index;

import dev.teavec.core.encoding.StoredVectors;
import dev.teavec.core.graph.OrdinalFilter;
import dev.teavec.core.score.QueryScorer;
import dev.teavec.core.vector.Metric;

/**
 * What the engine shares with the {@link IndexStructure} it wraps. A structure that only works with
 * ids needs {@link #rank}; one that scores stored vectors itself (a graph) works with ordinals: the
 * engine stores vectors at dense ordinals in insertion order ({@link #vectors()}), an update stores
 * the new vector at a new ordinal, and compaction renumbers them (building a new structure).
 */
public interface IndexContext {
    IndexConfig config();

    int dimensions();

    Metric metric();

    /** Live vectors. */
    int liveCount();

    /** The stored vectors by ordinal, deleted ones included; their encoding's scorers score them. */
    StoredVectors vectors();

    /** The ordinal holding live {@code id}'s vector, or -1 when it is not live. */
    int ordinalOf(int id);

    int idOf(int ord);

    /** Ordinals below this are linked into the structure; the rest are pending ({@link PendingLinks}). */
    default int linkedOrdinals() {
        return vectors().size();
    }

    /**
     * Offers the pending ordinals ({@link PendingLinks}: stored, not linked into the structure yet) that
     * {@code filter} accepts (null: all) to {@code top}, scored exactly on the most exact vectors held; returns
     * how many were scored. A structure that leaves ordinals pending calls it in every search.
     */
    default int scanPending(float[] query, OrdinalFilter filter, TopK top) {
        return 0;
    }

    /**
     * Ordinals of live vectors whose ids {@code filter} accepts (null: all live), for a graph search;
     * null when every ordinal qualifies (no filter, nothing deleted).
     */
    OrdinalFilter liveOrdinals(IdFilter filter);

    /**
     * A scorer on {@link StoredVectors#exactVectors()}, shared: set its query before each use. For
     * re-ranking candidates found on quantized vectors.
     */
    QueryScorer exactScorer();

    /**
     * The exact k nearest among candidate ids: live ones that {@code filter} accepts (null: all live),
     * each once, scored on the most exact stored vectors. {@code visited} is added to the vectors scored
     * here in the result's {@link SearchResult#visited()}.
     */
    SearchResult rank(float[] query, int[] ids, int count, int k, IdFilter filter, int visited);
}
