package dev.teavec.bindings;

import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.bindings.idb.IdbSnapshotStore;
import dev.teavec.bindings.types.JsIndexTypeTable;
import dev.teavec.bindings.simd.LinearMemoryStorage;
import dev.teavec.core.codec.SnapshotLimits;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.filter.Filter;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.vector.Metric;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The Wasm module's entry point: its static {@code @JSExport} methods are the module's exports.
 * The npm package's JavaScript wraps them; nothing else should call them directly.
 */
public final class TeaVecModule {
    private TeaVecModule() {
    }

    /**
     * A new index. The JS layer passes every setting (its defaults live in IndexConfig's constants,
     * which {@link #defaults()} reports, so JS and Java never disagree), and the index types registered
     * from JavaScript ({@code registerIndexType}), of which {@code indexType} may name one.
     */
    @JSExport
    public static NativeIndex createIndex(int dimensions, String metric, int m, int m0, int efConstruction,
            int efSearch, String indexType, String quantization, boolean rerank, double compactionThreshold,
            double seed, JsIndexTypeTable types) {
        IndexConfig config = IndexConfig.builder(dimensions, Metric.fromName(metric))
                .m(m)
                .m0(m0)
                .efConstruction(efConstruction)
                .efSearch(efSearch)
                .indexType(indexType)
                .quantization(quantization)
                .keepFloatsForRerank(rerank)
                .compactionThreshold(compactionThreshold)
                .seed((long) seed)
                .build();
        return NativeIndex.create(config, JsIndexTypeTable.registry(types));
    }

    /**
     * An index with its records loaded from {@link NativeIndex#toBytes()} output, of a built-in type or one
     * of {@code types}: CORRUPT_SNAPSHOT for damaged bytes, SNAPSHOT_TOO_NEW for a newer format,
     * UNKNOWN_INDEX_TYPE for a type neither holds.
     */
    @JSExport
    public static NativeIndex indexFromBytes(Int8Array bytes, JsIndexTypeTable types) {
        VectorStorageFactory storage = LinearMemoryStorage.best();
        try {
            return new NativeIndex(IndexSnapshot.decodeDatabase(SnapshotTransfer.fromJs(bytes), SnapshotLimits.DEFAULT,
                    storage, JsIndexTypeTable.registry(types)), storage);
        } catch (RuntimeException e) {
            // A damaged snapshot must not strand the vectors decoded before the damage.
            storage.release();
            throw e;
        }
    }

    /** An empty set of collections to fill with {@link NativeDatabase#add} and save with {@link NativeDatabase#toBytes}. */
    @JSExport
    public static NativeDatabase newDatabase() {
        return new NativeDatabase();
    }

    /** The collections of a database snapshot ({@link NativeDatabase#toBytes()}); fails as {@link #indexFromBytes} does. */
    @JSExport
    public static NativeDatabase databaseFromBytes(Int8Array bytes, JsIndexTypeTable types) {
        return NativeDatabase.decode(SnapshotTransfer.fromJs(bytes), JsIndexTypeTable.registry(types));
    }

    /**
     * Checks a filter (kind 0: EdgeVec grammar, 1: where JSON) without an index: INVALID_FILTER with the
     * position of the problem.
     */
    @JSExport
    public static void validateFilter(String filter, int filterKind) {
        Filter.parse(filter, filterKind);
    }

    /** [m, efConstruction, efSearch, compactionThreshold, autoThreshold]: the engine's defaults. */
    @JSExport
    public static double[] defaults() {
        return new double[] {IndexConfig.DEFAULT_M, IndexConfig.DEFAULT_EF_CONSTRUCTION, IndexConfig.DEFAULT_EF_SEARCH,
            IndexConfig.DEFAULT_COMPACTION_THRESHOLD, IndexConfig.AUTO_HNSW_THRESHOLD};
    }

    /** IndexedDB storage of snapshot bytes (browsers and their workers only; see docs/indexeddb.md). */
    @JSExport
    public static IdbSnapshotStore snapshotStore() {
        return new IdbSnapshotStore();
    }

    /** Format version of the engine's API, checked by the JS loader against the one it was built for. */
    @JSExport
    public static int apiVersion() {
        return 4;
    }
}
