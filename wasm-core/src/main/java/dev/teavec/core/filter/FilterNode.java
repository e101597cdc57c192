package dev.teavec.core.filter;

import dev.teavec.core.meta.MetaValue;

/**
 * One node of a parsed filter. Both grammars (EdgeVec strings, Chroma {@code where} objects) build
 * these, and {@link FilterEvaluator} is the one place that decides what matches. Fields are indexes
 * into {@link Filter#fields()}, resolved to interned keys once per query. Immutable.
 */
public final class FilterNode {
    public static final int ALL = 0;
    public static final int AND = 1;
    public static final int OR = 2;
    public static final int NOT = 3;
    /** field op literal; a missing or null field makes it false. */
    public static final int COMPARE = 4;
    public static final int IN = 5;
    /** Present, non-null and not in the set (a missing field makes it false, as for !=). */
    public static final int NOT_IN = 6;
    public static final int IS_NULL = 7;
    public static final int IS_NOT_NULL = 8;

    public static final int EQ = 0;
    public static final int NE = 1;
    public static final int LT = 2;
    public static final int LE = 3;
    public static final int GT = 4;
    public static final int GE = 5;
    public static final int CONTAINS = 6;
    public static final int STARTS_WITH = 7;
    public static final int ENDS_WITH = 8;
    public static final int LIKE = 9;

    static final FilterNode MATCH_ALL = new FilterNode(ALL, 0, -1, null, null, null);

    private final int kind;
    private final int op;
    private final int field;
    private final MetaValue literal;
    private final MetaValue[] set;
    private final FilterNode[] children;

    private FilterNode(int kind, int op, int field, MetaValue literal, MetaValue[] set, FilterNode[] children) {
        this.kind = kind;
        this.op = op;
        this.field = field;
        this.literal = literal;
        this.set = set;
        this.children = children;
    }

    static FilterNode compare(int field, int op, MetaValue literal) {
        return new FilterNode(COMPARE, op, field, literal, null, null);
    }

    static FilterNode in(int field, MetaValue[] set, boolean negated) {
        return new FilterNode(negated ? NOT_IN : IN, 0, field, null, set, null);
    }

    static FilterNode isNull(int field, boolean negated) {
        return new FilterNode(negated ? IS_NOT_NULL : IS_NULL, 0, field, null, null, null);
    }

    static FilterNode not(FilterNode child) {
        return new FilterNode(NOT, 0, -1, null, null, new FilterNode[] {child});
    }

    /** AND or OR of {@code children}; a single child is returned as is. */
    static FilterNode join(int kind, FilterNode[] children) {
        assert kind == AND || kind == OR : "join is for AND and OR";
        return children.length == 1 ? children[0] : new FilterNode(kind, 0, -1, null, null, children);
    }

    public int kind() {
        return kind;
    }

    public int op() {
        return op;
    }

    public int field() {
        return field;
    }

    public MetaValue literal() {
        return literal;
    }

    public int setSize() {
        return set.length;
    }

    public MetaValue setItem(int i) {
        return set[i];
    }

    public int childCount() {
        return children == null ? 0 : children.length;
    }

    public FilterNode child(int i) {
        return children[i];
    }
}
