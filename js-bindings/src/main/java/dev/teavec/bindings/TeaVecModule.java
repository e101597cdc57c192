package dev.teavec.bindings;

import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.db.KeyIndex;
import dev.teavec.core.db.VectorDatabase;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.meta.IdTable;
import dev.teavec.core.meta.MetadataStore;
import dev.teavec.bindings.idb.IdbSnapshotStore;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexType;
import dev.teavec.core.index.Quantization;
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
     * which {@link #defaults()} reports, so JS and Java never disagree).
     */
    @JSExport
    public static NativeIndex createIndex(int dimensions, String metric, int m, int m0, int efConstruction,
            int efSearch, String indexType, String quantization, boolean rerank, double compactionThreshold,
            double seed) {
        IndexConfig config = IndexConfig.builder(dimensions, Metric.fromName(metric))
                .m(m)
                .m0(m0)
                .efConstruction(efConstruction)
                .efSearch(efSearch)
                .indexType(IndexType.fromName(indexType))
                .quantization(Quantization.fromName(quantization))
                .keepFloatsForRerank(rerank)
                .compactionThreshold(compactionThreshold)
                .seed((long) seed)
                .build();
        return new NativeIndex(config);
    }

    /** An index loaded from {@link NativeIndex#toBytes()} output; CORRUPT_SNAPSHOT for anything else. */
    @JSExport
    public static NativeIndex indexFromBytes(Int8Array bytes) {
        VectorIndex index = IndexSnapshot.decode(SnapshotTransfer.fromJs(bytes));
        return new NativeIndex(VectorDatabase.restore(IndexSnapshot.configOf(index), index, new MetadataStore(),
                new KeyIndex(), new IdTable<>()));
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
        return 1;
    }
}
