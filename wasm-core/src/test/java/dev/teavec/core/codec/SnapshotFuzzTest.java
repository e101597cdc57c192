package dev.teavec.core.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.filter.Filter;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.testkit.IdListIndexType;
import dev.teavec.core.vector.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the snapshot decoders with Jazzer. The first input byte picks the decoder
 * (bit 1: {@link DatabaseSnapshot#decode}, else {@link IndexSnapshot#decodeDatabase}) and whether the rest
 * is re-sealed (bit 0: total length and CRCs recomputed) so that mutations reach the semantic checks
 * instead of stopping at a CRC. Index types are looked up in the built-in registry plus a user-defined
 * type ({@link IdListIndexType}). The only acceptable outcomes: CORRUPT_SNAPSHOT; SNAPSHOT_TOO_NEW (a
 * mutated format version, or a name this build does not know, in intact bytes); UNKNOWN_INDEX_TYPE (a
 * mutated index type name); or databases that pass checkIntegrity(), survive an encode/decode round trip,
 * and then search (filtered too), insert, upsert, read records, delete and compact without any exception.
 * Anything else, OutOfMemoryError and StackOverflowError included, is a finding; so is an input that runs
 * past libFuzzer's -timeout.
 *
 * <p>Seeds: the small committed fixtures (src/test/resources/snapshots) and small snapshots of every
 * structure built here ({@link #seeds()}), plus the files under
 * src/test/resources/dev/teavec/core/codec/SnapshotFuzzTestInputs/decodesOrRejects (regressions: every
 * finding goes there once fixed). {@code mvn test} runs it in its own surefire execution with
 * JAZZER_FUZZ=1, a fixed libFuzzer -seed and 100,000 executions (wasm-core/pom.xml); with
 * {@code -Dteavec.fuzz=} it only replays the seeds.
 */
@Tag("fuzz")
class SnapshotFuzzTest {
    /** The smaller fixtures: libFuzzer's inputs grow up to the largest seed, and their cost with them. */
    private static final String[] FIXTURES = {"v1-flat.tvec", "v1-hnsw-sq8.tvec", "v2-flat.tvec", "v3-flat.tvec"};
    private static final int RESEAL = 1;
    private static final int COLLECTIONS = 2;
    private static final IndexTypes TYPES = IdListIndexType.REGISTRY;
    private final SnapshotLimits limits = SnapshotLimits.withBudget(64 << 20, 64);

    @MethodSource("seeds")
    // maxDuration well above the ~2 min it takes here, so a slow machine still runs every input instead of stopping early.
    @FuzzTest(maxExecutions = 100_000, maxDuration = "20m")
    void decodesOrRejects(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int mode = input[0];
        byte[] snapshot = java.util.Arrays.copyOfRange(input, 1, input.length);
        if ((mode & RESEAL) != 0) {
            Reseal.lengthAndCrcs(snapshot);
        }
        try {
            if ((mode & COLLECTIONS) != 0) {
                DatabaseSnapshot all = DatabaseSnapshot.decode(SnapshotBytes.of(snapshot), limits,
                        () -> VectorStorageFactory.HEAP, TYPES);
                for (int i = 0; i < all.size(); i++) {
                    if (all.database(i) != null) {
                        roundTripAndExercise(all.database(i));
                    }
                }
            } else {
                roundTripAndExercise(IndexSnapshot.decodeDatabase(SnapshotBytes.of(snapshot), limits,
                        VectorStorageFactory.HEAP, TYPES));
            }
        } catch (TeaVecException e) {
            if (e.code() != ErrorCode.CORRUPT_SNAPSHOT && e.code() != ErrorCode.SNAPSHOT_TOO_NEW
                    && e.code() != ErrorCode.UNKNOWN_INDEX_TYPE) {
                throw new AssertionError(reproduce(input) + e.getMessage(), e);
            }
        } catch (RuntimeException | Error e) {
            throw new AssertionError(reproduce(input) + e, e);
        }
    }

    /** Where libFuzzer saved the input (it names crash files by SHA-1) and how to replay it. */
    private static String reproduce(byte[] input) {
        String dir = System.getProperty("jazzer.internal.basedir", "wasm-core");
        return "input crash-" + sha1(input) + " (libFuzzer writes it to " + dir + "/; replay: copy it to"
                + " wasm-core/src/test/resources/dev/teavec/core/codec/SnapshotFuzzTestInputs/decodesOrRejects/"
                + " and run mvn -o -q -pl wasm-core test -Dtest=SnapshotFuzzTest): ";
    }

    private void roundTripAndExercise(CollectionStore db) {
        db.checkIntegrity();
        IndexSnapshot.decodeDatabase(IndexSnapshot.encode(db), limits, VectorStorageFactory.HEAP, TYPES).checkIntegrity();
        exercise(db);
    }

    /** A decoded database must be usable. */
    private static void exercise(CollectionStore db) {
        VectorIndex index = db.index();
        float[] q = new float[index.dimensions()];
        for (int i = 0; i < q.length; i++) {
            q[i] = 0.25f * (i + 1);
        }
        index.search(q, 5);
        db.search(q, 4, 0, "n >= 1 OR tag = 'b'", Filter.EDGEVEC);
        int[] keyed = db.keys().ids();
        if (keyed.length > 0) {
            db.upsert(db.keyOf(keyed[0]), q, null, "again");
        }
        for (int id : db.metadata().ids()) {
            db.metadataEditor().get(id);
        }
        int id = db.upsert("fuzz", q, "{\"n\":2}", "doc");
        db.matchIds("{\"n\": {\"$gte\": 0}}", Filter.CHROMA_WHERE, 0, -1);
        index.search(q, 3);
        db.delete(id);
        db.compact();
        db.checkIntegrity();
    }

    /** Valid snapshots, each behind a mode byte that re-seals it after mutation and picks its decoder. */
    static Stream<Arguments> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : FIXTURES) {
            seeds.add(withMode(RESEAL, fixture(name)));
        }
        for (byte[] snapshot : corpus()) {
            seeds.add(withMode(RESEAL, snapshot));
        }
        CollectionStore[] collections = {records("hnsw", "sq8", Metric.DOT, 12), null,
            records("flat", "none", Metric.L2, 6)};
        seeds.add(withMode(RESEAL | COLLECTIONS, DatabaseSnapshot.encode(new String[] {"a", "b\u00e9", "c"},
                new String[] {"{}", "{\"dimension\":3}", "{\"x\":[1]}"}, collections).toArray()));
        seeds.add(withMode(0, corpus()[0]));
        return seeds.stream().map(s -> Arguments.of((Object) s));
    }

    private static byte[] withMode(int mode, byte[] snapshot) {
        byte[] input = new byte[snapshot.length + 1];
        input[0] = (byte) mode;
        System.arraycopy(snapshot, 0, input, 1, snapshot.length);
        return input;
    }

    private static byte[] fixture(String name) {
        try (InputStream in = SnapshotFuzzTest.class.getResourceAsStream("/snapshots/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(byte[] input) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-1").digest(input)) {
                hex.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[][] corpus() {
        return new byte[][] {
            IndexSnapshot.encodeToArray(build("flat", "none", false, Metric.L2, 12)),
            IndexSnapshot.encodeToArray(build("hnsw", "none", false, Metric.COSINE, 30)),
            IndexSnapshot.encodeToArray(build("hnsw", "sq8", false, Metric.L2, 30)),
            IndexSnapshot.encodeToArray(build("hnsw", "sq8", true, Metric.DOT, 30)),
            IndexSnapshot.encodeToArray(build("auto", "none", false, Metric.L2, 8)),
            IndexSnapshot.encodeToArray(build("auto", "sq8", false, Metric.COSINE, 30)),
            IndexSnapshot.encodeToArray(records("hnsw", "sq8", Metric.L2, 20)),
            IndexSnapshot.encodeToArray(records("flat", "none", Metric.COSINE, 10)),
            IndexSnapshot.encodeToArray(build(IdListIndexType.NAME, "none", false, Metric.L2, 10)),
        };
    }

    /** A small database with in-place updates, metadata of every kind, keys (some non-ASCII) and documents. */
    static CollectionStore records(String type, String q, Metric metric, int n) {
        CollectionStore db = new CollectionStore(IndexConfig.builder(3, metric).indexType(type).quantization(q)
                .m(3).m0(5).efConstruction(8).sq8TrainingSize(10).seed(n).build());
        SplittableRandom random = new SplittableRandom(n);
        for (int i = 0; i < n; i++) {
            float[] v = {(float) random.nextGaussian(), (float) random.nextGaussian(), 1f + (float) random.nextGaussian()};
            String meta = i % 3 == 2 ? null
                    : "{\"n\":" + (i - 4) + ",\"tag\":\"" + (char) ('a' + i % 3) + "\",\"l\":[\"x\"],\"b\":true,\"z\":null}";
            db.add("k\u00e9" + i, v, meta, i % 2 == 0 ? "d\ud83d\ude00" + i : null);
        }
        for (int i = 1; i < n; i += 3) {
            db.upsert("k\u00e9" + i, new float[] {(float) random.nextGaussian(), 1f, 0.5f}, "{\"n\":" + i + "}", null);
        }
        for (int id = 0; id < n; id += 5) {
            db.delete(id);
        }
        return db;
    }

    static VectorIndex build(String type, String q, boolean rerank, Metric metric, int n) {
        IndexConfig config = IndexConfig.builder(3, metric).indexType(type).quantization(q).keepFloatsForRerank(rerank)
                .m(3).m0(5).efConstruction(8).sq8TrainingSize(10).autoThreshold(20).seed(n).build();
        VectorIndex index = TYPES.create(config);
        SplittableRandom random = new SplittableRandom(n);
        for (int i = 0; i < n; i++) {
            index.add(new float[] {(float) random.nextGaussian(), (float) random.nextGaussian(), 1f + (float) random.nextGaussian()});
        }
        for (int id = 1; id < n; id += 4) {
            index.delete(id);
        }
        return index;
    }
}
