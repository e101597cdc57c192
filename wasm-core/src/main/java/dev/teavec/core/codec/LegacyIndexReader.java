package dev.teavec.core.codec;

import dev.teavec.core.encoding.Float32Encoding;
import dev.teavec.core.encoding.FloatVectorsFormat;
import dev.teavec.core.encoding.Sq8CodesFormat;
import dev.teavec.core.encoding.Sq8Vectors;
import dev.teavec.core.encoding.StoredVectors;
import dev.teavec.core.encoding.VectorEncodings;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.AutoIndex;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.SavedIds;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.Sq8VectorValues;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.Metric;

/**
 * Reads index snapshots of format versions 1 and 2 (read only; docs/format.md keeps their layout): CONFIG
 * version 1 (a structure code and 48-byte config records with enum ordinals), vectors in sections
 * VECTORS_F32, VECTORS_SQ8 and RERANK_F32, the HNSW graph in HNSW_GRAPH. Their payloads are the built-in
 * encodings' and the {@code hnsw} type's format version 1, so the same readers decode them.
 */
final class LegacyIndexReader {
    static final int FLAT = 1;
    static final int HNSW = 2;
    static final int AUTO_FLAT = 3;
    static final int AUTO_HNSW = 4;
    private static final String[] METRICS = {"cosine", "dot", "l2"};
    private static final String[] TYPES = {IndexTypes.FLAT, IndexTypes.HNSW, IndexTypes.AUTO};
    private static final String[] QUANTIZATIONS = {VectorEncodings.NONE, "sq8"};

    private LegacyIndexReader() {
    }

    static VectorIndex read(SnapshotLayout layout, DecodeBudget budget, VectorStorageFactory storage) {
        String newer = "it belongs to format version 3";
        layout.forbid(SectionIds.VECTORS, newer);
        layout.forbid(SectionIds.INDEX_STATE, newer);
        if (layout.version(SectionIds.CONFIG) != 1) {
            throw Corrupt.at(layout.start(), "a format version " + layout.formatVersion() + " snapshot has CONFIG version 1");
        }
        SnapshotReader in = layout.section(SectionIds.CONFIG);
        int at = in.position();
        int structure = in.u8("structure");
        if (structure < FLAT || structure > AUTO_HNSW) {
            throw in.corrupt(at, "unknown structure " + structure);
        }
        IndexConfig config = record(in);
        String expected = TYPES[Math.min(structure, AUTO_FLAT) - 1];
        if (!config.indexType().equals(expected)) {
            throw in.corrupt(at, "structure " + structure + " does not match index type " + config.indexType());
        }
        IndexConfig delegate = null;
        if (structure == AUTO_HNSW) {
            int dAt = in.position();
            delegate = record(in);
            if (!delegate.indexType().equals(IndexTypes.HNSW) || delegate.dimensions() != config.dimensions()
                    || delegate.metric() != config.metric() || !delegate.encoding().equals(config.encoding())
                    || delegate.keepFloatsForRerank() != config.keepFloatsForRerank()) {
                throw in.corrupt(dAt, "the HNSW delegate's config does not match the AUTO index's");
            }
        }
        in.expectEnd();
        SavedIds ids = IdsSection.read(layout, budget);
        if (structure == FLAT || structure == AUTO_FLAT) {
            String why = "a flat index holds float32 vectors and no graph";
            layout.forbid(SectionIds.VECTORS_SQ8, why);
            layout.forbid(SectionIds.RERANK_F32, why);
            layout.forbid(SectionIds.HNSW_GRAPH, why);
            IndexConfig flatConfig = structure == FLAT ? config : AutoIndex.flatConfig(config);
            StoredVectors vectors = Float32Encoding.of(floats(layout, SectionIds.VECTORS_F32, ids.count(), flatConfig,
                    budget, storage));
            VectorIndex flat = IndexTypes.BUILT_IN.get(IndexTypes.FLAT).restore(flatConfig, 1, ids, vectors,
                    layout.empty("flat state"), storage);
            return structure == FLAT ? flat : AutoIndex.restore(config, flat, storage);
        }
        IndexConfig hnswConfig = structure == HNSW ? config : delegate;
        StoredVectors vectors = hnswVectors(layout, hnswConfig, ids.count(), budget, storage);
        VectorIndex hnsw = IndexTypes.BUILT_IN.get(IndexTypes.HNSW).restore(hnswConfig, 1, ids, vectors,
                layout.section(SectionIds.HNSW_GRAPH, budget), storage);
        return structure == HNSW ? hnsw : AutoIndex.restore(config, hnsw, storage);
    }

    private static StoredVectors hnswVectors(SnapshotLayout layout, IndexConfig config, int n, DecodeBudget budget,
            VectorStorageFactory storage) {
        boolean quantized = !config.encoding().equals(VectorEncodings.FLOAT32);
        if (!layout.has(SectionIds.VECTORS_SQ8)) {
            layout.forbid(SectionIds.RERANK_F32, "floats are kept for re-ranking only next to SQ8 codes");
            FloatVectorValues floats = floats(layout, SectionIds.VECTORS_F32, n, config, budget, storage);
            return quantized ? Sq8Vectors.restore(config, storage, floats, null) : Float32Encoding.of(floats);
        }
        if (!quantized) {
            layout.forbid(SectionIds.VECTORS_SQ8, "the config does not quantize");
        }
        layout.forbid(SectionIds.VECTORS_F32, "SQ8 codes replace the float32 vectors");
        SnapshotReader in = layout.section(SectionIds.VECTORS_SQ8, budget);
        Sq8VectorValues codes = Sq8CodesFormat.read(in, n, config.dimensions(), config.metric(), storage);
        in.expectEnd();
        FloatVectorValues kept = null;
        if (config.keepFloatsForRerank()) {
            kept = floats(layout, SectionIds.RERANK_F32, n, config, budget, storage);
            Sq8CodesFormat.requireObserved(in, layout.start(), kept, codes.observedRanges());
        } else {
            layout.forbid(SectionIds.RERANK_F32, "the config keeps no floats for re-ranking");
        }
        return Sq8Vectors.restore(config, storage, kept, codes);
    }

    private static FloatVectorValues floats(SnapshotLayout layout, int id, int n, IndexConfig config, DecodeBudget budget,
            VectorStorageFactory storage) {
        SnapshotReader in = layout.section(id, budget);
        FloatVectorValues values = FloatVectorsFormat.read(in, n, config.dimensions(), config.metric(), storage);
        in.expectEnd();
        return values;
    }

    /** A 48-byte config record of CONFIG version 1 (docs/format.md). */
    private static IndexConfig record(SnapshotReader in) {
        int at = in.position();
        int dims = in.i32("dimensions");
        String metric = pick(METRICS, in.u8("metric"), in, at);
        String type = pick(TYPES, in.u8("index type"), in, at);
        String quantization = pick(QUANTIZATIONS, in.u8("quantization"), in, at);
        int rerank = in.u8("keepFloatsForRerank");
        if (rerank > 1) {
            throw in.corrupt(at, "keepFloatsForRerank is " + rerank + ", not 0 or 1");
        }
        int m = in.i32("m");
        int m0At = in.position();
        int m0 = in.i32("m0");
        if (m0 == 0) {
            // 0 asks the builder for 2·m; a stored config always holds the resolved value.
            throw in.corrupt(m0At, "m0 is 0");
        }
        IndexConfig.Builder b = IndexConfig.builder(dims, Metric.fromName(metric))
                .indexType(type)
                .quantization(quantization)
                .keepFloatsForRerank(rerank == 1)
                .m(m)
                .m0(m0)
                .efConstruction(in.i32("efConstruction"))
                .efSearch(in.i32("efSearch"))
                .sq8TrainingSize(in.i32("sq8TrainingSize"))
                .autoThreshold(in.i32("autoThreshold"))
                .compactionThreshold(in.f64("compactionThreshold"))
                .seed(in.i64("seed"));
        try {
            return b.build();
        } catch (TeaVecException e) {
            throw in.corrupt(at, "invalid config: " + e.detail());
        }
    }

    private static String pick(String[] values, int ordinal, SnapshotReader in, int at) {
        if (ordinal >= values.length) {
            throw in.corrupt(at, "enum value " + ordinal + " out of range 0.." + (values.length - 1));
        }
        return values[ordinal];
    }
}
