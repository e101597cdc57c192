package dev.teavec.core.index;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.store.FloatVectorStore;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorChecks;
import dev.teavec.core.vector.VectorOps;

/**
 * Exact nearest-neighbour search by scanning every vector. It is the oracle the approximate indexes
 * are tested against, and the fastest choice for small indexes.
 */
public final class FlatIndex implements VectorIndex {
    private final Metric metric;
    private final FloatVectorStore vectors;
    /** Inverse norms, only for cosine, so no square root is taken per distance. */
    private float[] invNorms = new float[16];

    public FlatIndex(int dimensions, Metric metric) {
        this(new FloatVectorStore(checkDimensions(dimensions)), metric);
    }

    FlatIndex(FloatVectorStore store, Metric metric) {
        if (metric == null) {
            throw new TeaVecException(ErrorCode.INVALID_CONFIG, "metric must not be null");
        }
        this.vectors = store;
        this.metric = metric;
    }

    static int checkDimensions(int dimensions) {
        if (dimensions <= 0 || dimensions > 65536) {
            throw new TeaVecException(ErrorCode.INVALID_CONFIG,
                    "dimensions must be an integer in 1..65536, got " + dimensions);
        }
        return dimensions;
    }

    @Override
    public int dimensions() {
        return vectors.dimensions();
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public int size() {
        return vectors.size();
    }

    @Override
    public int add(float[] vector) {
        VectorChecks.checkVector(vector, dimensions(), metric, "vector");
        int id = vectors.add(vector);
        if (metric.usesNorm()) {
            if (id == invNorms.length) {
                float[] grown = new float[invNorms.length * 2];
                System.arraycopy(invNorms, 0, grown, 0, invNorms.length);
                invNorms = grown;
            }
            invNorms[id] = VectorOps.inverseNorm(vector, 0, vector.length);
        }
        return id;
    }

    @Override
    public SearchResult search(float[] query, int k) {
        VectorChecks.checkVector(query, dimensions(), metric, "query");
        VectorChecks.checkK(k);
        int n = vectors.size();
        int dim = dimensions();
        float queryInvNorm = metric.usesNorm() ? VectorOps.inverseNorm(query, 0, dim) : 0f;
        TopK top = new TopK(Math.min(k, Math.max(n, 1)));
        for (int id = 0; id < n; id++) {
            float invNorm = metric.usesNorm() ? invNorms[id] : 0f;
            float key = metric.rankKey(query, 0, queryInvNorm, vectors.chunk(id), vectors.offset(id), invNorm, dim);
            top.offer(id, key);
        }
        int found = top.size();
        int[] ids = new int[found];
        float[] keys = new float[found];
        top.drainSorted(ids, keys);
        for (int i = 0; i < found; i++) {
            keys[i] = metric.toDistance(keys[i]);
        }
        return new SearchResult(ids, keys, n);
    }

    @Override
    public float[] get(int id) {
        if (id < 0 || id >= vectors.size()) {
            throw new TeaVecException(ErrorCode.UNKNOWN_ID, "no vector with id " + id + "; ids are 0.." + (vectors.size() - 1));
        }
        return vectors.copyOf(id);
    }

    @Override
    public long memoryBytes() {
        return vectors.bytesUsed() + (metric.usesNorm() ? (long) invNorms.length * Float.BYTES : 0);
    }
}
