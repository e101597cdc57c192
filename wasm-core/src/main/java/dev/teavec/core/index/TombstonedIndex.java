package dev.teavec.core.index;

/**
 * The id and tombstone bookkeeping every index variant shares: external ids map to live ordinals in
 * {@link LiveIds}, deletes are O(1) marks, and {@link #compact()} (in the subclass) swaps in a fresh map.
 */
abstract class TombstonedIndex implements VectorIndex {
    /** Replaced wholesale by compaction, hence not final. */
    protected LiveIds ids = new LiveIds();

    /** Tombstone ratio at which {@link #needsCompaction()} turns true. */
    protected abstract double compactionThreshold();

    /** Ids, next id and tombstones as plain data, for snapshots. */
    public SavedIds savedIds() {
        return ids.save();
    }

    @Override
    public int size() {
        return ids.live();
    }

    @Override
    public void delete(int id) {
        ids.delete(id);
    }

    @Override
    public boolean isDeleted(int id) {
        return ids.isDeleted(id);
    }

    @Override
    public int liveCount() {
        return ids.live();
    }

    @Override
    public int deletedCount() {
        return ids.deleted();
    }

    @Override
    public double tombstoneRatio() {
        return ids.tombstoneRatio();
    }

    @Override
    public boolean needsCompaction() {
        return ids.deleted() > 0 && ids.tombstoneRatio() >= compactionThreshold();
    }
}
