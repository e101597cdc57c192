package dev.teavec.core.index;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.graph.HnswGraph;
import dev.teavec.core.graph.HnswGraphFormat;

/** The {@code hnsw} index type: {@link HnswStructure}; its state, format version 1, is {@link HnswGraphFormat}. */
final class HnswType extends StructureType {
    static final HnswType INSTANCE = new HnswType();

    private HnswType() {
        super(IndexTypes.HNSW, 1);
    }

    @Override
    protected IndexStructure newStructure(IndexContext context) {
        IndexConfig c = context.config();
        return new HnswStructure(context, new HnswGraph(c.m(), c.m0()), c.seed(), null);
    }

    @Override
    protected IndexStructure readStructure(IndexContext context, int version, SectionInput state) {
        IndexConfig c = context.config();
        HnswGraphFormat.Decoded g = HnswGraphFormat.read(state, c.m(), c.m0(), context.vectors().size());
        state.expectEnd();
        return new HnswStructure(context, g.graph, g.levelState, g.anchors);
    }
}
