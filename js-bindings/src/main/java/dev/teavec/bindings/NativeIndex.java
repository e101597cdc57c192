package dev.teavec.bindings;

import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.db.MetadataEditor;
import dev.teavec.core.db.VectorDatabase;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.meta.JsonWriter;
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
 * each call are documented on {@link VectorDatabase} and {@link MetadataEditor}.
 */
public final class NativeIndex {
    private final VectorDatabase db;
    private final VectorIndex index;
    private final MetadataEditor meta;
    private final IndexConfig config;

    NativeIndex(IndexConfig config) {
        this(new VectorDatabase(config));
    }

    /** Wraps a database, e.g. one loaded from a snapshot. */
    NativeIndex(VectorDatabase db) {
        this.config = db.config();
        this.db = db;
        this.index = db.index();
        this.meta = db.metadataEditor();
    }

    /** The index as a snapshot (docs/format.md); {@code TeaVecModule.indexFromBytes} loads it. */
    @JSExport
    public Int8Array toBytes() {
        return SnapshotTransfer.toJs(IndexSnapshot.encode(index));
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
        return db.insert(vector.copyToJavaArray(), null);
    }

    @JSExport
    public int insertWithMetadata(Float32Array vector, String metadataJson) {
        return db.insert(vector.copyToJavaArray(), metadataJson);
    }

    /** Inserts {@code count} vectors laid end to end; all are validated first (all-or-nothing). */
    @JSExport
    public Int32Array insertBatchFlat(Float32Array flat, int count) {
        return insertBatchFlatWithMetadata(flat, count, null);
    }

    /** As insertBatchFlat with a JSON array of {@code count} metadata objects or nulls. */
    @JSExport
    public Int32Array insertBatchFlatWithMetadata(Float32Array flat, int count, String metadataJsonArray) {
        float[][] vectors = Packing.split(flat.copyToJavaArray(), count, index.dimensions(), index.metric());
        return Int32Array.copyFromJavaArray(db.insertBatch(vectors, metadataJsonArray));
    }

    /** [id0, distance0, ..., visited], best first. {@code efSearch} ≤ 0 means the configured value. */
    @JSExport
    public Float64Array search(Float32Array query, int k, int efSearch) {
        float[] q = query.copyToJavaArray();
        SearchResult result = efSearch > 0 ? index.search(q, k, efSearch) : index.search(q, k);
        return Float64Array.copyFromJavaArray(Packing.search(result));
    }

    /** [n, visited, strategy, matchedEstimate, id0, distance0, ...]; strategy 0 exact, 1 graph, 2 graph then exact. */
    @JSExport
    public Float64Array searchFiltered(Float32Array query, int k, int efSearch, String filter, int filterKind) {
        return Float64Array.copyFromJavaArray(
                Packing.filtered(db.search(query.copyToJavaArray(), k, efSearch, filter, filterKind)));
    }

    /** Live ids matching, ascending; {@code limit} < 0 means all. */
    @JSExport
    public Int32Array matchIds(String filter, int filterKind, int offset, int limit) {
        return Int32Array.copyFromJavaArray(db.matchIds(filter, filterKind, offset, limit));
    }

    @JSExport
    public void validateFilter(String filter, int filterKind) {
        dev.teavec.core.filter.Filter.parse(filter, filterKind);
    }

    @JSExport
    public Float32Array getVector(int id) {
        return Float32Array.copyFromJavaArray(index.get(id));
    }

    @JSExport
    public void updateVector(int id, Float32Array vector) {
        db.updateVector(id, vector.copyToJavaArray());
    }

    /** EdgeVec semantics: true when this call deleted it, false when it was already deleted. */
    @JSExport
    public boolean softDelete(int id) {
        return db.delete(id);
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
        db.compact();
        return removed;
    }

    @JSExport
    public double memoryBytes() {
        return index.memoryBytes();
    }

    @JSExport
    public double metadataBytes() {
        return db.metadataBytes();
    }

    // Metadata by id (JSON text in and out).

    @JSExport
    public void setMetadata(int id, String metadataJson) {
        meta.set(id, metadataJson);
    }

    @JSExport
    public String getMetadata(int id) {
        return meta.get(id);
    }

    @JSExport
    public void setMetadataValue(int id, String key, String valueJson) {
        meta.setValue(id, key, valueJson);
    }

    @JSExport
    public String getMetadataValue(int id, String key) {
        return meta.getValue(id, key);
    }

    @JSExport
    public boolean deleteMetadataValue(int id, String key) {
        return meta.deleteValue(id, key);
    }

    @JSExport
    public boolean deleteAllMetadata(int id) {
        return meta.deleteAll(id);
    }

    @JSExport
    public int metadataKeyCount(int id) {
        return meta.keyCount(id);
    }

    @JSExport
    public int metadataVectorCount() {
        return db.metadata().recordCount();
    }

    @JSExport
    public int totalMetadataCount() {
        return (int) db.metadata().entryCount();
    }

    // User keys and documents.

    @JSExport
    public int upsert(String key, Float32Array vector, String metadataJson, String document) {
        return db.upsert(key, vector.copyToJavaArray(), metadataJson, document);
    }

    @JSExport
    public int add(String key, Float32Array vector, String metadataJson, String document) {
        return db.add(key, vector.copyToJavaArray(), metadataJson, document);
    }

    @JSExport
    public int idOfKey(String key) {
        return db.idOfKey(key);
    }

    @JSExport
    public String keyOf(int id) {
        return db.keyOf(id);
    }

    /** JSON array with the key of each id, null where an id has none. */
    @JSExport
    public String keysOf(Int32Array ids) {
        int[] in = ids.copyToJavaArray();
        String[] out = new String[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = db.keyOf(in[i]);
        }
        return JsonWriter.stringArray(out);
    }

    @JSExport
    public boolean deleteKey(String key) {
        return db.deleteKey(key);
    }

    @JSExport
    public void setDocument(int id, String document) {
        db.setDocument(id, document);
    }

    @JSExport
    public String getDocument(int id) {
        return db.getDocument(id);
    }
}
