package dev.teavec.bindings;

import dev.teavec.bindings.simd.LinearMemoryStorage;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexFactory;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.VectorChecks;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * One index as seen from JavaScript. Every typed array is copied exactly once at the boundary; all
 * work happens on Java arrays. Errors are {@link TeaVecException}s whose message starts with the
 * stable code, which the JS layer turns into a {@code TeaVecError}.
 */
public final class NativeIndex {
    private final VectorIndex index;
    private final IndexConfig config;
    private final VectorStorageFactory storage;

    NativeIndex(IndexConfig config) {
        this.config = config;
        this.storage = LinearMemoryStorage.best();
        this.index = IndexFactory.create(config, storage);
    }

    /** "simd" (vectors in linear memory, Wasm SIMD kernels) or "scalar" (Java heap, scalar kernels). */
    @JSExport
    @JSProperty
    public String getKernels() {
        return storage.kernels();
    }

    @JSExport
    @JSProperty
    public int getDimensions() {
        return index.dimensions();
    }

    @JSExport
    @JSProperty
    public String getMetric() {
        return index.metric().jsName();
    }

    @JSExport
    @JSProperty
    public int getSize() {
        return index.size();
    }

    @JSExport
    public int insert(Float32Array vector) {
        return index.add(vector.copyToJavaArray());
    }

    /**
     * Inserts {@code count} vectors laid end to end in {@code flat}. All are validated before the
     * first is stored, so a bad vector anywhere leaves the index unchanged.
     */
    @JSExport
    public Int32Array insertBatchFlat(Float32Array flat, int count) {
        int dim = index.dimensions();
        if (count < 0 || (long) count * dim != flat.getLength()) {
            throw new TeaVecException(ErrorCode.DIMENSION_MISMATCH, "a flat batch of " + count + " vectors of "
                    + dim + " dimensions must hold " + ((long) count * dim) + " numbers, got " + flat.getLength());
        }
        float[] all = flat.copyToJavaArray();
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            float[] v = new float[dim];
            System.arraycopy(all, i * dim, v, 0, dim);
            VectorChecks.checkVector(v, dim, index.metric(), "vector " + i + " of the batch");
            vectors[i] = v;
        }
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = index.add(vectors[i]);
        }
        return Int32Array.copyFromJavaArray(ids);
    }

    /**
     * Results as one array [id0, distance0, id1, distance1, ..., visited], best first: one copy back
     * to JS. {@code efSearch} ≤ 0 means the index's configured value.
     */
    @JSExport
    public Float64Array search(Float32Array query, int k, int efSearch) {
        float[] q = query.copyToJavaArray();
        SearchResult result = efSearch > 0 ? index.search(q, k, efSearch) : index.search(q, k);
        double[] packed = new double[result.size() * 2 + 1];
        for (int i = 0; i < result.size(); i++) {
            packed[2 * i] = result.id(i);
            packed[2 * i + 1] = result.distance(i);
        }
        packed[packed.length - 1] = result.visited();
        return Float64Array.copyFromJavaArray(packed);
    }

    @JSExport
    public Float32Array getVector(int id) {
        return Float32Array.copyFromJavaArray(index.get(id));
    }

    /** EdgeVec semantics: true when this call deleted it, false when it was already deleted. */
    @JSExport
    public boolean softDelete(int id) {
        if (index.isDeleted(id)) {
            return false;
        }
        index.delete(id);
        return true;
    }

    @JSExport
    public boolean isDeleted(int id) {
        return index.isDeleted(id);
    }

    @JSExport
    public int liveCount() {
        return index.liveCount();
    }

    @JSExport
    public int deletedCount() {
        return index.deletedCount();
    }

    @JSExport
    public double tombstoneRatio() {
        return index.tombstoneRatio();
    }

    @JSExport
    public boolean needsCompaction() {
        return index.needsCompaction();
    }

    @JSExport
    public double compactionThreshold() {
        return config.compactionThreshold();
    }

    /** Returns the number of tombstones removed. */
    @JSExport
    public int compact() {
        int removed = index.deletedCount();
        index.compact();
        return removed;
    }

    @JSExport
    public double memoryBytes() {
        return index.memoryBytes();
    }
}
