package dev.teavec.core.db;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.meta.JsonNode;
import dev.teavec.core.meta.JsonReader;
import dev.teavec.core.meta.MetaRecord;
import dev.teavec.core.meta.MetadataJson;
import dev.teavec.core.meta.StringIds;
import dev.teavec.core.vector.VectorChecks;

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
        UPDATE;

        /** "add", "upsert" or "update". */
        public static Mode fromName(String name) {
            if ("add".equals(name)) {
                return ADD;
            }
            if ("upsert".equals(name)) {
                return UPSERT;
            }
            if ("update".equals(name)) {
                return UPDATE;
            }
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a batch mode is 'add', 'upsert' or 'update', got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
    }

    private static final String CONTEXT = "batch: ";

    private final CollectionStore db;
    private final Mode mode;
    private final String label;
    private final String[] keys;
    private final float[][] vectors;
    /** The JSON array of metadata objects or nulls, or null. */
    private final JsonNode metadata;
    private final String[] documents;

    /**
     * A batch for {@code db}. {@code label} names the batch in messages ({@code items} gives
     * "items[2] vector ..."). {@code vectors}: one per key, or null (UPDATE only) to keep them all.
     * {@code metadata}: a JSON array with one object or null per key, or null for all nulls; a
     * null keeps an existing key's metadata ("{}" clears it). {@code documents}: one per key, or null
     * for all nulls; a null keeps an existing key's document.
     */
    KeyedBatch(CollectionStore db, Mode mode, String label, String[] keys, float[][] vectors, JsonNode metadata,
            String[] documents) {
        this.db = db;
        this.mode = mode;
        this.label = label;
        this.keys = keys;
        this.vectors = vectors;
        this.metadata = metadata;
        this.documents = documents;
    }

    /** A batch whose metadata is JSON text (see the constructor). */
    static KeyedBatch of(CollectionStore db, Mode mode, String label, String[] keys, float[][] vectors,
            String metadataJsonArray, String[] documents) {
        JsonNode metadata = metadataJsonArray == null ? null : JsonReader.parse(metadataJsonArray,
                ErrorCode.INVALID_ARGUMENT, "metadata: ", Math.max(1, keys == null ? 0 : keys.length), JsonReader.DEFAULT_MAX_ARRAY);
        return new KeyedBatch(db, mode, label, keys, vectors, metadata, documents);
    }

    /**
     * A batch as it crosses from JavaScript in one call: {@code json} is
     * {@code {"mode": "add"|"upsert"|"update", "label": "items", "ids": [...], "metadatas": [...]|null,
     * "documents": [...]|null}} and {@code flatVectors} holds one vector per id end to end, or nothing
     * (an update that keeps the vectors).
     */
    static KeyedBatch fromJson(CollectionStore db, String json, float[] flatVectors) {
        JsonNode batch = JsonReader.parse(json, ErrorCode.INVALID_ARGUMENT, CONTEXT, 1, Integer.MAX_VALUE,
                Integer.MAX_VALUE);
        if (batch.kind() != JsonNode.OBJECT) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, CONTEXT + "expected an object");
        }
        Mode mode = null;
        String label = "items";
        String[] keys = null;
        JsonNode metadata = null;
        String[] documents = null;
        for (int i = 0; i < batch.size(); i++) {
            JsonNode v = batch.item(i);
            switch (batch.key(i)) {
                case "mode" -> mode = Mode.fromName(v.kind() == JsonNode.STRING ? v.text() : null);
                case "label" -> label = v.kind() == JsonNode.STRING ? v.text() : label;
                case "ids" -> keys = strings(v, "ids");
                case "metadatas" -> metadata = v.kind() == JsonNode.NULL ? null : v;
                case "documents" -> documents = v.kind() == JsonNode.NULL ? null : strings(v, "documents");
                default -> throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, CONTEXT + "unknown field '"
                        + batch.key(i) + "'");
            }
        }
        if (keys == null) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, CONTEXT + "expected ids");
        }
        return new KeyedBatch(db, mode, label, keys, split(db, flatVectors, keys.length, label), metadata, documents);
    }

    /** A JSON array of strings or nulls. */
    private static String[] strings(JsonNode array, String what) {
        if (array.kind() != JsonNode.ARRAY) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, CONTEXT + what + " must be an array");
        }
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode item = array.item(i);
            if (item.kind() != JsonNode.STRING && item.kind() != JsonNode.NULL) {
                throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, what + "[" + i + "] must be a string");
            }
            out[i] = item.kind() == JsonNode.STRING ? item.text() : null;
        }
        return out;
    }

    /** One vector per id from the flat array; null when it is empty (kept vectors; only an update may). */
    private static float[][] split(CollectionStore db, float[] flat, int count, String label) {
        if (flat == null || (flat.length == 0 && count > 0)) {
            return null;
        }
        int dim = db.index().dimensions();
        if ((long) count * dim != flat.length) {
            throw new TeaVecException(ErrorCode.DIMENSION_MISMATCH, label + ": " + count + " vectors of " + dim
                    + " dimensions hold " + ((long) count * dim) + " numbers, got " + flat.length);
        }
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            vectors[i] = new float[dim];
            System.arraycopy(flat, i * dim, vectors[i], 0, dim);
        }
        return vectors;
    }

    /** Checks the whole batch, then applies it; returns the id of each key, in batch order. */
    int[] apply() {
        JsonNode[] metadata = check();
        // New keys only (an upsert or update may touch existing ones): their vectors go in as one batch.
        int[] added = mode == Mode.ADD ? db.addedByRegion(vectors) : null;
        int[] ids = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ids[i] = applyOne(i, metadata == null ? null : metadata[i], added == null ? -1 : added[i]);
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
        StringIds seen = new StringIds();
        for (int i = 0; i < n; i++) {
            String key = keys[i];
            String item = label + "[" + i + "]";
            checkKey(key, item);
            int earlier = seen.idOf(key);
            if (earlier >= 0) {
                throw new TeaVecException(ErrorCode.DUPLICATE_ID, "id " + quoted(key) + " appears twice in one batch ("
                        + label + "[" + earlier + "] and " + item + ")");
            }
            seen.put(key, i);
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
        return metadata == null ? null : MetadataJson.checkArray(metadata, n);
    }

    private static void checkKey(String key, String item) {
        if (key == null || key.isEmpty() || key.length() > KeyIndex.MAX_KEY_LENGTH) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, item + " id must be a string of 1.."
                    + KeyIndex.MAX_KEY_LENGTH + " characters, got "
                    + (key == null ? "null" : "one of " + key.length()));
        }
    }

    /** Applies item {@code i}; {@code added}: the id its vector was already stored under (a new key), or -1. */
    private int applyOne(int i, JsonNode metadataObject, int added) {
        MetaRecord record = metadataObject == null ? null : MetadataJson.toRecord(metadataObject, db.metadata().keys());
        float[] vector = vectors == null ? null : vectors[i];
        String document = documents == null ? null : documents[i];
        int id = db.keys().idOf(keys[i]);
        if (id < 0) {
            id = added >= 0 ? added : db.index().add(vector);
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
