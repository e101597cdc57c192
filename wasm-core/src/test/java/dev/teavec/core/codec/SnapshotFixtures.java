package dev.teavec.core.codec;

import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexFactory;
import dev.teavec.core.index.IndexType;
import dev.teavec.core.index.Quantization;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

/**
 * The committed snapshot fixtures (src/test/resources/snapshots): small indexes with deletes, saved
 * in the current format, plus the search results they must give. Regenerate, only when adding a new
 * format version (older fixtures are never rewritten), from wasm-core after {@code mvn -o -q test-compile}:
 * {@code java -cp target/classes:target/test-classes dev.teavec.core.codec.SnapshotFixtures src/test/resources/snapshots}.
 */
public final class SnapshotFixtures {
    static final String[] NAMES = {"hnsw-float", "hnsw-sq8", "flat", "auto-hnsw"};
    static final int DIMS = 8;
    static final int QUERIES = 12;
    static final int K = 5;

    private SnapshotFixtures() {
    }

    static VectorIndex build(String name) {
        IndexConfig.Builder b = IndexConfig.builder(DIMS, name.equals("hnsw-sq8") ? Metric.L2 : Metric.COSINE)
                .m(6).efConstruction(32).efSearch(32).seed(7);
        switch (name) {
            case "hnsw-float":
                b.indexType(IndexType.HNSW);
                break;
            case "hnsw-sq8":
                b.indexType(IndexType.HNSW).quantization(Quantization.SQ8).sq8TrainingSize(40);
                break;
            case "flat":
                b.indexType(IndexType.FLAT);
                break;
            default:
                b.indexType(IndexType.AUTO).autoThreshold(60);
        }
        VectorIndex index = IndexFactory.create(b.build());
        Random random = new Random(1234);
        for (int i = 0; i < 120; i++) {
            float[] v = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                v[d] = (float) random.nextGaussian();
            }
            index.add(v);
        }
        for (int id = 0; id < 120; id += 9) {
            index.delete(id);
        }
        return index;
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
            SearchResult r = index.search(q, K);
            for (int i = 0; i < r.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(r.id(i)).append(':')
                        .append(Integer.toHexString(Float.floatToRawIntBits(r.distance(i))));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "src/test/resources/snapshots");
        Files.createDirectories(dir);
        int version = SnapshotWriter.FORMAT_VERSION;
        for (String name : NAMES) {
            VectorIndex index = build(name);
            Files.write(dir.resolve("v" + version + "-" + name + ".tvec"), IndexSnapshot.encodeToArray(index));
            Files.write(dir.resolve("v" + version + "-" + name + ".expected"), results(index).getBytes(StandardCharsets.UTF_8));
        }
        VectorIndex[] all = new VectorIndex[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            all[i] = build(NAMES[i]);
        }
        Files.write(dir.resolve("v" + version + "-database.tvdb"), DatabaseSnapshot.encode(NAMES, all).toArray());
    }
}
