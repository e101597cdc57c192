package dev.teavec.core.codec;

import dev.teavec.core.index.VectorIndex;

/**
 * Sections KEYS (each vector's user key) and DOCUMENTS (each vector's document): a count, then for
 * every id that has one, in increasing id order, the id (a live vector's) and its string. A database reads
 * DOCUMENTS here and KEYS with {@link StoredKeys} (straight into the key index, no String per key).
 */
final class IdStringsSection implements SectionPayload {
    private final int id;
    private final int[] ids;
    private final String[] texts;

    IdStringsSection(int id, int[] ids, String[] texts) {
        this.id = id;
        this.ids = ids;
        this.texts = texts;
    }

    int count() {
        return ids.length;
    }

    int idAt(int i) {
        return ids[i];
    }

    String textAt(int i) {
        return texts[i];
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public long size() {
        long size = 4;
        for (String t : texts) {
            size += 4 + Wtf8.size(t);
        }
        return size;
    }

    @Override
    public void write(SnapshotWriter out) {
        out.i32(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.i32(ids[i]);
            Wtf8.write(out, texts[i]);
        }
    }

    /** Reads section {@code id}: strings of {@code minChars..maxChars} UTF-16 units on live ids of {@code index}. */
    static IdStringsSection read(SnapshotLayout layout, int id, VectorIndex index, int minChars, int maxChars,
            DecodeBudget budget) {
        SnapshotReader in = layout.section(id);
        String what = id == SectionIds.KEYS ? "the key" : "the document";
        int count = in.count(SectionIds.name(id) + " count", 0, index.liveCount(), 8);
        budget.charge(8L * count, SectionIds.name(id), in.position());
        int[] ids = new int[count];
        String[] texts = new String[count];
        int previous = -1;
        for (int i = 0; i < count; i++) {
            ids[i] = RecordSections.liveId(in, index, previous, budget);
            texts[i] = Wtf8.read(in, minChars, maxChars, budget, what, ids[i]);
            previous = ids[i];
        }
        in.expectEnd();
        return new IdStringsSection(id, ids, texts);
    }
}
