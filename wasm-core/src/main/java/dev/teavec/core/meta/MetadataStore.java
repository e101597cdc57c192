package dev.teavec.core.meta;

/**
 * Metadata records by vector id. Records are immutable and refer to interned keys, so a vector with
 * metadata costs one array slot, one small record and its values; one without costs one null slot.
 * An empty record is never stored: "no metadata" and "{}" are the same state.
 */
public final class MetadataStore {
    private final KeyTable keys;
    private final IdTable<MetaRecord> records = new IdTable<>();
    private long entries;

    public MetadataStore() {
        this(new KeyTable());
    }

    public MetadataStore(KeyTable keys) {
        this.keys = keys;
    }

    public KeyTable keys() {
        return keys;
    }

    /** The record of {@code id}, or null when it has no metadata. */
    public MetaRecord get(int id) {
        return records.get(id);
    }

    /** Replaces the record of {@code id}; null or an empty record removes it. */
    public void put(int id, MetaRecord record) {
        MetaRecord stored = record == null || record.size() == 0 ? null : record;
        MetaRecord old = records.put(id, stored);
        entries += (stored == null ? 0 : stored.size()) - (old == null ? 0 : old.size());
    }

    /** Removes the record of {@code id}; true when there was one. */
    public boolean remove(int id) {
        MetaRecord old = records.get(id);
        put(id, null);
        return old != null;
    }

    /** Vectors that have metadata. */
    public int recordCount() {
        return records.count();
    }

    /** Key-value pairs over all records. */
    public long entryCount() {
        return entries;
    }

    /** Ids holding a record, ascending (with {@link #get}: the store's state for a snapshot). */
    public int[] ids() {
        return records.ids();
    }

    public int idLimit() {
        return records.idLimit();
    }

    /** Rough heap bytes of keys, records and values. */
    public long bytesEstimate() {
        long b = keys.bytesEstimate() + records.slotBytes();
        for (int id : records.ids()) {
            b += records.get(id).bytesEstimate();
        }
        return b;
    }
}
