package dev.teavec.core.index;

/**
 * Adds a whole batch in an order of the index's choosing ({@link RegionBatchOrder}); the ids keep the batch's order.
 * An interface for the reason {@link IndexReorder} is one: where no class implementing it is made (the core engine's
 * build), TeaVM keeps none of the code behind it.
 */
public interface BatchInsertion {
    /**
     * Adds {@code validated} (vectors the caller checked) to {@code index}; returns their ids, increasing in the
     * batch's order, or null, having added nothing, when this index takes its batches one add at a time.
     */
    int[] insert(VectorIndex index, float[][] validated);
}
