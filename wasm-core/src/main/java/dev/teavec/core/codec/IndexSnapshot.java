package dev.teavec.core.codec;

import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.db.VectorDatabase;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.AutoIndex;
import dev.teavec.core.index.FlatIndex;
import dev.teavec.core.index.HnswIndex;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.Quantization;
import dev.teavec.core.index.SavedIds;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.quant.RangeTracker;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.ScoringVectors;
import dev.teavec.core.score.Sq8VectorValues;

/**
 * Index snapshots: {@link #encode} turns a {@link FlatIndex}, {@link HnswIndex} or {@link AutoIndex},
 * or a whole {@link VectorDatabase} (the index plus its metadata, keys and documents), into bytes;
 * {@link #decode} and {@link #decodeDatabase} turn bytes back into an index (database) that answers
 * every query exactly as the saved one did and goes on from the same state (same next id, tombstones,
 * SQ8 calibration, graph and builder state, records). Decoding validates everything (docs/format.md)
 * and fails only with CORRUPT_SNAPSHOT: damaged, truncated or hostile bytes never trap, hang, or
 * allocate beyond {@link SnapshotLimits}.
 */
public final class IndexSnapshot {
    private IndexSnapshot() {
    }

    public static SnapshotBytes encode(VectorIndex index) {
        return SnapshotWriter.encode(SnapshotWriter.KIND_INDEX, sections(index));
    }

    public static byte[] encodeToArray(VectorIndex index) {
        return encode(index).toArray();
    }

    /** The database's index and its records (docs/format.md, METADATA, KEYS, DOCUMENTS). */
    public static SnapshotBytes encode(VectorDatabase db) {
        return SnapshotWriter.encode(SnapshotWriter.KIND_INDEX, RecordSections.sections(db));
    }

    public static byte[] encodeToArray(VectorDatabase db) {
        return encode(db).toArray();
    }

    public static VectorIndex decode(byte[] bytes) {
        return decode(SnapshotBytes.of(bytes), SnapshotLimits.DEFAULT);
    }

    public static VectorIndex decode(SnapshotBytes bytes) {
        return decode(bytes, SnapshotLimits.DEFAULT);
    }

    /**
     * The index alone. A snapshot whose vectors carry metadata, keys or documents is refused (with
     * CORRUPT_SNAPSHOT): loading it as a bare index would drop them; use {@link #decodeDatabase}.
     */
    public static VectorIndex decode(SnapshotBytes bytes, SnapshotLimits limits) {
        SnapshotLayout layout = SnapshotLayout.parse(bytes, 0, bytes.length(), SnapshotWriter.KIND_INDEX);
        String why = "its records would be lost when loaded as a bare index; load it as a database";
        layout.forbid(SectionIds.METADATA, why);
        layout.forbid(SectionIds.KEYS, why);
        layout.forbid(SectionIds.DOCUMENTS, why);
        return decodeIndex(layout, limits.budgetFor(bytes.length()), VectorStorageFactory.HEAP);
    }

    public static VectorDatabase decodeDatabase(byte[] bytes) {
        return decodeDatabase(SnapshotBytes.of(bytes), SnapshotLimits.DEFAULT);
    }

    public static VectorDatabase decodeDatabase(SnapshotBytes bytes) {
        return decodeDatabase(bytes, SnapshotLimits.DEFAULT);
    }

    /** Any index snapshot as a database: records from its record sections, none when it has none. */
    public static VectorDatabase decodeDatabase(SnapshotBytes bytes, SnapshotLimits limits) {
        return decodeDatabase(bytes, limits, VectorStorageFactory.HEAP);
    }

    /** As {@link #decodeDatabase(SnapshotBytes, SnapshotLimits)}, with the vectors kept where {@code storage} puts them. */
    public static VectorDatabase decodeDatabase(SnapshotBytes bytes, SnapshotLimits limits, VectorStorageFactory storage) {
        return decodeDatabaseAt(bytes, 0, bytes.length(), limits.budgetFor(bytes.length()), storage);
    }

    /** Decodes the index snapshot occupying exactly {@code [start, start + length)} of {@code bytes}. */
    static VectorDatabase decodeDatabaseAt(SnapshotBytes bytes, int start, int length, DecodeBudget budget,
            VectorStorageFactory storage) {
        SnapshotLayout layout = SnapshotLayout.parse(bytes, start, length, SnapshotWriter.KIND_INDEX);
        return RecordSections.read(layout, decodeIndex(layout, budget, storage), budget);
    }

    /** The config an index was made with (FLAT ones report their type and compaction threshold). */
    public static IndexConfig configOf(VectorIndex index) {
        if (index instanceof AutoIndex) {
            return ((AutoIndex) index).config();
        }
        if (index instanceof HnswIndex) {
            return ((HnswIndex) index).config();
        }
        if (index instanceof FlatIndex) {
            return ((FlatIndex) index).config();
        }
        throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "cannot snapshot a " + index.getClass().getName());
    }

    static SectionPayload[] sections(VectorIndex index) {
        VectorIndex inner = index instanceof AutoIndex ? ((AutoIndex) index).delegate() : index;
        boolean auto = index instanceof AutoIndex;
        IndexConfig config = configOf(index);
        if (inner instanceof FlatIndex) {
            FlatIndex flat = (FlatIndex) inner;
            SavedIds ids = flat.savedIds();
            return new SectionPayload[] {
                new ConfigSection(auto ? ConfigSection.AUTO_FLAT : ConfigSection.FLAT, config, null),
                new IdsSection(ids),
                new TombstonesSection(ids),
                new FloatVectorsSection(SectionIds.VECTORS_F32, flat.vectorValues()),
            };
        }
        if (!(inner instanceof HnswIndex)) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "cannot snapshot a " + inner.getClass().getName());
        }
        HnswIndex hnsw = (HnswIndex) inner;
        SavedIds ids = hnsw.savedIds();
        ScoringVectors vectors = hnsw.scoringVectors();
        SectionPayload vectorSection = vectors instanceof Sq8VectorValues
                ? new Sq8VectorsSection((Sq8VectorValues) vectors)
                : new FloatVectorsSection(SectionIds.VECTORS_F32, (FloatVectorValues) vectors);
        ConfigSection configSection = auto
                ? new ConfigSection(ConfigSection.AUTO_HNSW, config, hnsw.config())
                : new ConfigSection(ConfigSection.HNSW, config, null);
        FloatVectorValues exact = hnsw.rerankFloats();
        if (exact == null) {
            return new SectionPayload[] {configSection, new IdsSection(ids), new TombstonesSection(ids), vectorSection,
                new HnswGraphSection(hnsw)};
        }
        return new SectionPayload[] {configSection, new IdsSection(ids), new TombstonesSection(ids), vectorSection,
            new FloatVectorsSection(SectionIds.RERANK_F32, exact), new HnswGraphSection(hnsw)};
    }

    private static VectorIndex decodeIndex(SnapshotLayout layout, DecodeBudget budget, VectorStorageFactory storage) {
        ConfigSection.Decoded c = ConfigSection.read(layout.section(SectionIds.CONFIG));
        SavedIds ids = IdsSection.read(layout, budget);
        VectorIndex index;
        if (c.structure == ConfigSection.FLAT || c.structure == ConfigSection.AUTO_FLAT) {
            String why = "a flat index holds float32 vectors and no graph";
            layout.forbid(SectionIds.VECTORS_SQ8, why);
            layout.forbid(SectionIds.RERANK_F32, why);
            layout.forbid(SectionIds.HNSW_GRAPH, why);
            FloatVectorValues vectors = FloatVectorsSection.read(layout, SectionIds.VECTORS_F32, ids.count(),
                    c.config.dimensions(), c.config.metric(), budget, storage);
            FlatIndex flat = FlatIndex.restore(c.config, vectors, ids);
            index = c.structure == ConfigSection.FLAT ? flat : AutoIndex.restore(c.config, flat, storage);
        } else {
            HnswIndex hnsw = readHnsw(layout, c.structure == ConfigSection.HNSW ? c.config : c.delegate, ids, budget,
                    storage);
            index = c.structure == ConfigSection.HNSW ? hnsw : AutoIndex.restore(c.config, hnsw, storage);
        }
        try {
            index.checkIntegrity();
        } catch (IllegalStateException e) {
            throw Corrupt.at(layout.start(), "the decoded index is inconsistent: " + e.getMessage());
        }
        return index;
    }

    private static HnswIndex readHnsw(SnapshotLayout layout, IndexConfig config, SavedIds ids, DecodeBudget budget,
            VectorStorageFactory storage) {
        int n = ids.count();
        int dim = config.dimensions();
        boolean trained = layout.has(SectionIds.VECTORS_SQ8);
        ScoringVectors vectors;
        FloatVectorValues exact = null;
        if (trained) {
            if (config.quantization() != Quantization.SQ8) {
                layout.forbid(SectionIds.VECTORS_SQ8, "the config does not quantize");
            }
            layout.forbid(SectionIds.VECTORS_F32, "SQ8 codes replace the float32 vectors");
            Sq8VectorValues sq8 = Sq8VectorsSection.read(layout, n, dim, config.metric(), budget, storage);
            vectors = sq8;
            if (config.keepFloatsForRerank()) {
                exact = FloatVectorsSection.read(layout, SectionIds.RERANK_F32, n, dim, config.metric(), budget, storage);
                requireObserved(layout, exact, sq8.observedRanges());
            } else {
                layout.forbid(SectionIds.RERANK_F32, "the config keeps no floats for re-ranking");
            }
        } else {
            layout.forbid(SectionIds.RERANK_F32, "floats are kept for re-ranking only next to SQ8 codes");
            vectors = FloatVectorsSection.read(layout, SectionIds.VECTORS_F32, n, dim, config.metric(), budget, storage);
        }
        HnswGraphSection.Decoded g = HnswGraphSection.read(layout, config, n, budget);
        return HnswIndex.restore(config, vectors, exact, g.graph, g.levelState, g.anchors, ids, storage);
    }

    /** Re-calibration re-encodes the kept floats within the observed ranges: they must lie inside. */
    private static void requireObserved(SnapshotLayout layout, FloatVectorValues exact, RangeTracker observed) {
        int dim = exact.dimensions();
        float[] v = new float[dim];
        for (int ord = 0; ord < exact.size(); ord++) {
            // In the form SQ8 observed it: rescaled under cosine where add() rescaled it.
            exact.readScored(ord, v);
            for (int i = 0; i < dim; i++) {
                if (v[i] < observed.min(i) || v[i] > observed.max(i)) {
                    throw Corrupt.at(layout.start(), "re-rank float vector " + ord
                            + " lies outside the observed SQ8 range in dimension " + i);
                }
            }
        }
    }
}
