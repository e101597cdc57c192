package dev.teavec.core.filter;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.meta.JsonNode;
import dev.teavec.core.meta.JsonReader;
import dev.teavec.core.meta.MetaValue;

/**
 * Chroma's {@code where} objects, read from JSON text into the same tree as the string grammar:
 * {@code {f: v}} (= $eq), {@code {f: {$eq|$ne|$gt|$gte|$lt|$lte: v}}}, {@code {f: {$in|$nin: [..]}}},
 * {@code {f: {$contains: v}}}, {@code {$and: [..]}}, {@code {$or: [..]}}. Several keys in one object
 * (or several operators on one field) are AND-ed; {@code {}} matches everything. Nesting and length
 * are capped as in the string grammar ({@link Filter#MAX_NESTING}, {@link Filter#MAX_LENGTH}).
 */
final class WhereParser {
    private static final int MAX_LIST = 65536;
    /**
     * JSON levels of {@link Filter#MAX_NESTING} where objects: each below the top sits in a list (2 JSON
     * levels per where level), and its deepest condition adds an operator object and a {@code $in} list.
     */
    private static final int MAX_JSON_DEPTH = 2 * Filter.MAX_NESTING + 1;
    private final FieldNames fields = new FieldNames();
    private int depth;

    static Filter parse(String text) {
        if (text == null) {
            throw error("expected a where object, got null", 0);
        }
        if (text.length() > Filter.MAX_LENGTH) {
            throw error("expected a filter of at most " + Filter.MAX_LENGTH + " characters", Filter.MAX_LENGTH);
        }
        JsonNode root = JsonReader.parse(text, ErrorCode.INVALID_FILTER, "", MAX_LIST, MAX_LIST, MAX_JSON_DEPTH,
                Filter.MAX_NESTING);
        WhereParser p = new WhereParser();
        return new Filter(p.where(root), p.fields.toArray());
    }

    private static TeaVecException error(String what, int position) {
        return new TeaVecException(ErrorCode.INVALID_FILTER, what + " at position " + position);
    }

    private FilterNode where(JsonNode obj) {
        if (obj.kind() != JsonNode.OBJECT) {
            throw error("expected a where object", obj.position());
        }
        if (++depth > Filter.MAX_NESTING) {
            throw error("expected nesting of at most " + Filter.MAX_NESTING + " levels", obj.position());
        }
        FilterNode node = whereObject(obj);
        depth--;
        return node;
    }

    private FilterNode whereObject(JsonNode obj) {
        if (obj.size() == 0) {
            return FilterNode.MATCH_ALL;
        }
        FilterNode[] parts = new FilterNode[obj.size()];
        for (int i = 0; i < obj.size(); i++) {
            String key = obj.key(i);
            JsonNode value = obj.item(i);
            if (key.equals("$and") || key.equals("$or")) {
                parts[i] = logical(key.equals("$and") ? FilterNode.AND : FilterNode.OR, key, value);
            } else if (key.startsWith("$")) {
                throw error("expected a field name, $and or $or (unknown operator " + key + ")", obj.keyPosition(i));
            } else if (key.isEmpty()) {
                throw error("expected a non-empty field name", obj.keyPosition(i));
            } else {
                parts[i] = field(fields.indexOf(key), value);
            }
        }
        return FilterNode.join(FilterNode.AND, parts);
    }

    private FilterNode logical(int kind, String key, JsonNode list) {
        if (list.kind() != JsonNode.ARRAY || list.size() == 0) {
            throw error("expected a non-empty array of where objects after " + key, list.position());
        }
        FilterNode[] parts = new FilterNode[list.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = where(list.item(i));
        }
        return FilterNode.join(kind, parts);
    }

    private FilterNode field(int field, JsonNode value) {
        if (value.kind() != JsonNode.OBJECT) {
            return FilterNode.compare(field, FilterNode.EQ, scalar(value));
        }
        if (value.size() == 0) {
            throw error("expected an operator ($eq $ne $gt $gte $lt $lte $in $nin $contains)", value.position());
        }
        FilterNode[] parts = new FilterNode[value.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = operator(field, value.key(i), value.keyPosition(i), value.item(i));
        }
        return FilterNode.join(FilterNode.AND, parts);
    }

    private FilterNode operator(int field, String op, int opAt, JsonNode operand) {
        switch (op) {
            case "$eq":
                return FilterNode.compare(field, FilterNode.EQ, scalar(operand));
            case "$ne":
                return FilterNode.compare(field, FilterNode.NE, scalar(operand));
            case "$gt":
                return FilterNode.compare(field, FilterNode.GT, orderable(operand, op));
            case "$gte":
                return FilterNode.compare(field, FilterNode.GE, orderable(operand, op));
            case "$lt":
                return FilterNode.compare(field, FilterNode.LT, orderable(operand, op));
            case "$lte":
                return FilterNode.compare(field, FilterNode.LE, orderable(operand, op));
            case "$contains":
                return FilterNode.compare(field, FilterNode.CONTAINS, scalar(operand));
            case "$in":
            case "$nin":
                if (operand.kind() != JsonNode.ARRAY) {
                    throw error("expected an array after " + op, operand.position());
                }
                MetaValue[] set = new MetaValue[operand.size()];
                for (int i = 0; i < set.length; i++) {
                    set[i] = scalar(operand.item(i));
                }
                return FilterNode.in(field, set, op.equals("$nin"));
            default:
                throw error("expected an operator ($eq $ne $gt $gte $lt $lte $in $nin $contains), got " + op, opAt);
        }
    }

    private static MetaValue orderable(JsonNode v, String op) {
        if (v.kind() != JsonNode.NUMBER && v.kind() != JsonNode.STRING) {
            throw error("expected a number or string after " + op, v.position());
        }
        return scalar(v);
    }

    private static MetaValue scalar(JsonNode v) {
        switch (v.kind()) {
            case JsonNode.STRING:
                return MetaValue.of(v.text());
            case JsonNode.NUMBER:
                return MetaValue.of(v.number());
            case JsonNode.BOOLEAN:
                return MetaValue.of(v.bool());
            default:
                throw error("expected a string, number or boolean", v.position());
        }
    }
}
