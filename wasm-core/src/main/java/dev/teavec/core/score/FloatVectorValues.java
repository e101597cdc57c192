package dev.teavec.core.score;

import dev.teavec.core.store.FloatStorage;
import dev.teavec.core.store.FloatVectorStore;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;

/**
 * Float32 vectors plus, for cosine, their inverse norms (so no square root is taken per distance).
 * Under cosine the store holds what the kernels score: a vector beyond {@link CosineScale}'s safe range
 * is stored rescaled, and the vector as added is kept aside for {@link #decode}.
 */
public final class FloatVectorValues implements ScoringVectors {
    private final Metric metric;
    private final FloatStorage store;
    private float[] invNorms;
    /** Under dot, squared norms for pair scores ({@link InnerProductAsL2}): taken lazily, so any load path fills them. */
    private float[] squaredNorms;
    private int normed;
    private float maxSquaredNorm;
    /** Under cosine, the vectors stored rescaled; null until the first one. */
    private RescaledOrdinals rescaled;

    public FloatVectorValues(int dimensions, Metric metric) {
        this(new FloatVectorStore(dimensions), metric);
    }

    public FloatVectorValues(int dimensions, Metric metric, VectorStorageFactory storage) {
        this(storage.floats(dimensions), metric);
    }

    public FloatVectorValues(FloatStorage store, Metric metric) {
        assert store.size() == 0 : "the store must start empty";
        this.store = store;
        this.metric = metric;
        this.invNorms = metric.usesNorm() ? new float[16] : null;
    }

    @Override
    public int dimensions() {
        return store.dimensions();
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public int size() {
        return store.size();
    }

    /** Where the vectors live: Java arrays or (browser build) Wasm linear memory. */
    public FloatStorage store() {
        return store;
    }

    /** Inverse norm of {@code ord} under cosine; 0 for other metrics, which do not use it. */
    public float invNorm(int ord) {
        return invNorms == null ? 0f : invNorms[ord];
    }

    /** All inverse norms by ordinal under cosine (capacity may exceed size), for scoring loops. */
    float[] invNorms() {
        return invNorms;
    }

    /** Under dot: squared norms of every stored vector by ordinal (capacity may exceed size). */
    float[] squaredNorms() {
        int n = store.size();
        if (normed < n) {
            if (squaredNorms == null || squaredNorms.length < n) {
                float[] grown = new float[Math.max(16, Math.max(n, 2 * normed))];
                if (squaredNorms != null) {
                    System.arraycopy(squaredNorms, 0, grown, 0, normed);
                }
                squaredNorms = grown;
            }
            int dim = store.dimensions();
            float[] v = new float[dim];
            for (int ord = normed; ord < n; ord++) {
                store.read(ord, v);
                float s = VectorOps.dot(v, 0, v, 0, dim);
                squaredNorms[ord] = s;
                maxSquaredNorm = Math.max(maxSquaredNorm, s);
            }
            normed = n;
        }
        return squaredNorms;
    }

    /** Under dot: the largest squared norm seen (after {@link #squaredNorms()}). */
    float maxSquaredNorm() {
        return maxSquaredNorm;
    }

    /** Makes room for {@code count} vectors in all, so that a snapshot load adds them without regrowing. */
    public void reserve(int count) {
        store.reserve(count);
        if (invNorms != null && count > invNorms.length) {
            float[] grown = new float[count];
            System.arraycopy(invNorms, 0, grown, 0, invNorms.length);
            invNorms = grown;
        }
    }

    @Override
    public int add(float[] vector) {
        if (invNorms == null) {
            return store.add(vector);
        }
        float[] scored = CosineScale.scaled(vector);
        int ord = store.add(scored);
        if (ord == invNorms.length) {
            float[] grown = new float[invNorms.length * 2];
            System.arraycopy(invNorms, 0, grown, 0, invNorms.length);
            invNorms = grown;
        }
        invNorms[ord] = VectorOps.inverseNorm(scored, 0, scored.length);
        if (scored != vector) {
            if (rescaled == null) {
                rescaled = new RescaledOrdinals();
            }
            rescaled.add(ord, CosineScale.exponent(vector, 0, vector.length), vector.clone());
        }
        return ord;
    }

    /**
     * Vector {@code ord}, appended to the store as it was added (a snapshot load's bulk copy,
     * {@link FloatStorage#appendRows}) and read back into {@code vector}, becomes what {@link #add} would have
     * made of it: under cosine rescaled where needed, and its inverse norm recorded. Each appended ordinal once,
     * in order.
     */
    public void adoptStored(int ord, float[] vector) {
        if (invNorms == null) {
            return;
        }
        float[] scored = CosineScale.scaled(vector);
        if (ord >= invNorms.length) {
            float[] grown = new float[Math.max(ord + 1, invNorms.length * 2)];
            System.arraycopy(invNorms, 0, grown, 0, invNorms.length);
            invNorms = grown;
        }
        invNorms[ord] = VectorOps.inverseNorm(scored, 0, scored.length);
        if (scored != vector) {
            store.set(ord, scored);
            if (rescaled == null) {
                rescaled = new RescaledOrdinals();
            }
            rescaled.add(ord, CosineScale.exponent(vector, 0, vector.length), vector.clone());
        }
    }

    /**
     * {@link #adoptStored} for vector {@code ord} known only by its squared norm {@code squared} (its dot product
     * with itself in {@link VectorOps}' order, as the storage's kernel computes it), where that is enough: true
     * when it shows the vector finite (a NaN or infinite component makes it NaN or infinite: squares are never
     * negative, so nothing cancels) and, under cosine, non-zero and needing no rescaling ({@link CosineScale}),
     * its inverse norm then recorded exactly as add() records it. False when the vector must be read and
     * adopted element by element: huge, tiny, zero or not finite.
     */
    public boolean adoptStoredNorm(int ord, float squared) {
        // Below 2^80, the largest component is below 2^41 whatever the rounding: inside CosineScale's safe range.
        if (!(squared < 0x1p80f)) {
            return false;
        }
        if (invNorms == null) {
            return true;
        }
        // Above dimensions · 2^-78 (rounding and underflowed squares aside), the largest is above 2^-40.
        if (!(squared > store.dimensions() * 0x1p-78f)) {
            return false;
        }
        if (ord >= invNorms.length) {
            float[] grown = new float[Math.max(ord + 1, invNorms.length * 2)];
            System.arraycopy(invNorms, 0, grown, 0, invNorms.length);
            invNorms = grown;
        }
        invNorms[ord] = VectorOps.inverseOfSquaredNorm(squared);
        return true;
    }

    @Override
    public void decode(int ord, float[] out) {
        float[] original = rescaled == null ? null : rescaled.originalOf(ord);
        if (original != null) {
            System.arraycopy(original, 0, out, 0, original.length);
        } else {
            store.read(ord, out);
        }
    }

    /** Vector {@code ord} as the kernels score it: as added, or rescaled under cosine ({@link CosineScale}). */
    public void readScored(int ord, float[] out) {
        store.read(ord, out);
    }

    @Override
    public FloatScorer newScorer() {
        return new FloatScorer(this, store().newKernel());
    }

    @Override
    public FloatVectorValues copyOf(int[] ords, int count) {
        FloatVectorValues copy = new FloatVectorValues(store.newEmpty(), metric);
        float[] scratch = new float[store.dimensions()];
        for (int i = 0; i < count; i++) {
            decode(ords[i], scratch);
            copy.add(scratch);
        }
        return copy;
    }

    @Override
    public long storageBytes() {
        return store.bytesUsed();
    }

    @Override
    public void release() {
        store.release();
    }

    @Override
    public long bytesUsed() {
        return store.bytesUsed() + (invNorms == null ? 0 : (long) invNorms.length * Float.BYTES)
                + (squaredNorms == null ? 0 : (long) squaredNorms.length * Float.BYTES)
                + (rescaled == null ? 0 : rescaled.bytesUsed(store.dimensions()));
    }
}
