package dev.teavec.core.index;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.encoding.StoredVectors;
import dev.teavec.core.encoding.VectorEncodings;
import dev.teavec.core.graph.HnswGraph;
import dev.teavec.core.graph.HnswGraphFormat;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * The {@code hnsw} index type: {@link HnswStructure}; its state, format versions 1 and 2, is {@link HnswGraphFormat}.
 * Collections that re-rank ({@code rerank: 'storage'}, the memory-lean ones, and {@code rerank: true}) get a lean graph:
 * both kinds build the same graph from the same inserts, so storage re-ranking answers as in-memory re-ranking does
 * (the code distances of SQ8, SQ4, binary and PQ are not symmetric, and a graph keyed from either side would differ).
 */
final class HnswType extends StructureType {
    static final HnswType INSTANCE = new HnswType();

    private HnswType() {
        super(IndexTypes.HNSW, 2);
    }

    @Override
    protected IndexStructure newStructure(IndexContext context) {
        IndexConfig c = context.config();
        return new HnswStructure(context, new HnswGraph(c.m(), c.m0(), !c.rerankFromStorage() && !c.keepFloatsForRerank()),
                c.seed(), null);
    }

    /**
     * A snapshot's CONFIG does not hold {@code rerank: 'storage'}; a lean graph (state version 2) is only written
     * for it, so the collection stays lean after a reload and after a compaction of the reloaded index. (A version 2
     * state in an index that cannot re-rank from storage is still read as a lean graph; compaction builds a keyed one.)
     */
    @Override
    public VectorIndex restore(IndexConfig c, int version, SavedIds ids, StoredVectors vectors, SectionInput state,
            VectorStorageFactory storage) {
        return super.restore(version > 1 && !c.keepFloatsForRerank()
                && !VectorEncodings.BUILT_IN.forQuantization(c.encoding()).exact() ? c.toBuilder().rerankFromStorage(true).build() : c,
                version, ids, vectors, state, storage);
    }

    @Override
    protected IndexStructure readStructure(IndexContext context, int version, SectionInput state) {
        IndexConfig c = context.config();
        HnswGraphFormat.Decoded g = HnswGraphFormat.read(state, version, c.m(), c.m0(), context.vectors().size());
        state.expectEnd();
        return new HnswStructure(context, g.graph, g.levelState, g.anchors);
    }
}
