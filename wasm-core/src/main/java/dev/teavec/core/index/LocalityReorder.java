package dev.teavec.core.index;

/**
 * Compaction of an index with nothing deleted: renumbers its ordinals in its structure's locality order (an HNSW
 * graph's: see HnswReorder), so that what one search reads sits close together in memory; ids, answers and
 * snapshots stay the same. Pending links are made first (the order covers linked nodes only).
 *
 * <p>Only the engine with every encoding (teavec/quantization, the JVM) holds this: the core engine is compiled with
 * {@link #available()} answering null (js-bindings' build plugin EncodingSelection), so none of the reorder's code
 * reaches the core bundle and its compaction without tombstones leaves the index as it is.
 */
final class LocalityReorder implements IndexReorder {
    private LocalityReorder() {
    }

    /** The reorder; null in the core engine's build. */
    static IndexReorder available() {
        return new LocalityReorder();
    }

    @Override
    public void apply(ManagedIndex index) {
        index.linkPending(Integer.MAX_VALUE);
        int[] order = index.structure().localityOrder();
        if (order != null && order.length == index.storedVectors().size()) {
            index.renumber(order);
        }
    }
}
