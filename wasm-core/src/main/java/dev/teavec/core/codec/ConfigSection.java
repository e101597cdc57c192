package dev.teavec.core.codec;

import dev.teavec.core.encoding.VectorEncodings;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.vector.Metric;

/**
 * Section CONFIG, version 2 (format version 3): the index type's name and the format version of its
 * state, then the config with its metric and quantization by name (docs/format.md). Version 3 appends the product
 * quantization settings (pqSubspaces, pqTrainingSize) and is written only for a {@code pq} config, so every other
 * snapshot stays readable by the TeaVec versions that read version 2. Decoded through
 * {@link IndexConfig.Builder#build()}, so a snapshot can hold no setting the engine would refuse.
 * Whether the type is registered is the reader's question (UNKNOWN_INDEX_TYPE). Version 1 (format
 * versions 1 and 2, structure codes and enum ordinals) is read by {@link LegacyIndexReader}.
 */
final class ConfigSection implements SectionPayload {
    /** The newest version this build reads. */
    static final int VERSION = 3;
    private static final int WITHOUT_PQ = 2;
    private static final String PQ = "pq";

    private final IndexConfig config;
    private final int typeVersion;

    ConfigSection(IndexConfig config, int typeVersion) {
        this.config = config;
        this.typeVersion = typeVersion;
    }

    @Override
    public int id() {
        return SectionIds.CONFIG;
    }

    @Override
    public int version() {
        return PQ.equals(config.encoding()) ? VERSION : WITHOUT_PQ;
    }

    @Override
    public long size() {
        return Names.size(config.indexType()) + 2 + Names.size(config.metric().jsName()) + Names.size(config.encoding())
                + 1 + 7 * 4 + 8 + 8 + (version() == VERSION ? 2 * 4 : 0);
    }

    @Override
    public void write(SnapshotWriter out) {
        Names.write(out, config.indexType());
        out.u16(typeVersion);
        Names.write(out, config.metric().jsName());
        Names.write(out, config.encoding());
        out.u8(config.keepFloatsForRerank() ? 1 : 0);
        out.i32(config.dimensions());
        out.i32(config.m());
        out.i32(config.m0());
        out.i32(config.efConstruction());
        out.i32(config.efSearch());
        out.i32(config.sq8TrainingSize());
        out.i32(config.autoThreshold());
        out.f64(config.compactionThreshold());
        out.i64(config.seed());
        if (version() == VERSION) {
            out.i32(config.pqSubspaces());
            out.i32(config.pqTrainingSize());
        }
    }

    /** What the section says: the config, and the format version of its type's state. */
    static final class Decoded {
        final IndexConfig config;
        final int typeVersion;

        Decoded(IndexConfig config, int typeVersion) {
            this.config = config;
            this.typeVersion = typeVersion;
        }
    }

    /** Whether this build reads CONFIG {@code version}. */
    static boolean reads(int version) {
        return version == WITHOUT_PQ || version == VERSION;
    }

    static Decoded read(SnapshotReader in, int version) {
        int at = in.position();
        String type = Names.read(in, "index type");
        int versionAt = in.position();
        int typeVersion = in.u16("index type format version");
        if (typeVersion < 1) {
            throw in.corrupt(versionAt, "index type format version 0");
        }
        int metricAt = in.position();
        String metricName = Names.read(in, "metric");
        Metric metric = null;
        for (Metric m : Metric.values()) {
            if (m.jsName().equals(metricName)) {
                metric = m;
            }
        }
        if (metric == null) {
            throw in.tooNew(metricAt, "metric '" + metricName + "' is unknown to this TeaVec (it reads cosine, dot, l2);"
                    + " a newer TeaVec wrote it?");
        }
        int encodingAt = in.position();
        String encoding = Names.read(in, "quantization");
        if (VectorEncodings.BUILT_IN.find(encoding) == null || VectorEncodings.NONE.equals(encoding)) {
            throw in.tooNew(encodingAt, VectorEncodings.BUILT_IN.unknownReason(encoding));
        }
        int rerank = in.u8("keepFloatsForRerank");
        if (rerank > 1) {
            throw in.corrupt(in.position() - 1, "keepFloatsForRerank is " + rerank + ", not 0 or 1");
        }
        int dims = in.i32("dimensions");
        int m = in.i32("m");
        int m0At = in.position();
        int m0 = in.i32("m0");
        if (m0 == 0) {
            // 0 asks the builder for 2·m; a stored config always holds the resolved value.
            throw in.corrupt(m0At, "m0 is 0");
        }
        IndexConfig.Builder b = IndexConfig.builder(dims, metric)
                .indexType(type)
                .quantization(encoding)
                .keepFloatsForRerank(rerank == 1)
                .m(m)
                .m0(m0)
                .efConstruction(in.i32("efConstruction"))
                .efSearch(in.i32("efSearch"))
                .sq8TrainingSize(in.i32("sq8TrainingSize"))
                .autoThreshold(in.i32("autoThreshold"))
                .compactionThreshold(in.f64("compactionThreshold"))
                .seed(in.i64("seed"));
        if (version >= VERSION) {
            b.pqSubspaces(in.i32("pqSubspaces")).pqTrainingSize(in.i32("pqTrainingSize"));
        }
        in.expectEnd();
        try {
            return new Decoded(b.build(), typeVersion);
        } catch (TeaVecException e) {
            throw in.corrupt(at, "invalid config: " + e.detail());
        }
    }
}
