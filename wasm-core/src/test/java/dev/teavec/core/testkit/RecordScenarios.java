package dev.teavec.core.testkit;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.filter.Filter;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.search.FilteredResult;
import dev.teavec.core.vector.Metric;
import java.util.Random;

/**
 * Metadata, user keys, documents, updates and filters on a {@link CollectionStore}, free of JUnit
 * types: JUnit 5 runs them on the JVM and TeaVM's runner in Wasm GC (where strings, doubles and
 * hash maps are TeaVM's own).
 */
public final class RecordScenarios {
    private RecordScenarios() {
    }

    static CollectionStore database(String variant, int dims, long seed) {
        IndexConfig.Builder b = IndexConfig.builder(dims, Metric.L2).seed(seed).m(12).efConstruction(60).efSearch(40);
        switch (variant) {
            case "flat":
                b.indexType("flat");
                break;
            case "hnsw":
                b.indexType("hnsw");
                break;
            case "sq8":
                b.indexType("hnsw").quantization("sq8").sq8TrainingSize(100);
                break;
            default:
                b.indexType("auto").autoThreshold(150);
        }
        return new CollectionStore(b.build());
    }

    static float[] vector(Random random, int dims) {
        float[] v = new float[dims];
        for (int d = 0; d < dims; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    /** Metadata round trip: every value type, integral numbers without ".0", escapes, edits by key. */
    public static void metadataRoundTrip() {
        CollectionStore db = database("flat", 3, 1);
        int id = db.insert(new float[] {1, 2, 3},
                "{\"s\":\"a\\\"b\\n\\u00e9\",\"n\":3,\"f\":-2.5,\"big\":1e21,\"t\":true,\"x\":null,\"l\":[\"p\",\"q\"]}");
        Check.same("{\"s\":\"a\\\"b\\n\u00e9\",\"n\":3,\"f\":-2.5,\"big\":1e+21,\"t\":true,\"x\":null,\"l\":[\"p\",\"q\"]}",
                db.metadataEditor().get(id), "metadata written back");
        Check.same("3", db.metadataEditor().getValue(id, "n"), "integral number");
        Check.same("0.1", db.metadataEditor().getValue(
                db.insert(new float[] {1, 1, 1}, "{\"v\":0.1}"), "v"), "0.1 round-trips");
        db.metadataEditor().setValue(id, "n", "4");
        db.metadataEditor().setValue(id, "new", "\"z\"");
        Check.equal(8, db.metadataEditor().keyCount(id), "keys after edits");
        Check.isTrue(db.metadataEditor().deleteValue(id, "s"), "deleted a key");
        Check.isTrue(!db.metadataEditor().deleteValue(id, "s"), "second delete finds nothing");
        Check.same(null, db.metadataEditor().getValue(id, "s"), "deleted value");
        Check.equal(2, db.metadata().recordCount(), "vectors with metadata");
        Check.equal(8, db.metadata().entryCount(), "entries");
        db.metadataEditor().set(id, "{}");
        Check.same(null, db.metadataEditor().get(id), "{} clears");
        Check.equal(1, db.metadata().recordCount(), "vectors with metadata after clear");
        Check.fails(ErrorCode.INVALID_ARGUMENT, () -> db.metadataEditor().set(0, "{\"a\":{\"b\":1}}"), "nested object");
        Check.fails(ErrorCode.UNKNOWN_ID, () -> db.metadataEditor().get(99), "unknown id");
        Check.failsWith("INVALID_ARGUMENT: metadata: expected ',' or '}' at position 7",
                () -> db.insert(new float[] {1, 2, 3}, "{\"a\":1 \"b\":2}"), "position of a JSON error");
        Check.equal(2, db.index().size(), "failed insert added nothing");
        db.checkIntegrity();
    }

    /** Upsert and add by key, in-place updates, deletes and compaction keep everything consistent. */
    public static void keysUpdatesAndCompaction(String variant, long seed) {
        Random random = new Random(seed);
        int dims = 8;
        CollectionStore db = database(variant, dims, seed);
        int n = 300;
        for (int i = 0; i < n; i++) {
            db.add("k" + i, vector(random, dims), "{\"i\":" + i + ",\"even\":" + (i % 2 == 0) + "}", "doc " + i);
        }
        Check.fails(ErrorCode.DUPLICATE_ID, () -> db.add("k5", vector(random, dims), null, null), "duplicate key");
        for (int i = 0; i < n; i += 3) {
            float[] v = vector(random, dims);
            int id = db.upsert("k" + i, v, i % 2 == 0 ? null : "{\"i\":" + i + ",\"updated\":true}", null);
            Check.equal(i, id, "upsert keeps the id, seed " + seed);
            float[] got = db.index().get(id);
            if (!variant.equals("sq8")) {
                for (int d = 0; d < dims; d++) {
                    Check.near(v[d], got[d], 0, "updated vector, seed " + seed);
                }
            }
        }
        Check.equal(n, db.index().liveCount(), "updates keep the live count");
        Check.same("doc 3", db.getDocument(3), "null document keeps the old one");
        Check.same("{\"i\":3,\"updated\":true}", db.metadataEditor().get(3), "metadata replaced");
        Check.same("{\"i\":6,\"even\":true}", db.metadataEditor().get(6), "null metadata keeps the old one");
        for (int i = 0; i < n; i += 4) {
            Check.isTrue(db.deleteKey("k" + i), "deleteKey");
        }
        Check.isTrue(!db.deleteKey("k0"), "deleteKey twice");
        Check.equal(-1, db.idOfKey("k4"), "deleted key");
        Check.same(null, db.keyOf(4), "deleted id has no key");
        db.checkIntegrity();
        db.compact();
        db.checkIntegrity();
        Check.equal(0, db.index().deletedCount(), "compaction drops tombstones");
        for (int i = 0; i < n; i++) {
            boolean live = i % 4 != 0;
            Check.equal(live ? i : -1, db.idOfKey("k" + i), "key after compaction, seed " + seed);
            if (live) {
                Check.same("doc " + i, db.getDocument(i), "document after compaction");
                Check.same("k" + i, db.keyOf(i), "key of id after compaction");
            }
        }
        int fresh = db.upsert("new", vector(random, dims), "{\"i\":-1}", "x");
        Check.equal(n, fresh, "a new key gets the next id");
        db.updateVector(fresh, vector(random, dims));
        Check.equal(n, db.idOfKey("new"), "update keeps the key");
        FilteredResult r = db.search(vector(random, dims), 5, 0, "i < 0", Filter.EDGEVEC);
        Check.equal(1, r.result().size(), "filter finds the one new vector");
        Check.equal(fresh, r.result().id(0), "and it is the new one");
        db.checkIntegrity();
    }

    /** Filtered search always returns min(k, matches), only matches, for both grammars. */
    public static void filteredSearchCounts(String variant, long seed) {
        Random random = new Random(seed);
        int dims = 8;
        CollectionStore db = database(variant, dims, seed);
        int n = 400;
        for (int i = 0; i < n; i++) {
            db.insert(vector(random, dims), "{\"i\":" + i + ",\"tag\":\"" + (i % 10 == 0 ? "rare" : "common") + "\"}");
        }
        String[][] filters = {{"i >= 0", "{\"i\":{\"$gte\":0}}", "400"}, {"tag = 'rare'", "{\"tag\":\"rare\"}", "40"},
            {"i < 3", "{\"i\":{\"$lt\":3}}", "3"}, {"i = 7", "{\"i\":7}", "1"}, {"i > 1000", "{\"i\":{\"$gt\":1000}}", "0"}};
        for (String[] f : filters) {
            int matches = Integer.parseInt(f[2]);
            for (int kind = 0; kind < 2; kind++) {
                FilteredResult r = db.search(vector(random, dims), 10, 0, f[kind], kind);
                Check.equal(Math.min(10, matches), r.result().size(), variant + " " + f[kind] + ", seed " + seed);
                Check.equal(Math.min(10, matches), db.matchIds(f[kind], kind, 0, 10).length, "matchIds " + f[kind]);
            }
        }
        Check.failsWith("INVALID_FILTER: expected a value after '=' at position 4",
                () -> db.search(vector(random, dims), 3, 0, "i = ", Filter.EDGEVEC), "filter error position");
    }
}
