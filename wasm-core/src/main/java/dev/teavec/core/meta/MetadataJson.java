package dev.teavec.core.meta;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * Metadata as it crosses into JavaScript: one flat JSON object whose values are strings, finite
 * numbers, booleans, null or arrays of strings. Reading validates everything before interning a
 * single key, so a bad record changes nothing. Errors are INVALID_ARGUMENT with a position.
 */
public final class MetadataJson {
    public static final int MAX_LIST = 1024;
    private static final String CONTEXT = "metadata: ";

    private MetadataJson() {
    }

    /** A record from JSON text; null for {@code null} or {@code {}} (no metadata). */
    public static MetaRecord read(String json, KeyTable keys) {
        JsonNode node = JsonReader.parse(json, ErrorCode.INVALID_ARGUMENT, CONTEXT);
        return node.kind() == JsonNode.NULL ? null : record(node, keys);
    }

    /**
     * One record per element of a JSON array of {@code count} objects or nulls. All are validated
     * before any key is interned.
     */
    public static MetaRecord[] readArray(String json, int count, KeyTable keys) {
        JsonNode[] items = checkArray(json, count);
        MetaRecord[] out = new MetaRecord[count];
        for (int i = 0; i < count; i++) {
            out[i] = items[i] == null ? null : record(items[i], keys);
        }
        return out;
    }

    /**
     * The elements of a JSON array of {@code count} objects or nulls, every object checked and no key
     * interned yet: a batch is validated whole before anything changes. A null element stays null (the
     * caller says what it means: no metadata, or keep what is there); {@link #toRecord} makes the records.
     */
    public static JsonNode[] checkArray(String json, int count) {
        return checkArray(JsonReader.parse(json, ErrorCode.INVALID_ARGUMENT, CONTEXT, Math.max(count, 1),
                JsonReader.DEFAULT_MAX_ARRAY), count);
    }

    /** {@link #checkArray(String, int)} for an array already parsed (part of a larger JSON text). */
    public static JsonNode[] checkArray(JsonNode node, int count) {
        if (node.kind() != JsonNode.ARRAY) {
            throw error("expected an array of " + count + " objects or nulls", node.position());
        }
        if (node.size() != count) {
            throw error("expected " + count + " elements, got " + node.size(), node.position());
        }
        JsonNode[] items = new JsonNode[count];
        for (int i = 0; i < count; i++) {
            JsonNode item = node.item(i);
            if (item.kind() != JsonNode.NULL) {
                checkObject(item);
                items[i] = item;
            }
        }
        return items;
    }

    /** The record of an object {@link #checkArray} returned, interning its keys. */
    public static MetaRecord toRecord(JsonNode checkedObject, KeyTable keys) {
        return record(checkedObject, keys);
    }

    /** One metadata value from JSON text (as in {@code setMetadataValue}). */
    public static MetaValue readValue(String json) {
        JsonNode node = JsonReader.parse(json, ErrorCode.INVALID_ARGUMENT, CONTEXT);
        checkValue(node);
        return toValue(node);
    }

    public static void checkKey(String key, int position) {
        if (key == null || key.isEmpty()) {
            throw error("expected a non-empty key", position);
        }
        if (key.length() > JsonReader.MAX_KEY_LENGTH) {
            throw error("expected a key of at most " + JsonReader.MAX_KEY_LENGTH + " characters", position);
        }
    }

    private static MetaRecord record(JsonNode node, KeyTable keys) {
        checkObject(node);
        int n = node.size();
        int[] ids = new int[n];
        MetaValue[] values = new MetaValue[n];
        for (int i = 0; i < n; i++) {
            ids[i] = keys.intern(node.key(i));
            values[i] = toValue(node.item(i));
        }
        return new MetaRecord(ids, values);
    }

    private static void checkObject(JsonNode node) {
        if (node.kind() != JsonNode.OBJECT) {
            throw error("expected an object", node.position());
        }
        for (int i = 0; i < node.size(); i++) {
            checkKey(node.key(i), node.keyPosition(i));
            checkValue(node.item(i));
        }
    }

    private static void checkValue(JsonNode v) {
        // Checked here too: a record read as part of a larger text (a batch) was parsed with a longer limit.
        if (v.kind() == JsonNode.STRING) {
            checkLength(v);
        }
        if (v.kind() == JsonNode.OBJECT) {
            throw error("expected a string, number, boolean, null or array of strings (no nested objects)",
                    v.position());
        }
        if (v.kind() == JsonNode.ARRAY) {
            if (v.size() > MAX_LIST) {
                throw error("expected at most " + MAX_LIST + " array elements", v.position());
            }
            for (int i = 0; i < v.size(); i++) {
                if (v.item(i).kind() != JsonNode.STRING) {
                    throw error("expected a string (metadata arrays hold strings only)", v.item(i).position());
                }
                checkLength(v.item(i));
            }
        }
    }

    private static void checkLength(JsonNode string) {
        if (string.text().length() > JsonReader.MAX_STRING_LENGTH) {
            throw error("expected a string of at most " + JsonReader.MAX_STRING_LENGTH + " characters", string.position());
        }
    }

    private static MetaValue toValue(JsonNode v) {
        switch (v.kind()) {
            case JsonNode.STRING:
                return MetaValue.of(v.text());
            case JsonNode.NUMBER:
                return MetaValue.of(v.number());
            case JsonNode.BOOLEAN:
                return MetaValue.of(v.bool());
            case JsonNode.ARRAY:
                String[] items = new String[v.size()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = v.item(i).text();
                }
                return MetaValue.ofList(items);
            default:
                return MetaValue.NULL_VALUE;
        }
    }

    /** The record as a JSON object, keys in insertion order. */
    public static String write(MetaRecord record, KeyTable keys) {
        StringBuilder sb = new StringBuilder();
        sb.append('{');
        for (int i = 0; i < record.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            JsonWriter.writeString(sb, keys.name(record.keyId(i)));
            sb.append(':');
            JsonWriter.writeValue(sb, record.value(i));
        }
        return sb.append('}').toString();
    }

    public static String writeValue(MetaValue value) {
        StringBuilder sb = new StringBuilder();
        JsonWriter.writeValue(sb, value);
        return sb.toString();
    }

    private static TeaVecException error(String what, int position) {
        return new TeaVecException(ErrorCode.INVALID_ARGUMENT, CONTEXT + what + " at position " + position);
    }
}
