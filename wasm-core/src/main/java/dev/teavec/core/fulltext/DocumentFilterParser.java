package dev.teavec.core.fulltext;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.meta.JsonNode;
import dev.teavec.core.meta.JsonReader;

/**
 * Reads Chroma's {@code whereDocument} JSON: {@code {"$contains": s}}, {@code {"$not_contains": s}},
 * {@code {"$regex": p}}, {@code {"$not_regex": p}}, {@code {"$and": [..]}}, {@code {"$or": [..]}};
 * one operator per object (as Chroma requires), {@code {}} matches everything. Errors are
 * INVALID_FILTER with the position of the offending JSON value.
 */
public final class DocumentFilterParser {
    private static final int MAX_LIST = 1024;

    /** Compiles a {@code $regex} pattern; the engine has no regular expressions of its own. */
    public interface Patterns {
        /** A filter matching documents in which {@code pattern} finds a match; throws INVALID_FILTER if it is not valid. */
        DocumentFilter compile(String pattern, int position);
    }

    private final Patterns patterns;

    private DocumentFilterParser(Patterns patterns) {
        this.patterns = patterns;
    }

    /** Parses {@code json}; {@code patterns} null makes {@code $regex} and {@code $not_regex} INVALID_FILTER. */
    public static DocumentFilter parse(String json, Patterns patterns) {
        if (json == null) {
            throw error("expected a whereDocument object, got null", 0);
        }
        JsonNode root = JsonReader.parse(json, ErrorCode.INVALID_FILTER, "", MAX_LIST, MAX_LIST);
        return new DocumentFilterParser(patterns).filter(root);
    }

    private DocumentFilter filter(JsonNode obj) {
        if (obj.kind() != JsonNode.OBJECT) {
            throw error("expected a whereDocument object", obj.position());
        }
        if (obj.size() == 0) {
            return DocumentFilter.ALL;
        }
        if (obj.size() > 1) {
            throw error("expected exactly one operator in a whereDocument object, got " + obj.size(),
                    obj.keyPosition(1));
        }
        String op = obj.key(0);
        JsonNode value = obj.item(0);
        switch (op) {
            case "$contains":
                return DocumentFilter.contains(string(op, value));
            case "$not_contains":
                return DocumentFilter.not(DocumentFilter.contains(string(op, value)));
            case "$regex":
                return pattern(op, value);
            case "$not_regex":
                return DocumentFilter.not(pattern(op, value));
            case "$and":
            case "$or":
                if (value.kind() != JsonNode.ARRAY || value.size() == 0) {
                    throw error("expected a non-empty array of whereDocument objects after " + op, value.position());
                }
                DocumentFilter[] parts = new DocumentFilter[value.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = filter(value.item(i));
                }
                return op.equals("$and") ? DocumentFilter.and(parts) : DocumentFilter.or(parts);
            default:
                throw error("expected $contains, $not_contains, $regex, $not_regex, $and or $or, got " + op,
                        obj.keyPosition(0));
        }
    }

    private DocumentFilter pattern(String op, JsonNode value) {
        String pattern = string(op, value);
        if (patterns == null) {
            throw error(op + " is not available here", value.position());
        }
        return patterns.compile(pattern, value.position());
    }

    private static String string(String op, JsonNode value) {
        if (value.kind() != JsonNode.STRING) {
            throw error("expected a string after " + op, value.position());
        }
        return value.text();
    }

    private static TeaVecException error(String what, int position) {
        return new TeaVecException(ErrorCode.INVALID_FILTER, what + " at position " + position);
    }
}
