package dev.teavec.core.filter;

import dev.teavec.core.meta.MetadataJson;

/** Prints a filter tree in a canonical prefix form, so tests can state the parse they expect. */
final class FilterPrinter {
    private static final String[] OPS = {"=", "!=", "<", "<=", ">", ">=", "CONTAINS", "STARTS_WITH", "ENDS_WITH", "LIKE"};

    private FilterPrinter() {
    }

    static String print(Filter f) {
        StringBuilder sb = new StringBuilder();
        print(f.root(), f.fields(), sb);
        return sb.toString();
    }

    private static void print(FilterNode n, String[] fields, StringBuilder sb) {
        switch (n.kind()) {
            case FilterNode.ALL:
                sb.append("ALL");
                return;
            case FilterNode.AND:
            case FilterNode.OR:
            case FilterNode.NOT:
                sb.append(n.kind() == FilterNode.AND ? "AND(" : n.kind() == FilterNode.OR ? "OR(" : "NOT(");
                for (int i = 0; i < n.childCount(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    print(n.child(i), fields, sb);
                }
                sb.append(')');
                return;
            case FilterNode.IS_NULL:
            case FilterNode.IS_NOT_NULL:
                sb.append(fields[n.field()]).append(n.kind() == FilterNode.IS_NULL ? " IS NULL" : " IS NOT NULL");
                return;
            case FilterNode.IN:
            case FilterNode.NOT_IN:
                sb.append(fields[n.field()]).append(n.kind() == FilterNode.IN ? " IN [" : " NOT IN [");
                for (int i = 0; i < n.setSize(); i++) {
                    sb.append(i > 0 ? ", " : "").append(MetadataJson.writeValue(n.setItem(i)));
                }
                sb.append(']');
                return;
            default:
                sb.append(fields[n.field()]).append(' ').append(OPS[n.op()]).append(' ')
                        .append(MetadataJson.writeValue(n.literal()));
        }
    }
}
