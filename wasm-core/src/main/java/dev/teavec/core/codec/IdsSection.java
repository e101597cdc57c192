package dev.teavec.core.codec;

import dev.teavec.core.index.SavedIds;

/**
 * Section IDS: the external id of every stored ordinal (strictly increasing) and the next id to hand
 * out, so that ids are never reused after a load. Read together with {@link TombstonesSection}.
 */
final class IdsSection implements SectionPayload {
    private final SavedIds ids;

    IdsSection(SavedIds ids) {
        this.ids = ids;
    }

    @Override
    public int id() {
        return SectionIds.IDS;
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
        return 8 + 4L * ids.count();
    }

    @Override
    public void write(SnapshotWriter out) {
        out.i32(ids.count());
        out.i32(ids.nextId());
        for (int ord = 0; ord < ids.count(); ord++) {
            out.i32(ids.id(ord));
        }
    }

    /** Reads IDS and TOMBSTONES and checks them together. */
    static SavedIds read(SnapshotLayout layout, DecodeBudget budget) {
        SnapshotReader in = layout.section(SectionIds.IDS);
        int count = in.count("ordinal count", 0, SnapshotLimits.MAX_IDS, 4);
        int nextAt = in.position();
        int nextId = in.count("next id", count, SnapshotLimits.MAX_IDS, 0);
        // The id table is indexed by id: 4 bytes per id ever handed out, plus the ordinal table.
        budget.charge(4L * nextId + 4L * count, "the id tables", nextAt);
        int[] ids = new int[count];
        int previous = -1;
        for (int ord = 0; ord < count; ord++) {
            int at = in.position();
            int id = in.i32("id");
            if (id <= previous || id >= nextId) {
                throw in.corrupt(at, "id " + id + " of ordinal " + ord + " must be above " + previous + " and below the next id " + nextId);
            }
            ids[ord] = id;
            previous = id;
        }
        in.expectEnd();
        int[] deleted = TombstonesSection.read(layout.section(SectionIds.TOMBSTONES), count, budget);
        SavedIds saved = new SavedIds(ids, count, nextId, deleted, deleted.length);
        String problem = saved.problem();
        if (problem != null) {
            throw Corrupt.at(nextAt, "ids: " + problem);
        }
        return saved;
    }
}
