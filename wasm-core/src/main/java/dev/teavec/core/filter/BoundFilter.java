package dev.teavec.core.filter;

import dev.teavec.core.meta.MetaRecord;

/** A filter whose fields are resolved to interned key ids (-1: no record has that key). */
public final class BoundFilter {
    private final FilterNode root;
    private final int[] keyIds;

    BoundFilter(FilterNode root, int[] keyIds) {
        this.root = root;
        this.keyIds = keyIds;
    }

    /** Whether a vector with metadata {@code record} (null: none) matches. */
    public boolean matches(MetaRecord record) {
        return FilterEvaluator.matches(root, record, keyIds);
    }
}
