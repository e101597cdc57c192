package dev.teavec.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deferred linking ({@link PendingLinks}) against exact oracles, on every approximate variant: a seeded churn of
 * adds, updates, deletes and partial links on an index that defers, beside a twin that links at once.
 * Oracles: the index's own exact scan (every pending id the exact top k holds is in the answer, at its exact
 * distance: a pending id cannot be missed); a model of id → vector (deleted and superseded vectors never come
 * back); with nothing linked, the answer equals the exact scan; and once everything is linked, the float32 index
 * under l2 and cosine is the twin to the byte (same snapshot), so deferral changed when links were made, not which.
 */
class PendingLinksContractTest {
    private static final long SEED = TestSeeds.forExactProperty();
    private static final int DIMS = 12;
    private static final int K = 10;

    private static VectorIndex create(String variant, Metric metric) {
        IndexConfig.Builder b = IndexConfig.builder(DIMS, metric).seed(SEED).m(8).efConstruction(40).efSearch(40);
        switch (variant) {
            case "hnsw":
                return IndexTypes.BUILT_IN.create(b.indexType("hnsw").build());
            case "sq8":
                return IndexTypes.BUILT_IN.create(b.indexType("hnsw").quantization("sq8").sq8TrainingSize(64).build());
            case "sq8-rerank":
                return IndexTypes.BUILT_IN.create(b.indexType("hnsw").quantization("sq8").sq8TrainingSize(64)
                        .keepFloatsForRerank(true).build());
            default:
                return IndexTypes.BUILT_IN.create(b.indexType("auto").autoThreshold(150).build());
        }
    }

    private static float[] vector(Random r) {
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static String at(String what) {
        return what + " (seed " + SEED + ", replay with -Dteavec.seed=" + SEED + ")";
    }

    @ParameterizedTest
    @ValueSource(strings = {"hnsw", "sq8", "sq8-rerank", "auto"})
    void churnAgainstExactOraclesAndAnImmediateTwin(String variant) {
        for (Metric metric : Metric.values()) {
            churn(variant, metric);
        }
    }

    private static void churn(String variant, Metric metric) {
        Random r = new Random(SEED ^ variant.hashCode() ^ metric.ordinal());
        int cap = PendingLinks.CAP;
        VectorIndex deferred = create(variant, metric);
        VectorIndex twin = create(variant, metric);
        deferred.deferLinking(true);
        Map<Integer, float[]> model = new HashMap<>();
        List<Integer> live = new ArrayList<>();
        IdFilter thirds = id -> id % 3 == 0;
        for (int step = 0; step < 900; step++) {
            int op = r.nextInt(100);
            if (op < 60 || live.size() < 5) {
                float[] v = vector(r);
                int id = deferred.add(v);
                assertEquals(id, twin.add(v), at("ids agree"));
                model.put(id, v);
                live.add(id);
                // Read-your-writes: the vector just added is its own nearest, pending or not (dot ranks by size too).
                if (metric != Metric.DOT) {
                    assertEquals(id, deferred.search(v, 1).id(0), at(variant + "/" + metric + ": found at once"));
                }
            } else if (op < 75) {
                int id = live.get(r.nextInt(live.size()));
                float[] v = vector(r);
                deferred.update(id, v);
                twin.update(id, v);
                model.put(id, v);
            } else if (op < 85) {
                int id = live.remove(r.nextInt(live.size()));
                deferred.delete(id);
                twin.delete(id);
                model.remove(id);
            } else if (op < 90) {
                int before = pending(deferred);
                int max = r.nextInt(40);
                int left = managed(deferred).linkPending(max);
                assertEquals(Math.max(0, before - max), left, at("linkPending links the oldest, up to max"));
            } else {
                checkAnswers(deferred, model, vector(r), thirds, variant + "/" + metric);
            }
            assertTrue(pending(deferred) <= cap, at("the cap bounds what is pending"));
            if (step % 100 == 0) {
                deferred.checkIntegrity();
            }
        }
        deferred.checkIntegrity();
        assertEquals(model.size(), deferred.liveCount());
        for (Map.Entry<Integer, float[]> e : model.entrySet()) {
            if (!variant.equals("sq8")) {
                assertArrayEquals(e.getValue(), deferred.get(e.getKey()), at("stored exactly"));
            }
        }
        // A snapshot links everything first and reloads to an index that answers the same.
        byte[] saved = IndexSnapshot.encodeToArray(deferred);
        assertEquals(0, pending(deferred), at("a snapshot links what was pending"));
        VectorIndex loaded = IndexSnapshot.decode(saved);
        loaded.checkIntegrity();
        for (int q = 0; q < 5; q++) {
            float[] query = vector(r);
            SearchResult a = deferred.search(query, K);
            SearchResult b = loaded.search(query, K);
            assertArrayEquals(a.ids(), b.ids(), at("reloaded answers equal"));
            assertArrayEquals(a.distances(), b.distances(), at("reloaded distances equal"));
        }
        // Not under dot: links made there use the largest norm stored so far (InnerProductAsL2), and a deferred
        // link sees the vectors stored after it too.
        if (variant.equals("hnsw") && metric != Metric.DOT) {
            assertArrayEquals(IndexSnapshot.encodeToArray(twin), saved,
                    at(metric + ": once linked, the deferred float32 index is its immediate twin to the byte"));
        }
    }

    /** Every pending id the exact top k (filtered or not) ranks is in the answer at its exact distance; no dead id is. */
    private static void checkAnswers(VectorIndex index, Map<Integer, float[]> model, float[] query, IdFilter filter,
            String what) {
        IdFilter all = id -> true;
        for (IdFilter f : new IdFilter[] {null, filter}) {
            SearchResult exact = index.searchExact(query, K, f == null ? all : f);
            SearchResult got = f == null ? index.search(query, K) : index.searchFiltered(query, K, 40, f);
            Map<Integer, Float> answered = new HashMap<>();
            for (int i = 0; i < got.size(); i++) {
                assertTrue(model.containsKey(got.id(i)), at(what + ": answered a deleted id " + got.id(i)));
                assertTrue(f == null || f.accept(got.id(i)), at(what + ": answered an id the filter refuses"));
                answered.put(got.id(i), got.distance(i));
                if (i > 0) {
                    assertTrue(got.distance(i - 1) <= got.distance(i), at(what + ": best first"));
                }
            }
            if (f == null) {
                assertEquals(Math.min(K, exact.size()), got.size(), at(what + ": a full answer"));
            }
            ManagedIndex managed = managed(index);
            int linked = managed.ordinals() - pending(index);
            float kth = exact.size() == 0 ? 0 : exact.distance(exact.size() - 1);
            for (int i = 0; i < exact.size(); i++) {
                int id = exact.id(i);
                boolean pending = managed.liveOrdinal(id) >= linked;
                // Strictly inside the top k (ties at the k-th distance may fall either way).
                if (pending && exact.distance(i) < kth) {
                    assertTrue(answered.containsKey(id), at(what + ": pending id " + id + " ranked " + i + " is missing"));
                    assertEquals(exact.distance(i), answered.get(id), 0f, at(what + ": a pending id's distance is exact"));
                }
            }
        }
    }

    /** Ids pending now (asking again with deferral on changes nothing). */
    private static int pending(VectorIndex index) {
        return index.deferLinking(true);
    }

    private static ManagedIndex managed(VectorIndex index) {
        return index instanceof AutoIndex ? ((AutoIndex) index).delegate() : (ManagedIndex) index;
    }

    @Test
    void withNothingLinkedAnswersAreTheExactScan() {
        Random r = new Random(SEED);
        VectorIndex index = create("hnsw", Metric.COSINE);
        index.deferLinking(true);
        for (int i = 0; i < 700; i++) {
            index.add(vector(r));
        }
        for (int i = 0; i < 50; i++) {
            index.delete(i);
            index.update(300 + i, vector(r));
        }
        assertEquals(750, pending(index));
        index.checkIntegrity();
        IdFilter odd = id -> (id & 1) == 1;
        for (int q = 0; q < 20; q++) {
            float[] query = vector(r);
            SearchResult exact = index.searchExact(query, K, id -> true);
            SearchResult got = index.search(query, K);
            assertArrayEquals(exact.ids(), got.ids(), at("all pending: the exact answer"));
            assertArrayEquals(exact.distances(), got.distances(), at("all pending: exact distances"));
            exact = index.searchExact(query, K, odd);
            got = index.searchFiltered(query, K, 40, odd);
            assertArrayEquals(exact.ids(), got.ids(), at("all pending, filtered: the exact answer"));
        }
    }

    @Test
    void capLinksTheOldestAndCompactionLinksAll() {
        Random r = new Random(SEED);
        VectorIndex index = create("hnsw", Metric.L2);
        for (int i = 0; i < 30; i++) {
            index.add(vector(r));
        }
        index.deferLinking(true);
        assertEquals(0, pending(index), "what was linked stays linked");
        int cap = PendingLinks.CAP;
        for (int i = 0; i < cap + 50; i++) {
            index.add(vector(r));
            assertEquals(Math.min(i + 1, cap), pending(index), "pending grows to the cap, then stays there");
        }
        index.checkIntegrity();
        assertEquals(cap - 6, index.advanceBuild(6), "advanceBuild links the oldest");
        index.compact();
        // Nothing deleted: compaction renumbers for locality (LocalityReorder), which links what was pending first.
        assertEquals(0, pending(index), "nothing deleted: compaction links all, then renumbers");
        index.checkIntegrity();
        for (int i = 0; i < 6; i++) {
            index.add(vector(r));
        }
        assertEquals(6, pending(index), "deferral goes on after the renumbering");
        index.delete(5);
        index.compact();
        assertEquals(0, pending(index), "compaction builds the whole structure");
        index.add(vector(r));
        assertEquals(1, pending(index), "and deferral goes on after it");
        index.checkIntegrity();
        assertEquals(0, index.deferLinking(false), "turning it off links everything");
        index.add(vector(r));
        assertEquals(0, index.deferLinking(false), "and adds link at once again");
        index.checkIntegrity();
    }

    @Test
    void flatIndexesIgnoreItAndAutoDefersOnceOnHnsw() {
        Random r = new Random(SEED);
        VectorIndex flat = IndexTypes.BUILT_IN.create(IndexConfig.builder(DIMS, Metric.L2).indexType("flat").build());
        flat.deferLinking(true);
        flat.add(vector(r));
        assertEquals(0, pending(flat), "an exact index has nothing to link");
        AutoIndex auto = (AutoIndex) create("auto", Metric.L2);
        auto.deferLinking(true);
        while (!auto.usesHnsw()) {
            auto.add(vector(r));
        }
        // The add that finished the hand-over was stored in the new HNSW index, deferred.
        assertEquals(1, pending(auto), "the hand-over leaves a complete graph; the adds after it defer");
        auto.add(vector(r));
        assertEquals(2, pending(auto), "adds after the switch defer");
        assertEquals(0, auto.advanceBuild(8), "advanceBuild links what is pending");
        assertFalse(auto.switching());
        auto.checkIntegrity();
    }
}
