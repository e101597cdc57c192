package dev.teavec.core.db;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.filter.BoundFilter;
import dev.teavec.core.filter.Filter;
import dev.teavec.core.index.BatchInsertion;
import dev.teavec.core.index.IdFilter;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.RegionBatchOrder;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.meta.IdTable;
import dev.teavec.core.meta.MetaRecord;
import dev.teavec.core.meta.MetadataJson;
import dev.teavec.core.meta.MetadataStore;
import dev.teavec.core.search.FilteredResult;
import dev.teavec.core.search.FilteredSearch;
import dev.teavec.core.vector.VectorChecks;

/**
 * One collection's records and index: a vector index plus what users attach to its vectors (metadata, a
 * user key (string id) and a document). The index stays about vectors; this class keeps the four consistent.
 *
 * <p>Decisions: deleting a vector drops its metadata, key and document at once (ids are never
 * reused, so nothing can refer to them again; compaction then has nothing to do here). An update
 * keeps the id. Every method validates all input before changing anything.
 */
public final class CollectionStore {
    private final IndexConfig config;
    private final VectorIndex index;
    private final MetadataStore metadata;
    private final KeyIndex keys;
    private final IdTable<String> documents;
    private final MetadataEditor editor;

    public CollectionStore(IndexConfig config) {
        this(config, VectorStorageFactory.HEAP);
    }

    /** An empty collection store whose vectors live where {@code storage} puts them (e.g. Wasm linear memory). */
    public CollectionStore(IndexConfig config, VectorStorageFactory storage) {
        this(IndexTypes.BUILT_IN, config, storage);
    }

    /** As {@link #CollectionStore(IndexConfig, VectorStorageFactory)}, with the index type looked up in {@code types}. */
    public CollectionStore(IndexTypes types, IndexConfig config, VectorStorageFactory storage) {
        this(config, types.create(config, storage), new MetadataStore(), new KeyIndex(), new IdTable<>());
    }

    private CollectionStore(IndexConfig config, VectorIndex index, MetadataStore metadata, KeyIndex keys,
            IdTable<String> documents) {
        this.config = config;
        this.index = index;
        this.metadata = metadata;
        this.keys = keys;
        this.documents = documents;
        this.editor = new MetadataEditor(this, metadata);
    }

    /**
     * Reassembles a collection store from restored parts (a snapshot); checks that they agree. The index has
     * passed its own {@link VectorIndex#checkIntegrity()} already (its decoding runs it), so it is not checked
     * again: on a 100k-vector graph that second pass cost ~0.2 s of every reopen.
     */
    public static CollectionStore restore(IndexConfig config, VectorIndex index, MetadataStore metadata, KeyIndex keys,
            IdTable<String> documents) {
        CollectionStore db = new CollectionStore(config, index, metadata, keys, documents);
        db.checkRecords();
        return db;
    }

    public IndexConfig config() {
        return config;
    }

    /** The index, for reading (size, search, get); change vectors through this class. */
    public VectorIndex index() {
        return index;
    }

    public MetadataStore metadata() {
        return metadata;
    }

    public KeyIndex keys() {
        return keys;
    }

    public IdTable<String> documents() {
        return documents;
    }

    /** Metadata reads and edits by id, in JSON. */
    public MetadataEditor metadataEditor() {
        return editor;
    }

    /** UNKNOWN_ID unless {@code id} is a live vector. */
    void requireLive(int id) {
        if (id < 0 || id >= index.idLimit() || index.isDeleted(id)) {
            String why = id >= 0 && id < index.idLimit() ? "it was deleted" : "ids are 0.." + (index.idLimit() - 1);
            throw new TeaVecException(ErrorCode.UNKNOWN_ID, "no vector with id " + id + ": " + why);
        }
    }

    private void checkVector(float[] v) {
        VectorChecks.checkVector(v, index.dimensions(), index.metric(), "vector");
    }

    /** Adds a vector with metadata ({@code metadataJson} null, "null" or "{}": none); returns its id. */
    public int insert(float[] vector, String metadataJson) {
        checkVector(vector);
        MetaRecord record = metadataJson == null ? null : MetadataJson.read(metadataJson, metadata.keys());
        int id = index.add(vector);
        metadata.put(id, record);
        return id;
    }

    /**
     * Adds every vector, with the i-th element of a JSON array of objects or nulls as its metadata
     * ({@code metadataJsonArray} null: none). All-or-nothing: everything is validated first.
     */
    public int[] insertBatch(float[][] vectors, String metadataJsonArray) {
        for (int i = 0; i < vectors.length; i++) {
            VectorChecks.checkVector(vectors[i], index.dimensions(), index.metric(), "vector " + i + " of the batch");
        }
        MetaRecord[] records = metadataJsonArray == null ? null
                : MetadataJson.readArray(metadataJsonArray, vectors.length, metadata.keys());
        int[] ids = addedByRegion(vectors);
        if (ids == null) {
            ids = new int[vectors.length];
            for (int i = 0; i < vectors.length; i++) {
                ids[i] = index.add(vectors[i]);
            }
        }
        for (int i = 0; records != null && i < vectors.length; i++) {
            metadata.put(ids[i], records[i]);
        }
        return ids;
    }

    /**
     * Adds validated vectors of new records as one batch where the engine holds that: an HNSW index stores and links
     * it region by region (cache locality). Their ids, in the batch's order; null, nothing added: add one by one.
     */
    int[] addedByRegion(float[][] vectors) {
        BatchInsertion regions = RegionBatchOrder.available();
        return regions == null ? null : regions.insert(index, vectors);
    }

    /** Replaces the vector of a live id in place (same id afterwards). */
    public void updateVector(int id, float[] vector) {
        index.update(id, vector);
    }

    /**
     * EdgeVec's soft delete: true when this call deleted the vector, false when it was already
     * deleted; UNKNOWN_ID for an id never handed out. Drops its metadata, key and document.
     */
    public boolean delete(int id) {
        if (index.isDeleted(id)) {
            return false;
        }
        index.delete(id);
        metadata.remove(id);
        keys.remove(id);
        documents.remove(id);
        return true;
    }

    public void compact() {
        index.compact();
    }

    /**
     * Inserts under user key {@code key}, or, when a live vector has that key, updates it in place
     * (same id). For an existing key, null {@code metadataJson} keeps the metadata and "null" or "{}"
     * clears it, any other object replaces it whole; null {@code document} keeps the document.
     */
    public int upsert(String key, float[] vector, String metadataJson, String document) {
        KeyIndex.checkKey(key);
        checkVector(vector);
        MetaRecord record = metadataJson == null ? null : MetadataJson.read(metadataJson, metadata.keys());
        int id = keys.idOf(key);
        if (id < 0) {
            return addChecked(key, vector, record, document);
        }
        index.update(id, vector);
        if (metadataJson != null) {
            metadata.put(id, record);
        }
        if (document != null) {
            documents.put(id, document);
        }
        return id;
    }

    /** Inserts under a new user key; DUPLICATE_ID when a live vector already has it. */
    public int add(String key, float[] vector, String metadataJson, String document) {
        KeyIndex.checkKey(key);
        if (keys.idOf(key) >= 0) {
            throw new TeaVecException(ErrorCode.DUPLICATE_ID, "key '" + key + "' already exists (id " + keys.idOf(key) + ")");
        }
        checkVector(vector);
        MetaRecord record = metadataJson == null ? null : MetadataJson.read(metadataJson, metadata.keys());
        return addChecked(key, vector, record, document);
    }

    private int addChecked(String key, float[] vector, MetaRecord record, String document) {
        int id = index.add(vector);
        keys.put(key, id);
        metadata.put(id, record);
        if (document != null) {
            documents.put(id, document);
        }
        return id;
    }

    /**
     * Writes many records by key, all or nothing: the whole batch is checked before any of it is applied,
     * so a refused batch changes nothing (see {@link KeyedBatch}). Returns the ids in batch order.
     */
    public int[] writeBatch(KeyedBatch.Mode mode, String label, String[] keys, float[][] vectors,
            String metadataJsonArray, String[] documents) {
        return KeyedBatch.of(this, mode, label, keys, vectors, metadataJsonArray, documents).apply();
    }

    /** {@link #writeBatch} as it crosses from JavaScript: a JSON description and the vectors end to end (see {@link KeyedBatch}). */
    public int[] writeBatch(String batchJson, float[] flatVectors) {
        return KeyedBatch.fromJson(this, batchJson, flatVectors).apply();
    }

    /** The id of a live vector's key, or -1. */
    public int idOfKey(String key) {
        return keys.idOf(key);
    }

    /** The key of {@code id}, or null when it has none (or is not live). */
    public String keyOf(int id) {
        return keys.keyOf(id);
    }

    /** Deletes the vector with user key {@code key}; false when no live vector has it. */
    public boolean deleteKey(String key) {
        int id = keys.idOf(key);
        return id >= 0 && delete(id);
    }

    /** Sets the document of a live id; null removes it. */
    public void setDocument(int id, String document) {
        requireLive(id);
        documents.put(id, document);
    }

    /** The document of a live id, or null when it has none. */
    public String getDocument(int id) {
        requireLive(id);
        return documents.get(id);
    }

    /** Filtered k-NN; {@code efSearch} ≤ 0 means the configured one. INVALID_FILTER for a bad filter. */
    public FilteredResult search(float[] query, int k, int efSearch, String filter, int filterKind) {
        Filter parsed = Filter.parse(filter, filterKind);
        int ef = efSearch > 0 ? efSearch : config.efSearch();
        return FilteredSearch.search(index, query, k, ef, idFilter(parsed), config.seed());
    }

    /** Live ids matching, ascending, skipping {@code offset}, at most {@code limit} (negative: all). */
    public int[] matchIds(String filter, int filterKind, int offset, int limit) {
        Filter parsed = Filter.parse(filter, filterKind);
        if (offset < 0) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "offset must be a non-negative integer, got " + offset);
        }
        IdFilter accept = idFilter(parsed);
        int max = limit < 0 ? Integer.MAX_VALUE : limit;
        int[] out = new int[Math.min(max, Math.min(index.liveCount(), 1024))];
        int n = 0;
        int skipped = 0;
        int idLimit = index.idLimit();
        for (int id = 0; id < idLimit && n < max; id++) {
            if (index.isDeleted(id) || !accept.accept(id)) {
                continue;
            }
            if (skipped < offset) {
                skipped++;
                continue;
            }
            if (n == out.length) {
                int[] grown = new int[(int) Math.min((long) max, 2L * out.length + 16)];
                System.arraycopy(out, 0, grown, 0, n);
                out = grown;
            }
            out[n++] = id;
        }
        if (n == out.length) {
            return out;
        }
        int[] trimmed = new int[n];
        System.arraycopy(out, 0, trimmed, 0, n);
        return trimmed;
    }

    private IdFilter idFilter(Filter filter) {
        if (filter.matchesAll()) {
            return id -> true;
        }
        BoundFilter bound = filter.bind(metadata.keys());
        MetadataStore store = metadata;
        return id -> bound.matches(store.get(id));
    }

    /** Rough heap bytes of metadata, keys and documents. */
    public long metadataBytes() {
        long b = metadata.bytesEstimate() + keys.bytesEstimate() + 4L * documents.idLimit();
        for (int id : documents.ids()) {
            b += 40 + 2L * documents.get(id).length();
        }
        return b;
    }

    /** The index's own check, and: metadata, keys and documents belong to live ids only. */
    public void checkIntegrity() {
        index.checkIntegrity();
        checkRecords();
    }

    /** Metadata, keys and documents belong to live ids only. */
    private void checkRecords() {
        keys.checkIntegrity();
        long entries = 0;
        for (int id : metadata.ids()) {
            checkLive(id, "metadata");
            entries += metadata.get(id).size();
        }
        if (entries != metadata.entryCount()) {
            throw new IllegalStateException("metadata counts " + metadata.entryCount() + " entries, records hold " + entries);
        }
        for (int id : keys.ids()) {
            checkLive(id, "a key");
        }
        for (int id : documents.ids()) {
            checkLive(id, "a document");
        }
    }

    private void checkLive(int id, String what) {
        if (id >= index.idLimit() || index.isDeleted(id)) {
            throw new IllegalStateException("id " + id + " has " + what + " but no live vector");
        }
    }
}
