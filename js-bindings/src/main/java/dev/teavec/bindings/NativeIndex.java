package dev.teavec.bindings;

import dev.teavec.bindings.simd.LinearMemoryStorage;
import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.db.MetadataEditor;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexSettings;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.meta.JsonWriter;
import dev.teavec.core.store.VectorStorageFactory;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * One index as seen from JavaScript. Every typed array is copied exactly once at the boundary; all
 * work happens on Java arrays. Metadata and Chroma where objects cross as JSON text, filters as
 * strings (kind 0: EdgeVec grammar, 1: where JSON). Errors are TeaVecExceptions whose message
 * starts with the stable code, which the JS layer turns into a {@code TeaVecError}. Semantics of
 * each call are documented on {@link CollectionStore} and {@link MetadataEditor}.
 */
public final class NativeIndex {
    private final CollectionStore db;
    private final VectorIndex index;
    private final MetadataEditor meta;
    private final IndexConfig config;
    /** Made for this index alone (or the shared heap one): released by {@link #free()}. */
    private final VectorStorageFactory storage;
    private boolean freed;

    /** A new empty index of a type {@code types} holds; what it allocated is released if it cannot be built. */
    static NativeIndex create(IndexConfig config, IndexTypes types) {
        VectorStorageFactory storage = LinearMemoryStorage.best();
        try {
            return new NativeIndex(new CollectionStore(types, config, storage), storage);
        } catch (RuntimeException e) {
            storage.release();
            throw e;
        }
    }

    /** Wraps a database whose vectors live where {@code storage} puts them; {@code storage} serves it alone. */
    NativeIndex(CollectionStore db, VectorStorageFactory storage) {
        this.config = db.config();
        this.db = db;
        this.index = db.index();
        this.meta = db.metadataEditor();
        this.storage = storage;
    }

    /**
     * Returns the memory the index holds outside the garbage-collected heap (its vectors and kernel
     * scratch in Wasm linear memory) now; every call afterwards fails with INDEX_FREED. Again is a no-op.
     * The JS object that owns this index calls it from {@code free()} or when it is garbage-collected.
     */
    @JSExport
    public void free() {
        if (!freed) {
            freed = true;
            storage.release();
        }
    }

    /** Use after free must fail here: the memory may already hold another index's vectors. */
    private void live() {
        if (freed) {
            throw new TeaVecException(ErrorCode.INDEX_FREED, "this index was freed (free() was called); create or load a new one");
        }
    }

    /**
     * The index with its metadata, keys and documents as a snapshot (docs/format.md);
     * {@code TeaVecModule.indexFromBytes} loads it.
     */
    @JSExport
    public Int8Array toBytes() {
        live();
        return SnapshotTransfer.toJs(IndexSnapshot.encode(db));
    }

    CollectionStore database() {
        live();
        return db;
    }

    /** "simd" (vectors in linear memory, Wasm SIMD kernels) or "scalar" (Java heap, scalar kernels). */
    @JSExport
    @JSProperty
    public String getKernels() {
        live();
        return storage.kernels();
    }

    @JSExport
    @JSProperty
    public int getDimensions() {
        live();
        return index.dimensions();
    }

    @JSExport
    @JSProperty
    public String getMetric() {
        live();
        return index.metric().jsName();
    }

    @JSExport
    @JSProperty
    public int getSize() {
        live();
        return index.size();
    }

    @JSExport
    public int insert(Float32Array vector) {
        live();
        return db.insert(vector.copyToJavaArray(), null);
    }

    @JSExport
    public int insertWithMetadata(Float32Array vector, String metadataJson) {
        live();
        return db.insert(vector.copyToJavaArray(), metadataJson);
    }

    /** Inserts {@code count} vectors laid end to end; all are validated first (all-or-nothing). */
    @JSExport
    public Int32Array insertBatchFlat(Float32Array flat, int count) {
        live();
        return insertBatchFlatWithMetadata(flat, count, null);
    }

    /** As insertBatchFlat with a JSON array of {@code count} metadata objects or nulls. */
    @JSExport
    public Int32Array insertBatchFlatWithMetadata(Float32Array flat, int count, String metadataJsonArray) {
        live();
        float[][] vectors = Packing.split(flat.copyToJavaArray(), count, index.dimensions(), index.metric());
        return Int32Array.copyFromJavaArray(db.insertBatch(vectors, metadataJsonArray));
    }

    /**
     * The k nearest, packed as {@link Packing#hits} lays out (strategy "unfiltered"). {@code efSearch} ≤ 0
     * means the configured value; {@code rerankK} 0: re-rank every candidate of the beam (see VectorIndex).
     */
    @JSExport
    public Float64Array search(Float32Array query, int k, int efSearch, int rerankK) {
        live();
        float[] q = query.copyToJavaArray();
        SearchResult result = index.search(q, k, efSearch > 0 ? efSearch : index.config().efSearch(), rerankK);
        return Float64Array.copyFromJavaArray(Packing.hits(result, Packing.UNFILTERED, index.liveCount()));
    }

    /** The k nearest that match, packed as {@link Packing#hits} lays out (filter kind 0: EdgeVec grammar, 1: where JSON). */
    @JSExport
    public Float64Array searchFiltered(Float32Array query, int k, int efSearch, String filter, int filterKind) {
        live();
        return Float64Array.copyFromJavaArray(
                Packing.hits(db.search(query.copyToJavaArray(), k, efSearch, filter, filterKind)));
    }

    /** Live ids matching, ascending; {@code limit} < 0 means all. */
    @JSExport
    public Int32Array matchIds(String filter, int filterKind, int offset, int limit) {
        live();
        return Int32Array.copyFromJavaArray(db.matchIds(filter, filterKind, offset, limit));
    }

    @JSExport
    public Float32Array getVector(int id) {
        live();
        return Float32Array.copyFromJavaArray(index.get(id));
    }

    @JSExport
    public void updateVector(int id, Float32Array vector) {
        live();
        db.updateVector(id, vector.copyToJavaArray());
    }

    /** EdgeVec semantics: true when this call deleted it, false when it was already deleted. */
    @JSExport
    public boolean softDelete(int id) {
        live();
        return db.delete(id);
    }

    @JSExport
    public boolean isDeleted(int id) {
        live();
        return index.isDeleted(id);
    }

    @JSExport
    public int liveCount() {
        live();
        return index.liveCount();
    }

    @JSExport
    public int deletedCount() {
        live();
        return index.deletedCount();
    }

    @JSExport
    public double tombstoneRatio() {
        live();
        return index.tombstoneRatio();
    }

    @JSExport
    public boolean needsCompaction() {
        live();
        return index.needsCompaction();
    }

    @JSExport
    public double compactionThreshold() {
        live();
        return config.compactionThreshold();
    }

    /** Returns the number of tombstones removed. */
    @JSExport
    public int compact() {
        live();
        int removed = index.deletedCount();
        db.compact();
        return removed;
    }

    /**
     * Does up to {@code maxVectors} (at least 1) of the work adds left for later (the auto index's switch to
     * HNSW, graph links {@link #deferLinking} deferred); returns the vectors still to do, 0 when none. Callers step it between turns of the event loop.
     */
    @JSExport
    public int advanceBuild(int maxVectors) {
        live();
        if (maxVectors < 1) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "maxVectors must be at least 1");
        }
        return index.advanceBuild(maxVectors);
    }

    /**
     * With {@code on} 1: lets adds leave graph linking for later (0: link at once, linking what is pending), and
     * returns how many ids are pending now (called again with 1: only that). A database opened by name
     * acknowledges a write once stored and logged, and links in idle slices ({@link #advanceBuild}); searches
     * scan the pending ids exactly; more than 1,024 pending and an add links the oldest.
     */
    @JSExport
    public int deferLinking(int on) {
        live();
        return index.deferLinking(on != 0);
    }

    /**
     * A diagnostic for tests: checks the index's internal consistency and that the linear memory its
     * factory holds is exactly what its live storages and kernels use (nothing stranded by compaction,
     * SQ8 training or AUTO's switch); returns those bytes, or -1 on the Java heap (nothing counted).
     */
    @JSExport
    public double checkIntegrity() {
        live();
        db.checkIntegrity();
        long held = storage.bytesHeld();
        if (held >= 0 && held != index.storageBytes()) {
            throw new IllegalStateException("linear memory: " + held + " bytes held, the index uses "
                    + index.storageBytes());
        }
        return held;
    }

    @JSExport
    public double memoryBytes() {
        live();
        return index.memoryBytes();
    }

    @JSExport
    public double metadataBytes() {
        live();
        return db.metadataBytes();
    }

    // Metadata by id (JSON text in and out).

    @JSExport
    public void setMetadata(int id, String metadataJson) {
        live();
        meta.set(id, metadataJson);
    }

    @JSExport
    public String getMetadata(int id) {
        live();
        return meta.get(id);
    }

    @JSExport
    public void setMetadataValue(int id, String key, String valueJson) {
        live();
        meta.setValue(id, key, valueJson);
    }

    @JSExport
    public String getMetadataValue(int id, String key) {
        live();
        return meta.getValue(id, key);
    }

    @JSExport
    public boolean deleteMetadataValue(int id, String key) {
        live();
        return meta.deleteValue(id, key);
    }

    @JSExport
    public boolean deleteAllMetadata(int id) {
        live();
        return meta.deleteAll(id);
    }

    @JSExport
    public int metadataKeyCount(int id) {
        live();
        return meta.keyCount(id);
    }

    @JSExport
    public int metadataVectorCount() {
        live();
        return db.metadata().recordCount();
    }

    @JSExport
    public int totalMetadataCount() {
        live();
        return (int) db.metadata().entryCount();
    }

    // User keys and documents.

    /**
     * Adds, upserts or updates many records by key in one call, all or nothing: {@code batchJson} is
     * {@code {"mode", "label", "ids", "metadatas", "documents"}} and {@code vectors} holds one vector per
     * id end to end, or none for an update that keeps them (see {@link dev.teavec.core.db.KeyedBatch}).
     */
    @JSExport
    public Int32Array writeBatch(String batchJson, Float32Array vectors) {
        live();
        return Int32Array.copyFromJavaArray(db.writeBatch(batchJson, vectors.copyToJavaArray()));
    }

    /** Every setting of this index, defaults included, as JSON (the names users write). */
    @JSExport
    public String settings() {
        live();
        return IndexSettings.write(config);
    }

    @JSExport
    public int idOfKey(String key) {
        live();
        return db.idOfKey(key);
    }

    @JSExport
    public String keyOf(int id) {
        live();
        return db.keyOf(id);
    }

    /** JSON array with the key of each id, null where an id has none. */
    @JSExport
    public String keysOf(Int32Array ids) {
        live();
        int[] in = ids.copyToJavaArray();
        String[] out = new String[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = db.keyOf(in[i]);
        }
        return JsonWriter.stringArray(out);
    }

    @JSExport
    public boolean deleteKey(String key) {
        live();
        return db.deleteKey(key);
    }

    @JSExport
    public void setDocument(int id, String document) {
        live();
        db.setDocument(id, document);
    }

    @JSExport
    public String getDocument(int id) {
        live();
        return db.getDocument(id);
    }
}
