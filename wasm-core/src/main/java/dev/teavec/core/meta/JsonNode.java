package dev.teavec.core.meta;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed JSON value with the character offset it started at, so that whoever interprets the tree
 * (metadata, Chroma where) can point at the offending spot. Objects keep their keys in order.
 */
public final class JsonNode {
    public static final int NULL = 0;
    public static final int STRING = 1;
    public static final int NUMBER = 2;
    public static final int BOOLEAN = 3;
    public static final int ARRAY = 4;
    public static final int OBJECT = 5;

    private final int kind;
    private final int position;
    private final String text;
    private final double number;
    private final List<JsonNode> items;
    private final List<String> keys;
    private final int[] keyPositions;

    private JsonNode(int kind, int position, String text, double number, List<JsonNode> items, List<String> keys,
            int[] keyPositions) {
        this.kind = kind;
        this.position = position;
        this.text = text;
        this.number = number;
        this.items = items;
        this.keys = keys;
        this.keyPositions = keyPositions;
    }

    static JsonNode scalar(int kind, int position, String text, double number) {
        return new JsonNode(kind, position, text, number, null, null, null);
    }

    static JsonNode array(int position, List<JsonNode> items) {
        return new JsonNode(ARRAY, position, null, 0, items, null, null);
    }

    static JsonNode object(int position, List<String> keys, int[] keyPositions, List<JsonNode> values) {
        return new JsonNode(OBJECT, position, null, 0, values, keys, keyPositions);
    }

    public int kind() {
        return kind;
    }

    /** 0-based offset of the value's first character in the parsed text. */
    public int position() {
        return position;
    }

    public String text() {
        return text;
    }

    public double number() {
        return number;
    }

    public boolean bool() {
        return number != 0;
    }

    /** Array elements, or object values (in key order). */
    public int size() {
        return items.size();
    }

    public JsonNode item(int i) {
        return items.get(i);
    }

    public String key(int i) {
        return keys.get(i);
    }

    public int keyPosition(int i) {
        return keyPositions[i];
    }

    static List<JsonNode> newList() {
        return new ArrayList<>();
    }
}
