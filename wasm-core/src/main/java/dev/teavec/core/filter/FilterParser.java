package dev.teavec.core.filter;

import dev.teavec.core.meta.MetaValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the EdgeVec filter grammar. Precedence, loosest first: OR, AND, NOT,
 * comparison; parentheses group. Nesting (parentheses and NOTs) is capped at {@link Filter#MAX_NESTING},
 * so hostile input gets INVALID_FILTER instead of a stack overflow; AND/OR chains are flat lists.
 *
 * <pre>
 * or      := and (('OR' | '||') and)*
 * and     := unary (('AND' | '&&') unary)*
 * unary   := ('NOT' | '!') unary | '(' or ')' | test
 * test    := field ( cmp literal | ['NOT'] 'IN' list | 'BETWEEN' literal 'AND' literal
 *                  | 'CONTAINS' literal | ('STARTS_WITH' | 'ENDS_WITH' | 'LIKE') string | 'IS' ['NOT'] 'NULL' )
 * cmp     := '=' | '==' | '!=' | '<' | '<=' | '>' | '>='
 * list    := '[' [literal (',' literal)*] ']' | '(' [literal (',' literal)*] ')'
 * literal := string | number | TRUE | FALSE | NULL
 * </pre>
 * {@code = NULL} means IS NULL and {@code != NULL} IS NOT NULL.
 */
final class FilterParser {
    static final int MAX_LIST = 65536;

    private final FilterLexer lex;
    private final FieldNames fields = new FieldNames();
    private int depth;

    private FilterParser(String text) {
        lex = new FilterLexer(text);
    }

    static Filter parse(String text) {
        if (text == null) {
            throw FilterLexer.error("expected a filter string, got null", 0);
        }
        if (text.length() > Filter.MAX_LENGTH) {
            throw FilterLexer.error("expected a filter of at most " + Filter.MAX_LENGTH + " characters", Filter.MAX_LENGTH);
        }
        FilterParser p = new FilterParser(text);
        p.lex.next();
        FilterNode root = p.or();
        if (p.lex.type != FilterLexer.EOF) {
            throw p.expected("AND, OR or the end of the filter");
        }
        return new Filter(root, p.fields.toArray());
    }

    private RuntimeException expected(String what) {
        return FilterLexer.error("expected " + what, lex.start);
    }

    private FilterNode or() {
        List<FilterNode> parts = new ArrayList<>();
        parts.add(and());
        while (lex.isKeyword("OR") || lex.isSymbol("||")) {
            lex.next();
            parts.add(and());
        }
        return FilterNode.join(FilterNode.OR, nodes(parts));
    }

    private FilterNode and() {
        List<FilterNode> parts = new ArrayList<>();
        parts.add(unary());
        while (lex.isKeyword("AND") || lex.isSymbol("&&")) {
            lex.next();
            parts.add(unary());
        }
        return FilterNode.join(FilterNode.AND, nodes(parts));
    }

    private static FilterNode[] nodes(List<FilterNode> parts) {
        FilterNode[] out = new FilterNode[parts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parts.get(i);
        }
        return out;
    }

    private FilterNode unary() {
        if (++depth > Filter.MAX_NESTING) {
            throw expected("nesting of at most " + Filter.MAX_NESTING + " levels");
        }
        FilterNode node;
        if (lex.isKeyword("NOT") || lex.isSymbol("!")) {
            lex.next();
            node = FilterNode.not(unary());
        } else if (lex.isSymbol("(")) {
            lex.next();
            node = or();
            if (!lex.isSymbol(")")) {
                throw expected("')'");
            }
            lex.next();
        } else {
            node = test();
        }
        depth--;
        return node;
    }

    private FilterNode test() {
        if (lex.type != FilterLexer.WORD) {
            throw expected(lex.type == FilterLexer.EOF ? "a condition" : "a field name");
        }
        int field = fields.indexOf(lex.text);
        lex.next();
        if (lex.type == FilterLexer.SYMBOL && "= == != < <= > >=".contains(lex.text) && !lex.text.equals("!")) {
            return comparison(field);
        }
        if (lex.isKeyword("IN")) {
            lex.next();
            return FilterNode.in(field, list(), false);
        }
        if (lex.isKeyword("NOT")) {
            lex.next();
            if (!lex.isKeyword("IN")) {
                throw expected("IN after NOT");
            }
            lex.next();
            return FilterNode.in(field, list(), true);
        }
        if (lex.isKeyword("BETWEEN")) {
            return between(field);
        }
        if (lex.isKeyword("IS")) {
            lex.next();
            boolean negated = lex.isKeyword("NOT");
            if (negated) {
                lex.next();
            }
            if (!lex.isKeyword("NULL")) {
                throw expected("NULL");
            }
            lex.next();
            return FilterNode.isNull(field, negated);
        }
        if (lex.isKeyword("CONTAINS")) {
            lex.next();
            return FilterNode.compare(field, FilterNode.CONTAINS, scalar("a value after CONTAINS"));
        }
        int op = lex.isKeyword("STARTS_WITH") ? FilterNode.STARTS_WITH
                : lex.isKeyword("ENDS_WITH") ? FilterNode.ENDS_WITH
                : lex.isKeyword("LIKE") ? FilterNode.LIKE : -1;
        if (op < 0) {
            throw expected("an operator (= != < <= > >= IN NOT IN BETWEEN CONTAINS STARTS_WITH ENDS_WITH LIKE IS)");
        }
        String name = op == FilterNode.STARTS_WITH ? "STARTS_WITH" : op == FilterNode.ENDS_WITH ? "ENDS_WITH" : "LIKE";
        lex.next();
        if (lex.type != FilterLexer.STRING) {
            throw expected("a string after " + name);
        }
        MetaValue s = MetaValue.of(lex.text);
        lex.next();
        return FilterNode.compare(field, op, s);
    }

    private FilterNode comparison(int field) {
        String sym = lex.text;
        lex.next();
        int valueAt = lex.start;
        MetaValue v = literal("a value after '" + sym + "'");
        if (v.isNull()) {
            if (sym.equals("=") || sym.equals("==")) {
                return FilterNode.isNull(field, false);
            }
            if (sym.equals("!=")) {
                return FilterNode.isNull(field, true);
            }
            throw FilterLexer.error("expected a number or string after '" + sym + "'", valueAt);
        }
        switch (sym) {
            case "=":
            case "==":
                return FilterNode.compare(field, FilterNode.EQ, v);
            case "!=":
                return FilterNode.compare(field, FilterNode.NE, v);
            default:
                if (v.kind() != MetaValue.NUMBER && v.kind() != MetaValue.STRING) {
                    throw FilterLexer.error("expected a number or string after '" + sym + "'", valueAt);
                }
                int op = sym.equals("<") ? FilterNode.LT : sym.equals("<=") ? FilterNode.LE
                        : sym.equals(">") ? FilterNode.GT : FilterNode.GE;
                return FilterNode.compare(field, op, v);
        }
    }

    private FilterNode between(int field) {
        lex.next();
        int lowAt = lex.start;
        MetaValue low = scalar("a number or string after BETWEEN");
        if (low.kind() != MetaValue.NUMBER && low.kind() != MetaValue.STRING) {
            throw FilterLexer.error("expected a number or string after BETWEEN", lowAt);
        }
        if (!lex.isKeyword("AND")) {
            throw expected("AND in BETWEEN ... AND ...");
        }
        lex.next();
        int highAt = lex.start;
        MetaValue high = scalar("a value after AND");
        if (high.kind() != low.kind()) {
            throw FilterLexer.error("expected an upper bound of the same type as the lower bound", highAt);
        }
        return FilterNode.join(FilterNode.AND, new FilterNode[] {
            FilterNode.compare(field, FilterNode.GE, low), FilterNode.compare(field, FilterNode.LE, high)});
    }

    private MetaValue[] list() {
        String close = lex.isSymbol("[") ? "]" : lex.isSymbol("(") ? ")" : null;
        if (close == null) {
            throw expected("'[' or '(' starting a list");
        }
        lex.next();
        List<MetaValue> items = new ArrayList<>();
        if (!lex.isSymbol(close)) {
            while (true) {
                if (items.size() == MAX_LIST) {
                    throw expected("at most " + MAX_LIST + " list elements");
                }
                items.add(scalar("a value in the list"));
                if (lex.isSymbol(close)) {
                    break;
                }
                if (!lex.isSymbol(",")) {
                    throw expected("',' or '" + close + "'");
                }
                lex.next();
            }
        }
        lex.next();
        MetaValue[] out = new MetaValue[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = items.get(i);
        }
        return out;
    }

    /** A literal other than null. */
    private MetaValue scalar(String what) {
        int at = lex.start;
        MetaValue v = literal(what);
        if (v.isNull()) {
            throw FilterLexer.error("expected " + what + " other than NULL", at);
        }
        return v;
    }

    private MetaValue literal(String what) {
        MetaValue v;
        if (lex.type == FilterLexer.STRING) {
            v = MetaValue.of(lex.text);
        } else if (lex.type == FilterLexer.NUMBER) {
            v = MetaValue.of(lex.number);
        } else if (lex.isKeyword("TRUE")) {
            v = MetaValue.TRUE;
        } else if (lex.isKeyword("FALSE")) {
            v = MetaValue.FALSE;
        } else if (lex.isKeyword("NULL")) {
            v = MetaValue.NULL_VALUE;
        } else {
            throw expected(what);
        }
        lex.next();
        return v;
    }
}
