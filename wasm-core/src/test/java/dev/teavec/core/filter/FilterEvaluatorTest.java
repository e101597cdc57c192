package dev.teavec.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.meta.JsonWriter;
import dev.teavec.core.meta.MetaValue;
import dev.teavec.core.vector.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The evaluator against an independent brute-force reading of the semantics (plain Java objects,
 * regexes for LIKE) on a seeded random data set: every operator, both grammars, then random
 * AND/OR/NOT trees. Records mix types per field, miss fields and hold nulls on purpose.
 */
class FilterEvaluatorTest {
    private static final long SEED = Long.getLong("teavec.seed", System.nanoTime());
    private static final Object NULL = new Object();
    private static final String[] FIELDS = {"n", "s", "b", "l", "mixed", "absent"};
    private static final String[] WORDS = {"apple", "apricot", "banana", "band", "cherry", "", "a_b", "100%", "it's",
        "Apple", "\u00e9t\u00e9", "x"};
    private static final Object[] LITERALS = {-1.0, 0.0, 1.5, 3.0, 7.0, 100.0, "apple", "ap", "an", "band", "x", "",
        "%an%", "b_n%", "_", "%", "a\\_b", "it's", "\u00e9t\u00e9", "APPLE", true, false};

    private final Random random = new Random(SEED);
    private final List<Map<String, Object>> records = new ArrayList<>();
    private CollectionStore db;

    /** A filter in both grammars (null where Chroma has no form) and what it means. */
    private static final class Case {
        final String text;
        final String where;
        final Predicate<Map<String, Object>> meaning;

        Case(String text, String where, Predicate<Map<String, Object>> meaning) {
            this.text = text;
            this.where = where;
            this.meaning = meaning;
        }
    }

    @BeforeEach
    void data() {
        db = new CollectionStore(IndexConfig.builder(2, Metric.L2).indexType("flat").build());
        for (int i = 0; i < 400; i++) {
            Map<String, Object> r = new HashMap<>();
            maybe(r, "n", random.nextBoolean() ? (double) (random.nextInt(12) - 2) : random.nextInt(40) / 4.0);
            maybe(r, "s", WORDS[random.nextInt(WORDS.length)]);
            maybe(r, "b", random.nextBoolean());
            List<String> l = new ArrayList<>();
            for (String w : new String[] {"x", "apple", "band", ""}) {
                if (random.nextInt(3) == 0) {
                    l.add(w);
                }
            }
            maybe(r, "l", l);
            Object[] mixed = {3.0, "3", true, "apple", 1.5, List.of("x")};
            maybe(r, "mixed", mixed[random.nextInt(mixed.length)]);
            records.add(r);
            db.insert(new float[] {i, 0}, json(r));
        }
    }

    private void maybe(Map<String, Object> r, String key, Object value) {
        int roll = random.nextInt(10);
        if (roll < 7) {
            r.put(key, value);
        } else if (roll < 9) {
            r.put(key, NULL);
        }
    }

    private static String json(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : r.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            JsonWriter.writeString(sb, e.getKey());
            sb.append(':').append(jsonValue(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String jsonValue(Object v) {
        StringBuilder sb = new StringBuilder();
        if (v == NULL) {
            sb.append("null");
        } else if (v instanceof String) {
            JsonWriter.writeString(sb, (String) v);
        } else if (v instanceof Double) {
            JsonWriter.writeNumber(sb, (Double) v);
        } else if (v instanceof Boolean) {
            sb.append(v);
        } else {
            JsonWriter.writeValue(sb, MetaValue.ofList(((List<?>) v).toArray(new String[0])));
        }
        return sb.toString();
    }

    private static String literal(Object v) {
        if (v instanceof String) {
            return "'" + ((String) v).replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        return jsonValue(v);
    }

    /** The field's value, null when missing or null. */
    private static Object value(Map<String, Object> r, String f) {
        Object v = r.get(f);
        return v == NULL ? null : v;
    }

    private static boolean sameType(Object a, Object b) {
        return a != null && b != null && a.getClass() == b.getClass()
                || a instanceof List && b instanceof List;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int order(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private static boolean like(String s, String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(s).matches();
    }

    private static boolean inSet(Object v, List<Object> set) {
        if (v instanceof List) {
            for (Object item : (List<?>) v) {
                if (set.contains(item)) {
                    return true;
                }
            }
            return false;
        }
        return set.contains(v);
    }

    /** One comparison leaf in both grammars; {@code op} is the EdgeVec spelling. */
    private Case leaf(String op, String f, Object lit) {
        String where;
        Predicate<Map<String, Object>> p;
        boolean orderable = lit instanceof Double || lit instanceof String;
        switch (op) {
            case "=":
                where = "{\"" + f + "\":" + jsonValue(lit) + "}";
                p = r -> value(r, f) != null && lit.equals(value(r, f));
                break;
            case "!=":
                where = "{\"" + f + "\":{\"$ne\":" + jsonValue(lit) + "}}";
                p = r -> sameType(value(r, f), lit) && !lit.equals(value(r, f));
                break;
            case "<": case "<=": case ">": case ">=":
                if (!orderable) {
                    return null;
                }
                String chroma = op.equals("<") ? "$lt" : op.equals("<=") ? "$lte" : op.equals(">") ? "$gt" : "$gte";
                where = "{\"" + f + "\":{\"" + chroma + "\":" + jsonValue(lit) + "}}";
                p = r -> {
                    Object v = value(r, f);
                    if (!sameType(v, lit) || v instanceof Boolean) {
                        return false;
                    }
                    int c = order(v, lit);
                    return op.equals("<") ? c < 0 : op.equals("<=") ? c <= 0 : op.equals(">") ? c > 0 : c >= 0;
                };
                break;
            case "CONTAINS":
                where = "{\"" + f + "\":{\"$contains\":" + jsonValue(lit) + "}}";
                p = r -> {
                    Object v = value(r, f);
                    return lit instanceof String && (v instanceof String ? ((String) v).contains((String) lit)
                            : v instanceof List && ((List<?>) v).contains(lit));
                };
                break;
            case "STARTS_WITH": case "ENDS_WITH": case "LIKE":
                if (!(lit instanceof String)) {
                    return null;
                }
                where = null;
                String s = (String) lit;
                p = r -> {
                    Object v = value(r, f);
                    return v instanceof String && (op.equals("LIKE") ? like((String) v, s)
                            : op.equals("STARTS_WITH") ? ((String) v).startsWith(s) : ((String) v).endsWith(s));
                };
                break;
            default:
                throw new AssertionError(op);
        }
        return new Case(f + " " + op + " " + literal(lit), where, p);
    }

    private Case inCase(String f, boolean negated) {
        List<Object> set = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            set.add(LITERALS[random.nextInt(LITERALS.length)]);
        }
        StringBuilder text = new StringBuilder(f + (negated ? " NOT IN [" : " IN ["));
        StringBuilder json = new StringBuilder("{\"" + f + "\":{\"" + (negated ? "$nin" : "$in") + "\":[");
        for (int i = 0; i < set.size(); i++) {
            text.append(i > 0 ? ", " : "").append(literal(set.get(i)));
            json.append(i > 0 ? "," : "").append(jsonValue(set.get(i)));
        }
        return new Case(text.append(']').toString(), json.append("]}}").toString(),
                r -> value(r, f) != null && inSet(value(r, f), set) != negated);
    }

    private Case randomLeaf() {
        String f = FIELDS[random.nextInt(FIELDS.length)];
        while (true) {
            int kind = random.nextInt(12);
            Object lit = LITERALS[random.nextInt(LITERALS.length)];
            Case c;
            if (kind < 8) {
                String[] ops = {"=", "!=", "<", "<=", ">", ">=", "CONTAINS", "LIKE"};
                c = leaf(ops[kind], f, lit);
            } else if (kind < 10) {
                c = inCase(f, kind == 9);
            } else if (kind == 10) {
                boolean not = random.nextBoolean();
                c = new Case(f + (not ? " IS NOT NULL" : " IS NULL"), null, r -> (value(r, f) == null) != not);
            } else {
                c = leaf(random.nextBoolean() ? "STARTS_WITH" : "ENDS_WITH", f, lit);
            }
            if (c != null) {
                return c;
            }
        }
    }

    private Case randomTree(int depth, boolean chromaOnly) {
        if (depth == 0 || random.nextInt(3) == 0) {
            Case leaf = randomLeaf();
            return chromaOnly && leaf.where == null ? randomTree(depth, true) : leaf;
        }
        int kind = random.nextInt(chromaOnly ? 2 : 3);
        if (kind == 2) {
            Case inner = randomTree(depth - 1, false);
            return new Case("NOT (" + inner.text + ")", null, inner.meaning.negate());
        }
        Case a = randomTree(depth - 1, chromaOnly);
        Case b = randomTree(depth - 1, chromaOnly);
        boolean and = kind == 0;
        String where = a.where == null || b.where == null ? null
                : "{\"" + (and ? "$and" : "$or") + "\":[" + a.where + "," + b.where + "]}";
        return new Case("(" + a.text + (and ? ") AND (" : ") OR (") + b.text + ")", where,
                and ? a.meaning.and(b.meaning) : a.meaning.or(b.meaning));
    }

    private void check(Case c) {
        int[] expected = java.util.stream.IntStream.range(0, records.size()).filter(i -> c.meaning.test(records.get(i))).toArray();
        assertEquals(Arrays.toString(expected), Arrays.toString(db.matchIds(c.text, Filter.EDGEVEC, 0, -1)),
                c.text + ", seed " + SEED);
        if (c.where != null) {
            assertEquals(Arrays.toString(expected), Arrays.toString(db.matchIds(c.where, Filter.CHROMA_WHERE, 0, -1)),
                    c.where + ", seed " + SEED);
        }
    }

    @Test
    void everyOperatorOnEveryFieldAndLiteral() {
        String[] ops = {"=", "!=", "<", "<=", ">", ">=", "CONTAINS", "STARTS_WITH", "ENDS_WITH", "LIKE"};
        for (String f : FIELDS) {
            for (String op : ops) {
                for (Object lit : LITERALS) {
                    Case c = leaf(op, f, lit);
                    if (c != null) {
                        check(c);
                    }
                }
            }
            check(new Case(f + " IS NULL", null, r -> value(r, f) == null));
            check(new Case(f + " IS NOT NULL", null, r -> value(r, f) != null));
            for (int i = 0; i < 20; i++) {
                check(inCase(f, i % 2 == 0));
            }
            check(new Case(f + " BETWEEN 0 AND 3", null, r -> value(r, f) instanceof Double
                    && (Double) value(r, f) >= 0 && (Double) value(r, f) <= 3));
            check(new Case(f + " BETWEEN 'b' AND 'c'", null, r -> value(r, f) instanceof String
                    && ((String) value(r, f)).compareTo("b") >= 0 && ((String) value(r, f)).compareTo("c") <= 0));
        }
    }

    @Test
    void randomTreesInBothGrammars() {
        for (int i = 0; i < 300; i++) {
            check(randomTree(4, i % 2 == 0));
        }
    }

    @Test
    void matchIdsPagesInIdOrder() {
        int[] all = db.matchIds("n >= 0", Filter.EDGEVEC, 0, -1);
        int[] page = db.matchIds("n >= 0", Filter.EDGEVEC, 5, 7);
        assertEquals(Arrays.toString(Arrays.copyOfRange(all, 5, 12)), Arrays.toString(page), "seed " + SEED);
        assertEquals(0, db.matchIds("n >= 0", Filter.EDGEVEC, all.length, 10).length);
        assertEquals(0, db.matchIds("n >= 0", Filter.EDGEVEC, 0, 0).length);
        assertEquals(400, db.matchIds("{}", Filter.CHROMA_WHERE, 0, -1).length);
    }
}
