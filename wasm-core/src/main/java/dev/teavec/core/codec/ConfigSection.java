package dev.teavec.core.codec;

import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexType;
import dev.teavec.core.index.Quantization;
import dev.teavec.core.vector.Metric;

/**
 * Section CONFIG: which structure the snapshot holds (flat, HNSW, AUTO in either phase) and the
 * config records: the index's own, plus the HNSW delegate's for AUTO after its switch (AUTO builds
 * that one with its own SQ8 training size). Decoded through {@link IndexConfig.Builder#build()}, so a
 * snapshot can hold no setting the engine would refuse.
 */
final class ConfigSection implements SectionPayload {
    static final int FLAT = 1;
    static final int HNSW = 2;
    static final int AUTO_FLAT = 3;
    static final int AUTO_HNSW = 4;
    private static final int RECORD_BYTES = 48;

    private final int structure;
    private final IndexConfig config;
    private final IndexConfig delegate;

    ConfigSection(int structure, IndexConfig config, IndexConfig delegate) {
        this.structure = structure;
        this.config = config;
        this.delegate = delegate;
    }

    @Override
    public int id() {
        return SectionIds.CONFIG;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean optional() {
        return false;
    }

    @Override
    public long size() {
        return 1 + RECORD_BYTES + (delegate != null ? RECORD_BYTES : 0);
    }

    @Override
    public void write(SnapshotWriter out) {
        out.u8(structure);
        record(out, config);
        if (delegate != null) {
            record(out, delegate);
        }
    }

    private static void record(SnapshotWriter out, IndexConfig c) {
        out.i32(c.dimensions());
        out.u8(c.metric().ordinal());
        out.u8(c.indexType().ordinal());
        out.u8(c.quantization().ordinal());
        out.u8(c.keepFloatsForRerank() ? 1 : 0);
        out.i32(c.m());
        out.i32(c.m0());
        out.i32(c.efConstruction());
        out.i32(c.efSearch());
        out.i32(c.sq8TrainingSize());
        out.i32(c.autoThreshold());
        out.f64(c.compactionThreshold());
        out.i64(c.seed());
    }

    /** What the section says: the structure, the index's config and (AUTO_HNSW only) the delegate's. */
    static final class Decoded {
        final int structure;
        final IndexConfig config;
        final IndexConfig delegate;

        Decoded(int structure, IndexConfig config, IndexConfig delegate) {
            this.structure = structure;
            this.config = config;
            this.delegate = delegate;
        }
    }

    static Decoded read(SnapshotReader in) {
        int at = in.position();
        int structure = in.u8("structure");
        if (structure < FLAT || structure > AUTO_HNSW) {
            throw in.corrupt(at, "unknown structure " + structure);
        }
        IndexConfig config = readRecord(in);
        IndexType expected = structure == FLAT ? IndexType.FLAT : structure == HNSW ? IndexType.HNSW : IndexType.AUTO;
        if (config.indexType() != expected) {
            throw in.corrupt(at, "structure " + structure + " does not match index type " + config.indexType().jsName());
        }
        IndexConfig delegate = null;
        if (structure == AUTO_HNSW) {
            int dAt = in.position();
            delegate = readRecord(in);
            if (delegate.indexType() != IndexType.HNSW || delegate.dimensions() != config.dimensions()
                    || delegate.metric() != config.metric() || delegate.quantization() != config.quantization()
                    || delegate.keepFloatsForRerank() != config.keepFloatsForRerank()) {
                throw in.corrupt(dAt, "the HNSW delegate's config does not match the AUTO index's");
            }
        }
        in.expectEnd();
        return new Decoded(structure, config, delegate);
    }

    private static IndexConfig readRecord(SnapshotReader in) {
        int at = in.position();
        int dims = in.i32("dimensions");
        Metric metric = pick(Metric.values(), in.u8("metric"), in, at);
        IndexType type = pick(IndexType.values(), in.u8("index type"), in, at);
        Quantization quantization = pick(Quantization.values(), in.u8("quantization"), in, at);
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
        IndexConfig.Builder b = IndexConfig.builder(dims, metric)
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

    private static <T> T pick(T[] values, int ordinal, SnapshotReader in, int at) {
        if (ordinal >= values.length) {
            throw in.corrupt(at, "enum value " + ordinal + " out of range 0.." + (values.length - 1));
        }
        return values[ordinal];
    }
}
