package dev.teavec.core.index;

import dev.teavec.core.codec.SectionInput;

/**
 * The {@code flat} index type: exact search by scanning every live vector, which the engine does itself
 * ({@link ManagedIndex}), so its structure holds nothing and writes no state. It is the oracle the
 * approximate types are tested against, and the fastest choice for small indexes (see {@code auto}).
 */
final class FlatType extends StructureType {
    static final FlatType INSTANCE = new FlatType();
    private static final IndexStructure SCAN = new IndexStructure() {
        @Override
        public void add(int id, float[] vector) {
        }

        @Override
        public void remove(int id) {
        }

        @Override
        public SearchResult search(float[] query, int k, int budget, IdFilter filter) {
            throw new IllegalStateException("an exact structure is never searched: the engine scans");
        }

        @Override
        public boolean approximate() {
            return false;
        }
    };

    private FlatType() {
        super(IndexTypes.FLAT, 1);
    }

    @Override
    protected IndexStructure newStructure(IndexContext context) {
        return SCAN;
    }

    @Override
    protected IndexStructure readStructure(IndexContext context, int version, SectionInput state) {
        state.expectEnd();
        return SCAN;
    }
}
