package dev.teavec.core.filter;

import dev.teavec.core.meta.MetaRecord;
import dev.teavec.core.meta.MetaValue;

/**
 * Decides whether a record matches a filter tree. SQL-like rules, the same for both grammars: a
 * comparison on a missing or null field is false (!= and NOT IN included), IS NULL is true for
 * it, NOT negates its operand's boolean result. Values of different types never compare equal or
 * ordered (no error). Strings order by UTF-16 code units, as in JavaScript. Recursion depth is
 * bounded by the parsers' nesting limits.
 */
public final class FilterEvaluator {
    private FilterEvaluator() {
    }

    static boolean matches(FilterNode n, MetaRecord record, int[] keyIds) {
        switch (n.kind()) {
            case FilterNode.ALL:
                return true;
            case FilterNode.AND:
                for (int i = 0; i < n.childCount(); i++) {
                    if (!matches(n.child(i), record, keyIds)) {
                        return false;
                    }
                }
                return true;
            case FilterNode.OR:
                for (int i = 0; i < n.childCount(); i++) {
                    if (matches(n.child(i), record, keyIds)) {
                        return true;
                    }
                }
                return false;
            case FilterNode.NOT:
                return !matches(n.child(0), record, keyIds);
            default:
                return test(n, value(n, record, keyIds));
        }
    }

    private static MetaValue value(FilterNode n, MetaRecord record, int[] keyIds) {
        int keyId = keyIds[n.field()];
        if (record == null || keyId < 0) {
            return null;
        }
        MetaValue v = record.get(keyId);
        return v == null || v.isNull() ? null : v;
    }

    /** A leaf on the field's value ({@code v} null when missing or null). */
    private static boolean test(FilterNode n, MetaValue v) {
        switch (n.kind()) {
            case FilterNode.IS_NULL:
                return v == null;
            case FilterNode.IS_NOT_NULL:
                return v != null;
            case FilterNode.IN:
                return v != null && inSet(n, v);
            case FilterNode.NOT_IN:
                return v != null && !inSet(n, v);
            default:
                return v != null && compare(n.op(), v, n.literal());
        }
    }

    static boolean compare(int op, MetaValue v, MetaValue lit) {
        switch (op) {
            case FilterNode.EQ:
                return v.sameAs(lit);
            case FilterNode.NE:
                return v.kind() == lit.kind() && !v.sameAs(lit);
            case FilterNode.LT:
                return ordered(v, lit) && order(v, lit) < 0;
            case FilterNode.LE:
                return ordered(v, lit) && order(v, lit) <= 0;
            case FilterNode.GT:
                return ordered(v, lit) && order(v, lit) > 0;
            case FilterNode.GE:
                return ordered(v, lit) && order(v, lit) >= 0;
            case FilterNode.CONTAINS:
                if (lit.kind() != MetaValue.STRING) {
                    return false;
                }
                if (v.kind() == MetaValue.STRING) {
                    return v.text().contains(lit.text());
                }
                return v.kind() == MetaValue.STRING_LIST && listHas(v, lit.text());
            case FilterNode.STARTS_WITH:
                return v.kind() == MetaValue.STRING && v.text().startsWith(lit.text());
            case FilterNode.ENDS_WITH:
                return v.kind() == MetaValue.STRING && v.text().endsWith(lit.text());
            case FilterNode.LIKE:
                return v.kind() == MetaValue.STRING && LikePattern.matches(v.text(), lit.text());
            default:
                throw new AssertionError("unknown operator " + op);
        }
    }

    private static boolean ordered(MetaValue v, MetaValue lit) {
        return v.kind() == lit.kind() && (v.kind() == MetaValue.NUMBER || v.kind() == MetaValue.STRING);
    }

    private static int order(MetaValue v, MetaValue lit) {
        if (v.kind() == MetaValue.NUMBER) {
            return v.number() < lit.number() ? -1 : v.number() > lit.number() ? 1 : 0;
        }
        return v.text().compareTo(lit.text());
    }

    /** A scalar equals one of the set; a string list shares at least one element with it. */
    private static boolean inSet(FilterNode n, MetaValue v) {
        boolean list = v.kind() == MetaValue.STRING_LIST;
        for (int i = 0; i < n.setSize(); i++) {
            MetaValue item = n.setItem(i);
            if (list ? item.kind() == MetaValue.STRING && listHas(v, item.text()) : v.sameAs(item)) {
                return true;
            }
        }
        return false;
    }

    private static boolean listHas(MetaValue list, String s) {
        for (int i = 0; i < list.listSize(); i++) {
            if (list.listItem(i).equals(s)) {
                return true;
            }
        }
        return false;
    }
}
