package dev.teavec.core.codec;

import dev.teavec.core.index.SavedIds;

/** Section TOMBSTONES: the deleted ordinals, strictly increasing (kept until compaction). */
final class TombstonesSection implements SectionPayload {
    private final SavedIds ids;

    TombstonesSection(SavedIds ids) {
        this.ids = ids;
    }

    @Override
    public int id() {
        return SectionIds.TOMBSTONES;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean optional() {
        return false;
    }

    @Override
    public long size() {
        return 4 + 4L * ids.deletedCount();
    }

    @Override
    public void write(SnapshotWriter out) {
        out.i32(ids.deletedCount());
        for (int i = 0; i < ids.deletedCount(); i++) {
            out.i32(ids.deletedOrd(i));
        }
    }

    static int[] read(SnapshotReader in, int ordinals, DecodeBudget budget) {
        int count = in.count("deleted count", 0, ordinals, 4);
        budget.charge(4L * count + ordinals / 8 + 8, "the tombstones", in.position());
        int[] deleted = new int[count];
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int at = in.position();
            int ord = in.i32("deleted ordinal");
            if (ord <= previous || ord >= ordinals) {
                throw in.corrupt(at, "deleted ordinal " + ord + " must be above " + previous + " and below " + ordinals);
            }
            deleted[i] = ord;
            previous = ord;
        }
        in.expectEnd();
        return deleted;
    }
}
