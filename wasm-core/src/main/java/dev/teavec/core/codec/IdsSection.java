package dev.teavec.core.codec;

import dev.teavec.core.index.SavedIds;

/**
 * Section IDS: the external id of every stored ordinal and the next id to hand out, so that ids are
 * never reused after a load. Read together with {@link TombstonesSection}.
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

    /**
     * Reads IDS and TOMBSTONES and checks them together: ids below the next id, in any order (compaction
     * keeps ordinal order, and an update maps its id to a new ordinal); an id on several ordinals must
     * be deleted on all but the last ({@link SavedIds#problem()}).
     */
    static SavedIds read(SnapshotLayout layout, DecodeBudget budget) {
        SnapshotReader in = layout.section(SectionIds.IDS);
        int count = in.count("ordinal count", 0, SnapshotLimits.MAX_IDS, 4);
        int nextAt = in.position();
        int nextId = in.count("next id", 0, SnapshotLimits.MAX_IDS, 0);
        // By id: the id table (4 bytes per id ever handed out) and the check's bit; by ordinal: the ids.
        budget.charge(4L * nextId + nextId / 8 + 8 + 4L * count, "the id tables", nextAt);
        int[] ids = new int[count];
        for (int ord = 0; ord < count; ord++) {
            int at = in.position();
            int id = in.i32("id");
            if (id < 0 || id >= nextId) {
                throw in.corrupt(at, "id " + (id & 0xFFFFFFFFL) + " of ordinal " + ord + " is not below the next id " + nextId);
            }
            ids[ord] = id;
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
