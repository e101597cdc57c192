package dev.teavec.core.filter;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.meta.KeyTable;

/** A parsed filter: its tree and the field names it mentions. Immutable; parse once, bind per query. */
public final class Filter {
    /** The EdgeVec string grammar, e.g. {@code category = 'a' AND price < 10}. */
    public static final int EDGEVEC = 0;
    /** A Chroma {@code where} object as JSON text, e.g. {@code {"price": {"$lt": 10}}}. */
    public static final int CHROMA_WHERE = 1;
    /**
     * Deepest nesting either grammar accepts, so that hostile input gets INVALID_FILTER instead of a
     * stack overflow. Levels: each parenthesised group or NOT of a filter string, each where object
     * (the top one, and each in a {@code $and} / {@code $or} list).
     */
    public static final int MAX_NESTING = 64;
    /** Longest filter text either grammar accepts, in UTF-16 units (JS takes it from {@code TeaVecModule}). */
    public static final int MAX_LENGTH = 1 << 20;

    private final FilterNode root;
    private final String[] fields;

    Filter(FilterNode root, String[] fields) {
        this.root = root;
        this.fields = fields;
    }

    /** Parses {@code text} in grammar {@code kind}; INVALID_FILTER with a position when malformed. */
    public static Filter parse(String text, int kind) {
        if (kind == EDGEVEC) {
            return FilterParser.parse(text);
        }
        if (kind == CHROMA_WHERE) {
            return WhereParser.parse(text);
        }
        throw new TeaVecException(ErrorCode.INVALID_ARGUMENT,
                "filter kind must be 0 (filter string) or 1 (where object), got " + kind);
    }

    public FilterNode root() {
        return root;
    }

    public String[] fields() {
        return fields.clone();
    }

    /** True when the filter accepts every record (an empty {@code where}). */
    public boolean matchesAll() {
        return root.kind() == FilterNode.ALL;
    }

    /** This filter with its field names resolved against {@code keys}, ready to test records. */
    public BoundFilter bind(KeyTable keys) {
        int[] keyIds = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            keyIds[i] = keys.idOf(fields[i]);
        }
        return new BoundFilter(root, keyIds);
    }
}
