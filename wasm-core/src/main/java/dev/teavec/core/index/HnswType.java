package dev.teavec.core.index;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.encoding.StoredVectors;
import dev.teavec.core.graph.HnswGraph;
import dev.teavec.core.graph.HnswGraphFormat;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * The {@code hnsw} index type: {@link HnswStructure}; its state, format versions 1 and 2, is {@link HnswGraphFormat}.
 * {@link IndexConfig#leanGraph()} collections (by default those with {@code rerank: 'storage'}) get a lean graph,
 * without level-0 stored distances. A lean and a keyed graph built from the same inserts differ (the code distances of
 * SQ8, SQ4, binary and PQ are not symmetric): a {@code rerank: true} collection answers as a {@code 'storage'} one
 * only when both have the same {@code leanGraph}.
 */
final class HnswType extends StructureType {
    static final HnswType INSTANCE = new HnswType();

    private HnswType() {
        super(IndexTypes.HNSW, HnswGraphFormat.LEAN_VERSION);
    }

    @Override
    protected IndexStructure newStructure(IndexContext context) {
        IndexConfig c = context.config();
        return new HnswStructure(context, new HnswGraph(c.m(), c.m0(), !c.leanGraph()),
                c.seed(), null);
    }

    /**
     * A snapshot's CONFIG does not hold {@code leanGraph}: the state's version does (2: lean, 1: keyed), whatever
     * the settings would say now, so the index stays as it was built after a reload and after a later compaction.
     */
    @Override
    public VectorIndex restore(IndexConfig c, int version, SavedIds ids, StoredVectors vectors, SectionInput state,
            VectorStorageFactory storage) {
        return super.restore(restoredConfig(c, version), version, ids, vectors, state, storage);
    }

    static IndexConfig restoredConfig(IndexConfig c, int version) {
        return c.toBuilder().leanGraph(version == HnswGraphFormat.LEAN_VERSION).build();
    }

    @Override
    protected IndexStructure readStructure(IndexContext context, int version, SectionInput state) {
        IndexConfig c = context.config();
        HnswGraphFormat.Decoded g = HnswGraphFormat.read(state, version, c.m(), c.m0(), context.vectors().size());
        state.expectEnd();
        return new HnswStructure(context, g.graph, g.levelState, g.anchors, true);
    }
}
