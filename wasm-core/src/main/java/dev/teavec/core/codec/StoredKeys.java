package dev.teavec.core.codec;

import dev.teavec.core.db.KeyIndex;
import dev.teavec.core.index.VectorIndex;

/**
 * Section KEYS (written by {@link IdStringsSection}) read straight into a {@link KeyIndex}: each key's WTF-8 bytes
 * are checked where they lie in the snapshot and placed in the index as they are, so no String is built. Decoding
 * each key to a String, re-encoding and hashing it, then decoding it again to check the index cost ~0.4 s of a
 * 100k-key reopen in Chromium. The checks are {@link IdStringsSection#read}'s: ids increasing and live, keys of
 * 1..{@link KeyIndex#MAX_KEY_LENGTH} units in valid WTF-8, the same decode budget; a repeated key fails in
 * {@link KeyIndex#putEncoded} (IllegalStateException naming it, which the caller reports as CORRUPT_SNAPSHOT).
 */
final class StoredKeys {
    private static final String WHAT = "the key";

    private StoredKeys() {
    }

    static KeyIndex read(SnapshotLayout layout, VectorIndex index, DecodeBudget budget) {
        SnapshotReader in = layout.section(SectionIds.KEYS);
        int count = in.count(SectionIds.name(SectionIds.KEYS) + " count", 0, index.liveCount(), 8);
        budget.charge(8L * count, SectionIds.name(SectionIds.KEYS), in.position());
        KeyIndex keys = new KeyIndex();
        // A stored key takes an id and a length (8 bytes) besides its text; in the index, a length prefix of at most 2.
        keys.reserve(count, in.remaining() - 6 * count, index.idLimit());
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int id = RecordSections.liveId(in, index, previous, budget);
            int at = in.position();
            int len = Wtf8.readLength(in, KeyIndex.MAX_KEY_LENGTH, budget, WHAT);
            int off = SnapshotBytes.offsetIn(in.position());
            byte[] text = Wtf8.inPlace(in, len, WHAT);
            if (text == null) {
                // Across two chunks (or empty, which the length check below refuses): copied.
                text = new byte[len];
                off = 0;
                in.readBytes(text, 0, len, WHAT);
            }
            Wtf8.checkedUnits(in, text, off, len, 1, KeyIndex.MAX_KEY_LENGTH, at, WHAT, id, null);
            keys.putEncoded(text, off, len, id);
            previous = id;
        }
        in.expectEnd();
        return keys;
    }
}
