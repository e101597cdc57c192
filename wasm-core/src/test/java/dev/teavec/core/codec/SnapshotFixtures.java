package dev.teavec.core.codec;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.db.KeyIndex;
import dev.teavec.core.filter.Filter;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.meta.IdTable;
import dev.teavec.core.meta.MetadataJson;
import dev.teavec.core.meta.MetadataStore;
import dev.teavec.core.testkit.IdListIndexType;
import dev.teavec.core.vector.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

/**
 * The committed snapshot fixtures (src/test/resources/snapshots): small databases with deletes, in-place
 * updates, metadata, keys and documents, saved in the current format, plus what they must give back
 * (search and filtered-search results, every record). Regenerate, only when adding a new format version
 * (older fixtures are never rewritten), from wasm-core after {@code mvn -o -q test-compile}:
 * {@code java -cp target/classes:target/test-classes dev.teavec.core.codec.SnapshotFixtures src/test/resources/snapshots}.
 * Version 1 fixtures hold the same indexes without updates and records.
 */
public final class SnapshotFixtures {
    static final String[] NAMES = {"hnsw-float", "hnsw-sq8", "flat", "auto-hnsw"};
    static final int DIMS = 8;
    static final int QUERIES = 12;
    static final int K = 5;
    static final String FILTER = "even = true AND tag != 'c'";
    /** A fixture of a user-defined index type ({@link IdListIndexType}), from format version 3 on. */
    static final String USER_TYPE = "id-list";

    private SnapshotFixtures() {
    }

    static IndexConfig config(String name) {
        IndexConfig.Builder b = IndexConfig.builder(DIMS, name.equals("hnsw-sq8") ? Metric.L2 : Metric.COSINE)
                .m(6).efConstruction(32).efSearch(32).seed(7);
        switch (name) {
            case "hnsw-float":
                return b.indexType("hnsw").build();
            case "hnsw-sq8":
                return b.indexType("hnsw").quantization("sq8").sq8TrainingSize(40).build();
            case "flat":
                return b.indexType("flat").build();
            case USER_TYPE:
                return b.indexType(IdListIndexType.NAME).build();
            default:
                return b.indexType("auto").autoThreshold(60).build();
        }
    }

    /** 120 vectors with keys, metadata and documents; every 9th deleted; some replaced in place, twice for a few. */
    static CollectionStore build(String name) {
        IndexConfig config = config(name);
        CollectionStore db = CollectionStore.restore(config, IdListIndexType.REGISTRY.create(config), new MetadataStore(),
                new KeyIndex(), new IdTable<>());
        Random random = new Random(1234);
        for (int i = 0; i < 120; i++) {
            db.add("id-" + i, vector(random), "{\"i\":" + i + ",\"even\":" + (i % 2 == 0) + ",\"tag\":\""
                    + (char) ('a' + i % 3) + "\",\"w\":" + (i * 0.37 - 20) + "}", i % 4 == 0 ? null : "document \u00e9 " + i);
        }
        for (int id = 0; id < 120; id += 9) {
            db.delete(id);
        }
        for (int i = 1; i < 120; i += 7) {
            if (db.idOfKey("id-" + i) >= 0) {
                db.upsert("id-" + i, vector(random), i % 2 == 0 ? null : "{\"i\":" + i + ",\"even\":false,\"tag\":\"u\"}", null);
            }
        }
        db.updateVector(8, vector(random));
        db.updateVector(8, vector(random));
        return db;
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIMS];
        for (int d = 0; d < DIMS; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    static float[][] queries() {
        Random random = new Random(99);
        float[][] q = new float[QUERIES][DIMS];
        for (float[] v : q) {
            for (int d = 0; d < DIMS; d++) {
                v[d] = (float) random.nextGaussian();
            }
        }
        return q;
    }

    /** One line per query: "id:distance" pairs, distances as float bit patterns in hex (exact). */
    static String results(VectorIndex index) {
        StringBuilder sb = new StringBuilder();
        for (float[] q : queries()) {
            line(sb, index.search(q, K));
        }
        return sb.toString();
    }

    /** {@link #results(VectorIndex)}, a filtered line per query, then every live id's key, metadata and document. */
    static String results(CollectionStore db) {
        StringBuilder sb = new StringBuilder(results(db.index()));
        for (float[] q : queries()) {
            line(sb, db.search(q, K, 0, FILTER, Filter.EDGEVEC).result());
        }
        for (int id = 0; id < db.index().idLimit(); id++) {
            if (!db.index().isDeleted(id)) {
                String meta = db.metadata().get(id) == null ? null : MetadataJson.write(db.metadata().get(id), db.metadata().keys());
                sb.append(id).append(' ').append(db.keyOf(id)).append(' ').append(meta).append(' ')
                        .append(db.documents().get(id)).append('\n');
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, SearchResult r) {
        for (int i = 0; i < r.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(r.id(i)).append(':')
                    .append(Integer.toHexString(Float.floatToRawIntBits(r.distance(i))));
        }
        sb.append('\n');
    }

    /** The database fixture's collections: the four, plus one without an index yet. */
    static String[] databaseNames() {
        return new String[] {NAMES[0], NAMES[1], NAMES[2], NAMES[3], "not-yet"};
    }

    /** What the JavaScript Database writes for a collection: its metadata and its options (the fixture's metric). */
    static String settings(String name) {
        String metric = name.equals("hnsw-sq8") ? "l2" : "cosine";
        return "{\"metadata\":{\"hnsw:space\":\"" + metric + "\",\"owner\":\"" + name + "\"},\"settings\":{\"metric\":\""
                + metric + "\",\"indexType\":\"auto\"}}";
    }

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "src/test/resources/snapshots");
        Files.createDirectories(dir);
        int version = SnapshotWriter.FORMAT_VERSION;
        String[] names = databaseNames();
        String[] settings = new String[names.length];
        CollectionStore[] all = new CollectionStore[names.length];
        for (int i = 0; i < names.length; i++) {
            settings[i] = settings(names[i]);
            if (i < NAMES.length) {
                all[i] = build(names[i]);
                Files.write(dir.resolve("v" + version + "-" + names[i] + ".tvec"), IndexSnapshot.encodeToArray(all[i]));
                Files.write(dir.resolve("v" + version + "-" + names[i] + ".expected"),
                        results(all[i]).getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.write(dir.resolve("v" + version + "-database.tvdb"), DatabaseSnapshot.encode(names, settings, all).toArray());
        CollectionStore user = build(USER_TYPE);
        Files.write(dir.resolve("v" + version + "-" + USER_TYPE + ".tvec"), IndexSnapshot.encodeToArray(user));
        Files.write(dir.resolve("v" + version + "-" + USER_TYPE + ".expected"), results(user).getBytes(StandardCharsets.UTF_8));
    }
}
