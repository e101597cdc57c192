package dev.teavec.core.recall;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;

/** One of the shared data sets: base vectors, queries and exact top-100 ids, loaded once. */
final class Dataset {
    final String name;
    final float[][] base;
    final float[][] queries;
    final int[][] truth;

    private Dataset(String name, float[][] base, float[][] queries, int[][] truth) {
        this.name = name;
        this.base = base;
        this.queries = queries;
        this.truth = truth;
    }

    private static Dataset wordnet;
    private static Dataset sift;

    static synchronized Dataset wordnet() throws IOException {
        if (wordnet == null) {
            wordnet = load("wordnet-minilm-384-angular", "wordnet_minilm_base.fvecs", "wordnet_minilm_query.fvecs",
                    "wordnet_minilm_groundtruth.ivecs");
        }
        return wordnet;
    }

    static synchronized Dataset sift() throws IOException {
        if (sift == null) {
            sift = load("sift-5k-128-euclidean", "sift5k_base.fvecs", "sift5k_query.fvecs", "sift5k_groundtruth.ivecs");
        }
        return sift;
    }

    /** Skips the calling test (JUnit assumption) when the data folder is absent. */
    private static Dataset load(String folder, String base, String queries, String truth) throws IOException {
        File dir = new File(Vecs.dataDir(), folder);
        File baseFile = new File(dir, base);
        assumeTrue(baseFile.isFile(), "real-data test skipped: " + baseFile.getAbsolutePath()
                + " not found (set -Dteavec.data=/path/to/shared/data)");
        return new Dataset(folder, Vecs.readFvecs(baseFile, Integer.MAX_VALUE),
                Vecs.readFvecs(new File(dir, queries), Integer.MAX_VALUE),
                Vecs.readIvecs(new File(dir, truth), Integer.MAX_VALUE));
    }
}
