package dev.teavec.core.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.filter.Filter;
import dev.teavec.core.index.IdFilter;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.ManagedIndex;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.vector.Metric;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Filtered search on every index variant at selectivities from everything to nothing: always
 * min(k, matches) results, only matches, exact answers where the planner scans, recall ≥ 0.9
 * where it walks the graph. 6,000 vectors, so graph indexes estimate by sampling.
 */
class FilteredSearchTest {
    private static final long SEED = Long.getLong("teavec.seed", 20261121L);
    private static final int N = 6000;
    private static final int DIMS = 16;
    private static final int K = 10;

    private static final String[] FILTERS = {"i >= 0", "half = true", "{\"five\": true}", "rare = true", "i = 1234",
        "i < 0"};
    private static final IntPredicate[] MEANINGS = {i -> true, i -> i % 2 == 0, i -> i % 20 == 0, i -> i % 200 == 7,
        i -> i == 1234, i -> false};

    private static IndexConfig config(String variant) {
        IndexConfig.Builder b = IndexConfig.builder(DIMS, Metric.L2).seed(SEED).efConstruction(100).efSearch(50);
        switch (variant) {
            case "flat":
                return b.indexType("flat").build();
            case "hnsw":
                return b.indexType("hnsw").build();
            case "sq8":
                return b.indexType("hnsw").quantization("sq8").build();
            default:
                return b.indexType("auto").build();
        }
    }

    private static float[][] clustered(Random random, int n) {
        float[][] centres = new float[20][DIMS];
        for (float[] c : centres) {
            for (int d = 0; d < DIMS; d++) {
                c[d] = (float) random.nextGaussian() * 3;
            }
        }
        float[][] data = new float[n][DIMS];
        for (int i = 0; i < n; i++) {
            float[] c = centres[random.nextInt(centres.length)];
            for (int d = 0; d < DIMS; d++) {
                data[i][d] = c[d] + (float) random.nextGaussian();
            }
        }
        return data;
    }

    private static String metadata(int i) {
        return "{\"i\":" + i + ",\"half\":" + (i % 2 == 0) + ",\"five\":" + (i % 20 == 0) + ",\"rare\":" + (i % 200 == 7) + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"flat", "hnsw", "sq8", "auto"})
    void returnsMinOfKAndMatchesAtEverySelectivity(String variant) {
        Random random = new Random(SEED);
        float[][] data = clustered(random, N);
        CollectionStore db = new CollectionStore(config(variant));
        VectorIndex oracle = Indexes.flat(DIMS, Metric.L2);
        for (int i = 0; i < N; i++) {
            db.insert(data[i], metadata(i));
            oracle.add(data[i]);
        }
        boolean graph = db.index().isApproximate();
        for (int f = 0; f < FILTERS.length; f++) {
            IntPredicate meaning = MEANINGS[f];
            int matches = 0;
            for (int i = 0; i < N; i++) {
                matches += meaning.test(i) ? 1 : 0;
            }
            int kind = FILTERS[f].startsWith("{") ? Filter.CHROMA_WHERE : Filter.EDGEVEC;
            int hits = 0;
            int wanted = 0;
            long visited = 0;
            int[] strategies = new int[3];
            int queries = 30;
            for (int q = 0; q < queries; q++) {
                float[] query = clustered(random, 1)[0];
                FilteredResult r = db.search(query, K, 0, FILTERS[f], kind);
                SearchResult got = r.result();
                String what = variant + " " + FILTERS[f] + " query " + q + ", seed " + SEED;
                assertEquals(Math.min(K, matches), got.size(), what);
                Set<Integer> seen = new HashSet<>();
                for (int i = 0; i < got.size(); i++) {
                    assertTrue(meaning.test(got.id(i)), what + ": id " + got.id(i) + " does not match");
                    assertTrue(seen.add(got.id(i)), what + ": duplicate id " + got.id(i));
                    assertTrue(i == 0 || got.distance(i - 1) <= got.distance(i), what + ": not sorted");
                }
                SearchResult expected = oracle.searchExact(query, K, meaning::test);
                for (int i = 0; i < expected.size(); i++) {
                    hits += seen.contains(expected.id(i)) ? 1 : 0;
                }
                wanted += expected.size();
                boolean selective = matches <= N / 20;
                if (selective && !variant.equals("sq8")) {
                    assertArrayEquals(expected.ids(), got.ids(), what + ": a selective filter is answered exactly");
                }
                if (graph && selective) {
                    assertEquals(FilteredResult.EXACT, r.strategy(), what + ": selective filters scan");
                }
                if (!graph || matches <= 4096 && !graph) {
                    assertEquals(matches, r.matchedEstimate(), what + ": exact indexes count matches");
                }
                strategies[r.strategy()]++;
                visited += got.visited();
            }
            double recall = wanted == 0 ? 1 : (double) hits / wanted;
            System.out.println("[filtered] variant=" + variant + " filter=" + FILTERS[f] + " matches=" + matches
                    + " recall@10=" + recall + " visited_per_query=" + visited / queries + " strategies(exact,graph,fallback)="
                    + strategies[0] + "," + strategies[1] + "," + strategies[2] + " seed=" + SEED);
            assertTrue(recall >= 0.9, variant + " " + FILTERS[f] + ": recall " + recall + " < 0.9, seed " + SEED);
            if (graph && matches == N) {
                assertEquals(queries, strategies[FilteredResult.GRAPH], variant + ": unfiltered-like queries walk the graph");
            }
        }
        db.checkIntegrity();
    }

    @ParameterizedTest
    @ValueSource(strings = {"flat", "hnsw", "sq8", "auto"})
    void deletedAndUpdatedVectorsNeverLeak(String variant) {
        Random random = new Random(SEED + 1);
        float[][] data = clustered(random, 3000);
        CollectionStore db = new CollectionStore(config(variant));
        for (int i = 0; i < data.length; i++) {
            db.insert(data[i], metadata(i));
        }
        for (int i = 0; i < data.length; i += 40) {
            db.delete(i);
        }
        for (int i = 20; i < data.length; i += 40) {
            db.updateVector(i, data[(i + 1500) % data.length]);
        }
        int live = 0;
        for (int i = 0; i < data.length; i++) {
            live += i % 20 == 0 && i % 40 != 0 ? 1 : 0;
        }
        for (String when : new String[] {"before compaction", "after compaction"}) {
            for (int q = 0; q < 20; q++) {
                float[] query = clustered(random, 1)[0];
                SearchResult got = db.search(query, 100, 0, "five = true", Filter.EDGEVEC).result();
                assertEquals(Math.min(100, live), got.size(), variant + " " + when + ", seed " + SEED);
                for (int i = 0; i < got.size(); i++) {
                    assertTrue(got.id(i) % 40 == 20, variant + " " + when + ": id " + got.id(i) + " is deleted or unmatched");
                }
            }
            assertArrayEquals(db.matchIds("five = true", Filter.EDGEVEC, 0, -1),
                    java.util.stream.IntStream.range(0, data.length).filter(i -> i % 40 == 20).toArray(), when);
            db.checkIntegrity();
            db.compact();
        }
    }

    /** A graph search that comes back short (the estimate was wrong) is answered again by an exact scan. */
    @Test
    void fallsBackToExactWhenTheGraphComesBackShort() {
        Random random = new Random(SEED);
        ManagedIndex index = Indexes.hnsw(config("hnsw"));
        float[][] data = clustered(random, 1000);
        for (float[] v : data) {
            index.add(v);
        }
        // Says yes to everything while the planner counts, then only to ids 3 and 5: a filter the
        // estimate gets badly wrong, as a sampled estimate may.
        int[] calls = {0};
        IdFilter lying = id -> ++calls[0] <= 1000 || id == 3 || id == 5;
        FilteredResult r = FilteredSearch.search(index, data[0], K, 50, lying, SEED);
        assertEquals(FilteredResult.GRAPH_THEN_EXACT, r.strategy());
        assertEquals(1000, r.matchedEstimate());
        assertEquals(2, r.result().size());
        assertTrue(r.result().visited() > 1000, "both searches are counted: " + r.result().visited());
    }

    @Test
    void samplesTheMatchCountOnLargeIndexes() {
        Random random = new Random(SEED);
        ManagedIndex index = Indexes.hnsw(IndexConfig.builder(4, Metric.L2).indexType("hnsw").m(4)
                .efConstruction(10).seed(SEED).build());
        for (int i = 0; i < 20000; i++) {
            index.add(new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat(), random.nextFloat()});
        }
        for (int i = 0; i < 20000; i += 3) {
            index.delete(i);
        }
        MatchEstimate est = MatchEstimate.of(index, id -> id % 2 == 0, SEED);
        int live = index.liveCount();
        assertTrue(!est.exact, "sampled");
        assertTrue(Math.abs(est.count - live / 2.0) < live * 0.1, "estimate " + est.count + " of about " + live / 2);
        assertEquals(est.count, MatchEstimate.of(index, id -> id % 2 == 0, SEED).count, "same seed, same estimate");
        MatchEstimate small = MatchEstimate.of(Indexes.flat(4, Metric.L2), id -> true, SEED);
        assertTrue(small.exact && small.count == 0, "small indexes count");
    }
}
