package dev.teavec.core.testkit;

import dev.teavec.core.codec.DatabaseSnapshot;
import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.codec.SnapshotBytes;
import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.meta.KeyTable;
import dev.teavec.core.meta.MetaRecord;
import dev.teavec.core.meta.MetaValue;
import dev.teavec.core.search.FilteredResult;
import dev.teavec.core.vector.Metric;
import java.util.Random;

/**
 * Snapshots of whole {@link CollectionStore}s (index plus metadata, user keys and documents) as plain
 * methods, run by JUnit 5 on the JVM and by TeaVM's runner in Wasm GC: round trips that must give
 * back identical records and identical (filtered) results, and damage that must be CORRUPT_SNAPSHOT.
 */
public final class RecordSnapshotScenarios {
    /** Filters over the metadata {@link #build} writes, in both grammars (kind 0 EdgeVec, 1 where). */
    public static final String[][] FILTERS = {
        {"group = 'g1'", "0"}, {"n >= 100 AND flag = true", "0"}, {"tags CONTAINS 't2'", "0"},
        {"{\"$or\": [{\"group\": \"g2\"}, {\"n\": {\"$lt\": 20}}]}", "1"}, {"{\"n\": {\"$gte\": 0}}", "1"},
        {"name = 'caf\u00e9 \ud83c\udf75'", "0"},
    };

    private RecordSnapshotScenarios() {
    }

    static IndexConfig config(String variant, int dims, Metric metric, long seed) {
        IndexConfig.Builder b = IndexConfig.builder(dims, metric).seed(seed).m(8).efConstruction(40).efSearch(40);
        if (variant.startsWith("flat")) {
            b.indexType("flat");
        } else if (variant.startsWith("auto")) {
            b.indexType("auto").autoThreshold(120);
        } else {
            b.indexType("hnsw");
        }
        if (variant.contains("sq8")) {
            b.quantization("sq8").sq8TrainingSize(60);
        }
        return b.build();
    }

    static String metadata(int i) {
        // Every value kind; numbers whose JSON text would not give back their bits (-0, 1e21), lone surrogates.
        String[] numbers = {Integer.toString(i), "-0", "0.1", "1e21", "-2.5e-300"};
        return "{\"group\":\"g" + (i % 3) + "\",\"n\":" + (i * 7 % 200) + ",\"flag\":" + (i % 2 == 0)
                + ",\"tags\":[\"t" + (i % 4) + "\",\"t" + (i % 5) + "\"],\"none\":null,\"x\":" + numbers[i % numbers.length]
                + (i % 9 == 0 ? ",\"name\":\"caf\u00e9 \ud83c\udf75\",\"odd\":\"\\ud800 alone\"" : "") + "}";
    }

    /**
     * A database of the variant: {@code n} records added by key with metadata and (most) documents,
     * some upserted in place, some updated by id, some edited, some deleted by key or by id, and
     * keys interned that no record uses any more.
     */
    public static CollectionStore build(String variant, Metric metric, int dims, int n, long seed) {
        Random random = new Random(seed);
        CollectionStore db = new CollectionStore(config(variant, dims, metric, seed));
        for (int i = 0; i < n; i++) {
            float[] v = IndexScenarios.clustered(random, 1, dims)[0];
            if (i % 10 == 7) {
                db.insert(v, i % 20 == 7 ? null : metadata(i));
            } else {
                String document = i % 6 == 5 ? null : "document " + i + (i % 17 == 0 ? " \udc00" : "");
                db.add("key-" + i + (i % 13 == 0 ? " \u00fc\ud83d\ude00" : ""), v, metadata(i), document);
            }
        }
        for (int i = 0; i < n; i += 5) {
            String key = "key-" + i + (i % 13 == 0 ? " \u00fc\ud83d\ude00" : "");
            if (db.idOfKey(key) >= 0) {
                db.upsert(key, IndexScenarios.clustered(random, 1, dims)[0], i % 2 == 0 ? null : "{\"group\":\"g9\"}",
                        i % 3 == 0 ? "replaced " + i : null);
            }
        }
        for (int id = 3; id < n; id += 11) {
            db.updateVector(id, IndexScenarios.clustered(random, 1, dims)[0]);
        }
        for (int id = 1; id < n; id += 8) {
            db.metadataEditor().setValue(id, "edited", "[\"e" + id + "\"]");
            db.metadataEditor().deleteValue(id, "none");
        }
        db.metadataEditor().setValue(0, "only-once", "1");
        db.metadataEditor().deleteValue(0, "only-once");
        for (int id = 2; id < n; id += 9) {
            db.delete(id);
        }
        db.deleteKey("key-4");
        if (variant.contains("compacted")) {
            db.compact();
            db.upsert("key-1", IndexScenarios.clustered(random, 1, dims)[0], "{\"group\":\"g1\",\"n\":150,\"flag\":true}", "after");
        }
        db.checkIntegrity();
        return db;
    }

    /** Encode, decode, compare; then the same further changes to both, and compare again. */
    public static void roundTrip(String variant, Metric metric, long seed) {
        int dims = 8;
        String what = "records " + variant + "/" + metric.jsName() + " seed " + seed;
        CollectionStore original = build(variant, metric, dims, 260, seed);
        SnapshotBytes bytes = IndexSnapshot.encode(original);
        CollectionStore copy = IndexSnapshot.decodeDatabase(bytes);
        float[][] queries = SnapshotScenarios.queries(30, dims, seed);
        assertSame(original, copy, queries, what + " after load");
        byte[] again = IndexSnapshot.encodeToArray(copy);
        Check.isTrue(java.util.Arrays.equals(bytes.toArray(), again), what + ": re-encoding the copy gives the same bytes");
        Check.fails(ErrorCode.CORRUPT_SNAPSHOT, () -> IndexSnapshot.decode(bytes), what + ": a bare index decode refuses records");

        CollectionStore[] both = {original, copy};
        for (CollectionStore db : both) {
            Random random = new Random(seed + 5);
            for (int i = 0; i < 40; i++) {
                db.upsert("later-" + (i % 25), IndexScenarios.clustered(random, 1, dims)[0], metadata(i), "later " + i);
            }
            db.deleteKey("key-8");
            db.metadataEditor().setValue(db.idOfKey("key-10"), "brand-new", "true");
            db.compact();
        }
        assertSame(original, copy, queries, what + " after further upserts, deletes and compaction");
    }

    /** A database snapshot of three collections (one without an index) gives back names, settings and databases. */
    public static void collectionsRoundTrip(long seed) {
        String[] names = {"docs \u00e9", "empty", "sq8 \ud83d\ude00"};
        String[] settings = {"{\"metadata\":{\"hnsw:space\":\"l2\"},\"settings\":{\"metric\":\"l2\"}}", "{\"settings\":{}}",
            "{\"metadata\":null,\"settings\":{\"metric\":\"dot\",\"seed\":9007199254740991}}"};
        CollectionStore[] dbs = {build("hnsw", Metric.L2, 6, 150, seed), null, build("auto-sq8", Metric.DOT, 6, 160, seed)};
        byte[] bytes = DatabaseSnapshot.encode(names, settings, dbs).toArray();
        DatabaseSnapshot loaded = DatabaseSnapshot.decode(SnapshotBytes.of(bytes));
        Check.equal(names.length, loaded.size(), "collections");
        float[][] queries = SnapshotScenarios.queries(10, 6, seed);
        for (int i = 0; i < names.length; i++) {
            Check.same(names[i], loaded.name(i), "name " + i);
            Check.same(settings[i], loaded.settings(i), "settings " + i);
            if (dbs[i] == null) {
                Check.isTrue(loaded.database(i) == null, names[i] + " has no index");
            } else {
                assertSame(dbs[i], loaded.database(i), queries, names[i]);
            }
        }
        // A sample of single-bit damage across the container (DatabaseSnapshotTest flips more on the JVM).
        for (int i = 0; i < bytes.length; i += Math.max(1, bytes.length / 200)) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= (byte) (1 << (i % 8));
            int at = i;
            Check.fails(ErrorCode.CORRUPT_SNAPSHOT, () -> DatabaseSnapshot.decode(SnapshotBytes.of(damaged)), "byte " + at + " flipped");
        }
    }

    /** Same index (see {@link SnapshotScenarios#assertSame}), same records, same filtered results. */
    public static void assertSame(CollectionStore expected, CollectionStore actual, float[][] queries, String what) {
        actual.checkIntegrity();
        SnapshotScenarios.assertSame(expected.index(), actual.index(), queries, what);
        KeyTable ek = expected.metadata().keys();
        KeyTable ak = actual.metadata().keys();
        Check.equal(ek.size(), ak.size(), what + ": metadata key table");
        for (int k = 0; k < ek.size(); k++) {
            Check.same(ek.name(k), ak.name(k), what + ": metadata key " + k);
        }
        Check.equal(expected.metadata().recordCount(), actual.metadata().recordCount(), what + ": records");
        Check.equal(expected.keys().size(), actual.keys().size(), what + ": keys");
        Check.equal(expected.documents().count(), actual.documents().count(), what + ": documents");
        for (int id = 0; id < expected.index().idLimit() + 2; id++) {
            sameRecord(expected.metadata().get(id), actual.metadata().get(id), what + ": metadata of id " + id);
            Check.same(expected.keyOf(id), actual.keyOf(id), what + ": key of id " + id);
            String key = expected.keyOf(id);
            if (key != null) {
                Check.equal(id, actual.idOfKey(key), what + ": id of key " + key);
            }
            Check.same(expected.documents().get(id), actual.documents().get(id), what + ": document of id " + id);
        }
        for (int q = 0; q < queries.length; q++) {
            for (String[] f : FILTERS) {
                int kind = Integer.parseInt(f[1]);
                FilteredResult a = expected.search(queries[q], 10, 0, f[0], kind);
                FilteredResult b = actual.search(queries[q], 10, 0, f[0], kind);
                sameResult(a.result(), b.result(), what + ": " + f[0] + ", query " + q);
                Check.equal(a.strategy(), b.strategy(), what + ": strategy of " + f[0]);
            }
        }
        for (String[] f : FILTERS) {
            int kind = Integer.parseInt(f[1]);
            Check.ids(expected.matchIds(f[0], kind, 0, -1), actual.matchIds(f[0], kind, 0, -1), what + ": matchIds " + f[0]);
        }
    }

    private static void sameResult(SearchResult a, SearchResult b, String what) {
        Check.ids(a.ids(), b.ids(), what);
        for (int i = 0; i < a.size(); i++) {
            Check.isTrue(Float.floatToIntBits(a.distance(i)) == Float.floatToIntBits(b.distance(i)), what + ": distance " + i);
        }
    }

    /** Same keys in the same order, values of the same kind and content; numbers bit for bit. */
    private static void sameRecord(MetaRecord a, MetaRecord b, String what) {
        Check.isTrue((a == null) == (b == null), what + ": present in both or neither");
        if (a == null) {
            return;
        }
        Check.equal(a.size(), b.size(), what + ": size");
        for (int i = 0; i < a.size(); i++) {
            Check.equal(a.keyId(i), b.keyId(i), what + ": key " + i);
            MetaValue x = a.value(i);
            MetaValue y = b.value(i);
            Check.isTrue(x.sameAs(y), what + ": value " + i + " " + x + " vs " + y);
            if (x.kind() == MetaValue.NUMBER) {
                Check.isTrue(Double.doubleToRawLongBits(x.number()) == Double.doubleToRawLongBits(y.number()),
                        what + ": bits of number " + x.number());
            }
        }
    }

    /** A small database with SQ8 codes, metadata of every kind, keys and documents: for exhaustive damage tests. */
    public static CollectionStore small(long seed) {
        CollectionStore db = new CollectionStore(IndexConfig.builder(4, Metric.L2).indexType("hnsw")
                .quantization("sq8").sq8TrainingSize(8).m(4).efConstruction(16).seed(seed).build());
        float[][] data = IndexScenarios.clustered(new Random(seed), 14, 4);
        for (int i = 0; i < data.length; i++) {
            db.add("k\u00e9" + i, data[i], i % 3 == 0 ? "{\"a\":" + i + ",\"s\":\"\u00fc\",\"l\":[\"x\"],\"b\":true,\"z\":null}" : null,
                    i % 4 == 0 ? "d\ud83d\ude00" + i : null);
        }
        db.upsert("k\u00e91", data[0], "{\"a\":-0.5}", "doc");
        db.delete(2);
        db.delete(9);
        return db;
    }

    /** Every single-bit flip of a database snapshot gives CORRUPT_SNAPSHOT; returns how many were tried. */
    public static int everyBitFlipIsCorrupt(byte[] snapshot) {
        return SnapshotScenarios.everyBitFlipIsCorrupt(snapshot, IndexSnapshot::decodeDatabase);
    }

    /** Every proper prefix (and one byte more) gives CORRUPT_SNAPSHOT; returns how many were tried. */
    public static int everyTruncationIsCorrupt(byte[] snapshot) {
        return SnapshotScenarios.everyTruncationIsCorrupt(snapshot, IndexSnapshot::decodeDatabase);
    }

}
