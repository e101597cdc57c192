package dev.teavec.core.testkit;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.filter.Filter;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.meta.MetaValue;
import dev.teavec.core.meta.MetadataJson;
import dev.teavec.core.vector.Metric;

/**
 * Filters, JSON and numbers where the runtime's own classlib matters (TeaVM's strings, doubles,
 * hash maps): run on the JVM by JUnit 5 and in Wasm GC by TeaVM's runner.
 */
public final class FilterScenarios {
    private FilterScenarios() {
    }

    private static int[] ids(int... ids) {
        return ids;
    }

    /** Numbers survive JSON both ways; integral ones are written as integers. */
    public static void numbersRoundTrip() {
        String[] texts = {"0", "-0", "1", "-7", "0.1", "0.30000000000000004", "1e-7", "123456.789", "-2.5", "1e21",
            "9007199254740993", "4.9e-324", "1.7976931348623157e308", "2.2250738585072014E-308", "1.5e300", "12345678901234567890"};
        for (String t : texts) {
            MetaValue v = MetadataJson.readValue(t);
            String written = MetadataJson.writeValue(v);
            MetaValue back = MetadataJson.readValue(written);
            Check.isTrue(v.number() == back.number(), t + " -> " + written + " reads back as " + back.number());
        }
        Check.same("42", MetadataJson.writeValue(MetadataJson.readValue("42.0")), "integral written without fraction");
        Check.same("-3", MetadataJson.writeValue(MetadataJson.readValue("-3e0")), "integral negative");
        Check.same("9007199254740992", MetadataJson.writeValue(MetadataJson.readValue("9007199254740992")), "2^53");
        Check.isTrue(0.1 == MetadataJson.readValue("0.1").number(), "0.1 parses to the nearest double");
        Check.isTrue(1e-7 == MetadataJson.readValue("1e-7").number(), "1e-7 parses to the nearest double");
        Check.isTrue(123456.789 == MetadataJson.readValue("123456.789").number(), "123456.789 parses exactly");
    }

    private static CollectionStore sample() {
        CollectionStore db = new CollectionStore(IndexConfig.builder(2, Metric.L2).indexType("flat").build());
        db.insert(new float[] {0, 0}, "{\"name\":\"caf\u00e9 \\\"au lait\\\"\",\"price\":2.5,\"tags\":[\"hot\",\"milk\"],\"ok\":true}");
        db.insert(new float[] {1, 0}, "{\"name\":\"it's tea\",\"price\":2,\"tags\":[],\"ok\":false,\"n\":null}");
        db.insert(new float[] {2, 0}, "{\"name\":\"100% juice\",\"price\":4,\"tags\":[\"cold\"]}");
        db.insert(new float[] {3, 0}, null);
        return db;
    }

    /** Both grammars over strings with escapes and non-ASCII, numbers, booleans, lists and nulls. */
    public static void filtersEvaluate() {
        CollectionStore db = sample();
        String[][] cases = {
            {"name = 'caf\u00e9 \"au lait\"'", "0"}, {"name = \"it\\'s tea\"", "1"}, {"name LIKE '100\\% %'", "2"},
            {"name LIKE 'caf_%'", "0"}, {"name STARTS_WITH 'it'", "1"}, {"name ENDS_WITH 'juice'", "2"},
            {"name CONTAINS 'a'", "0,1"}, {"tags CONTAINS 'milk'", "0"}, {"tags IN ['cold', 'x']", "2"},
            {"tags NOT IN ['cold']", "0,1"}, {"price > 2", "0,2"}, {"price = 2", "1"}, {"price BETWEEN 2 AND 2.5", "0,1"},
            {"price != 2", "0,2"}, {"ok = TRUE", "0"}, {"ok != true", "1"}, {"n IS NULL", "0,1,2,3"},
            {"price IS NULL", "3"}, {"NOT price > 2", "1,3"}, {"price >= 4 OR ok = true AND price < 3", "0,2"},
            {"(price >= 4 OR ok = true) AND price < 3", "0"}, {"name > 'd'", "1"}, {"name < 'c'", "2"},
            {"price IN [2, 4]", "1,2"}, {"price NOT IN [2]", "0,2"}, {"name = 1", ""},
        };
        for (String[] c : cases) {
            Check.ids(parse(c[1]), db.matchIds(c[0], Filter.EDGEVEC, 0, -1), c[0]);
        }
        String[][] where = {
            {"{\"name\": \"caf\\u00e9 \\\"au lait\\\"\"}", "0"}, {"{\"price\": {\"$gte\": 2.5}}", "0,2"},
            {"{\"price\": {\"$ne\": 2}}", "0,2"}, {"{\"tags\": {\"$contains\": \"hot\"}}", "0"},
            {"{\"$or\": [{\"ok\": false}, {\"price\": {\"$in\": [4]}}]}", "1,2"}, {"{\"price\": {\"$nin\": [4]}}", "0,1"},
            {"{\"$and\": [{\"price\": {\"$lt\": 5}}, {\"name\": {\"$gt\": \"d\"}}]}", "1"}, {"{}", "0,1,2,3"},
        };
        for (String[] c : where) {
            Check.ids(parse(c[1]), db.matchIds(c[0], Filter.CHROMA_WHERE, 0, -1), c[0]);
        }
    }

    private static int[] parse(String csv) {
        if (csv.isEmpty()) {
            return new int[0];
        }
        String[] parts = csv.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    /** Malformed and hostile filters fail with INVALID_FILTER and a position; the stack survives. */
    public static void badFiltersFailCleanly() {
        CollectionStore db = sample();
        Check.failsWith("INVALID_FILTER: expected ')' at position 10", () -> db.matchIds("(price = 1", 0, 0, -1), "paren");
        Check.failsWith("INVALID_FILTER: expected ' closing the string that starts at position 7",
                () -> db.matchIds("name = 'x", 0, 0, -1), "string");
        Check.failsWith("INVALID_FILTER: expected ',' or '}' at position 12",
                () -> db.matchIds("{\"price\": 1 \"a\": 2}", 1, 0, -1), "where JSON");
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 200000; i++) {
            deep.append('(');
        }
        Check.failsWith("INVALID_FILTER: expected nesting of at most 64 levels at position 64",
                () -> db.matchIds(deep.toString(), 0, 0, -1), "deep parentheses");
        StringBuilder deepWhere = new StringBuilder();
        for (int i = 0; i < 100000; i++) {
            deepWhere.append("{\"$or\":[");
        }
        Check.fails(ErrorCode.INVALID_FILTER, () -> db.matchIds(deepWhere.toString(), 1, 0, -1), "deep where");
        Check.fails(ErrorCode.INVALID_ARGUMENT, () -> db.matchIds("price = 1", 5, 0, -1), "unknown kind");
    }
}
