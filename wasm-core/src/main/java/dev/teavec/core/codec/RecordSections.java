package dev.teavec.core.codec;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.db.KeyIndex;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.meta.IdTable;
import dev.teavec.core.meta.MetadataStore;

/**
 * What a {@link CollectionStore} attaches to its vectors, as the sections METADATA, KEYS and DOCUMENTS
 * of an index snapshot. Each is written only when it holds something (so a database without records
 * writes exactly an index's snapshot) and is required: a reader that does not know it refuses the
 * snapshot rather than load the vectors without their records.
 */
final class RecordSections {
    private RecordSections() {
    }

    /** The index's sections followed by the database's record sections. */
    static SectionPayload[] sections(CollectionStore db) {
        SectionPayload[] index = IndexSnapshot.sections(db.index());
        SectionPayload[] records = new SectionPayload[3];
        int n = 0;
        if (db.metadata().keys().size() > 0) {
            records[n++] = new MetadataSection(db.metadata());
        }
        KeyIndex keys = db.keys();
        if (keys.size() > 0) {
            int[] ids = keys.ids();
            String[] texts = new String[ids.length];
            for (int i = 0; i < ids.length; i++) {
                texts[i] = keys.keyOf(ids[i]);
            }
            records[n++] = new IdStringsSection(SectionIds.KEYS, ids, texts);
        }
        IdTable<String> documents = db.documents();
        if (documents.count() > 0) {
            int[] ids = documents.ids();
            String[] texts = new String[ids.length];
            for (int i = 0; i < ids.length; i++) {
                texts[i] = documents.get(ids[i]);
            }
            records[n++] = new IdStringsSection(SectionIds.DOCUMENTS, ids, texts);
        }
        SectionPayload[] all = new SectionPayload[index.length + n];
        System.arraycopy(index, 0, all, 0, index.length);
        System.arraycopy(records, 0, all, index.length, n);
        return all;
    }

    /** The database of {@code index} with the records of the snapshot (none when a section is absent). */
    static CollectionStore read(SnapshotLayout layout, VectorIndex index, DecodeBudget budget) {
        MetadataStore metadata = layout.has(SectionIds.METADATA)
                ? MetadataSection.read(layout, index, budget) : new MetadataStore();
        IdTable<String> documents = new IdTable<>();
        try {
            KeyIndex keys = layout.has(SectionIds.KEYS) ? StoredKeys.read(layout, index, budget) : new KeyIndex();
            if (layout.has(SectionIds.DOCUMENTS)) {
                IdStringsSection s = IdStringsSection.read(layout, SectionIds.DOCUMENTS, index, 0, Integer.MAX_VALUE,
                        budget);
                for (int i = 0; i < s.count(); i++) {
                    documents.put(s.idAt(i), s.textAt(i));
                }
            }
            return CollectionStore.restore(index.config(), index, metadata, keys, documents);
        } catch (IllegalStateException e) {
            throw Corrupt.at(layout.start(), "the decoded records are inconsistent: " + e.getMessage());
        }
    }

    /**
     * Reads a record's id: above {@code previous} (ids strictly increase) and a live vector's. Charges
     * the slots its table grows by (a table indexed by id grows to at most twice the highest id).
     */
    static int liveId(SnapshotReader in, VectorIndex index, int previous, DecodeBudget budget) {
        int at = in.position();
        int id = in.i32("id");
        if (id <= previous || id >= index.idLimit() || index.isDeleted(id)) {
            throw in.corrupt(at, "id " + (id & 0xFFFFFFFFL) + " must be above " + previous
                    + " and a live vector's (ids are below " + index.idLimit() + ")");
        }
        budget.charge(8L * (id - previous), "a record table", at);
        return id;
    }
}
