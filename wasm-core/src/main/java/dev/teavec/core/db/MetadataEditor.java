package dev.teavec.core.db;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.meta.JsonReader;
import dev.teavec.core.meta.MetaRecord;
import dev.teavec.core.meta.MetaValue;
import dev.teavec.core.meta.MetadataJson;
import dev.teavec.core.meta.MetadataStore;

/**
 * EdgeVec's metadata calls on live ids, JSON in and out. Each validates the id (UNKNOWN_ID) and
 * its input before changing anything. "No metadata" and an empty object are one state: reads
 * return null for it.
 */
public final class MetadataEditor {
    private final CollectionStore db;
    private final MetadataStore store;

    MetadataEditor(CollectionStore db, MetadataStore store) {
        this.db = db;
        this.store = store;
    }

    /** Replaces the whole record; null, "null" or "{}" removes it. */
    public void set(int id, String json) {
        db.requireLive(id);
        MetaRecord record = json == null ? null : MetadataJson.read(json, store.keys());
        store.put(id, record);
    }

    /** The record as a JSON object, or null when the id has no metadata. */
    public String get(int id) {
        db.requireLive(id);
        MetaRecord r = store.get(id);
        return r == null ? null : MetadataJson.write(r, store.keys());
    }

    public void setValue(int id, String key, String valueJson) {
        db.requireLive(id);
        MetadataJson.checkKey(key, 0);
        MetaValue value = MetadataJson.readValue(valueJson);
        MetaRecord r = store.get(id);
        int keyId = store.keys().idOf(key);
        if (r != null && r.size() >= JsonReader.MAX_KEYS && (keyId < 0 || r.get(keyId) == null)) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT,
                    "metadata: expected at most " + JsonReader.MAX_KEYS + " keys per vector");
        }
        keyId = store.keys().intern(key);
        store.put(id, r == null ? new MetaRecord(new int[] {keyId}, new MetaValue[] {value}) : r.with(keyId, value));
    }

    /** The value as JSON text, or null when the key is absent. */
    public String getValue(int id, String key) {
        db.requireLive(id);
        MetaValue v = value(id, key);
        return v == null ? null : MetadataJson.writeValue(v);
    }

    public boolean deleteValue(int id, String key) {
        db.requireLive(id);
        MetaRecord r = store.get(id);
        int keyId = key == null ? -1 : store.keys().idOf(key);
        if (r == null || keyId < 0 || r.get(keyId) == null) {
            return false;
        }
        store.put(id, r.without(keyId));
        return true;
    }

    /** Removes the whole record; true when there was one. */
    public boolean deleteAll(int id) {
        db.requireLive(id);
        return store.remove(id);
    }

    public int keyCount(int id) {
        db.requireLive(id);
        MetaRecord r = store.get(id);
        return r == null ? 0 : r.size();
    }

    private MetaValue value(int id, String key) {
        MetaRecord r = store.get(id);
        int keyId = key == null ? -1 : store.keys().idOf(key);
        return r == null || keyId < 0 ? null : r.get(keyId);
    }
}
