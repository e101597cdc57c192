package dev.teavec.core.db;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.meta.JsonNode;
import dev.teavec.core.meta.MetaRecord;
import dev.teavec.core.meta.MetadataJson;
import dev.teavec.core.vector.VectorChecks;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes by user key, all or nothing: every item is checked, against the database and against the rest of
 * the batch, before the first one is applied. So a refused batch leaves no trace: no tombstone, no id
 * used up, no metadata key interned, every original vector as it was (not a decoded SQ8 copy).
 *
 * <p>The apply phase allocates only (vector slots, graph links); running out of Wasm linear memory
 * there is the one failure that can stop a batch part way (CAPACITY_EXCEEDED), as it can a single insert.
 */
public final class KeyedBatch {
    /** What a batch may do to each key. */
    public enum Mode {
        /** Only new keys (DUPLICATE_ID for an existing one). */
        ADD,
        /** New keys are added, existing ones updated in place (same id). */
        UPSERT,
        /** Only existing keys (UNKNOWN_ID for a missing one); the vectors may be left out. */
        UPDATE
    }

    private final VectorDatabase db;
    private final Mode mode;
    private final String label;
    private final String[] keys;
    private final float[][] vectors;
    private final String metadataJsonArray;
    private final String[] documents;

    /**
     * A batch for {@code db}. {@code label} names the batch in messages ({@code items} gives
     * "items[2] vector ..."). {@code vectors}: one per key, or null (UPDATE only) to keep them all.
     * {@code metadataJsonArray}: a JSON array with one object or null per key, or null for all nulls; a
     * null keeps an existing key's metadata ("{}" clears it). {@code documents}: one per key, or null
     * for all nulls; a null keeps an existing key's document.
     */
    KeyedBatch(VectorDatabase db, Mode mode, String label, String[] keys, float[][] vectors, String metadataJsonArray,
            String[] documents) {
        this.db = db;
        this.mode = mode;
        this.label = label;
        this.keys = keys;
        this.vectors = vectors;
        this.metadataJsonArray = metadataJsonArray;
        this.documents = documents;
    }

    /** Checks the whole batch, then applies it; returns the id of each key, in batch order. */
    int[] apply() {
        JsonNode[] metadata = check();
        int[] ids = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ids[i] = applyOne(i, metadata == null ? null : metadata[i]);
        }
        return ids;
    }

    /** Every check the apply phase relies on; returns the checked metadata objects (null: none given). */
    private JsonNode[] check() {
        if (mode == null || keys == null) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a batch needs a mode and its keys");
        }
        int n = keys.length;
        if (vectors == null ? mode != Mode.UPDATE : vectors.length != n) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, vectors == null
                    ? label + ": every item needs a vector (only an update may leave them out)"
                    : label + ": expected one vector per id (" + n + "), got " + vectors.length);
        }
        if (documents != null && documents.length != n) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT,
                    label + ": expected one document per id (" + n + "), got " + documents.length);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String key = keys[i];
            String item = label + "[" + i + "]";
            checkKey(key, item);
            Integer earlier = seen.put(key, i);
            if (earlier != null) {
                throw new TeaVecException(ErrorCode.DUPLICATE_ID, "id " + quoted(key) + " appears twice in one batch ("
                        + label + "[" + earlier + "] and " + item + ")");
            }
            boolean exists = db.keys().idOf(key) >= 0;
            if (mode == Mode.ADD && exists) {
                throw new TeaVecException(ErrorCode.DUPLICATE_ID, item + " id " + quoted(key)
                        + " already exists (use upsert to replace it)");
            }
            if (mode == Mode.UPDATE && !exists) {
                throw new TeaVecException(ErrorCode.UNKNOWN_ID, item + " id " + quoted(key)
                        + " does not exist (use upsert to create it)");
            }
            if (vectors != null) {
                VectorChecks.checkVector(vectors[i], db.index().dimensions(), db.index().metric(), item + " vector");
            }
        }
        return metadataJsonArray == null ? null : MetadataJson.checkArray(metadataJsonArray, n);
    }

    private static void checkKey(String key, String item) {
        if (key == null || key.isEmpty() || key.length() > KeyIndex.MAX_KEY_LENGTH) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, item + " id must be a string of 1.."
                    + KeyIndex.MAX_KEY_LENGTH + " characters, got "
                    + (key == null ? "null" : "one of " + key.length()));
        }
    }

    private int applyOne(int i, JsonNode metadataObject) {
        MetaRecord record = metadataObject == null ? null : MetadataJson.toRecord(metadataObject, db.metadata().keys());
        float[] vector = vectors == null ? null : vectors[i];
        String document = documents == null ? null : documents[i];
        int id = db.keys().idOf(keys[i]);
        if (id < 0) {
            id = db.index().add(vector);
            db.keys().put(keys[i], id);
            db.metadata().put(id, record);
        } else {
            if (vector != null) {
                db.index().update(id, vector);
            }
            if (metadataObject != null) {
                db.metadata().put(id, record);
            }
        }
        if (document != null) {
            db.documents().put(id, document);
        }
        return id;
    }

    private static String quoted(String key) {
        return "\"" + (key.length() > 40 ? key.substring(0, 40) + "…" : key) + "\"";
    }
}
