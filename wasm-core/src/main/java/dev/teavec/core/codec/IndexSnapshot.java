package dev.teavec.core.codec;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.encoding.StoredVectors;
import dev.teavec.core.index.IndexParts;
import dev.teavec.core.index.IndexType;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.SavedIds;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * Index snapshots: {@link #encode} turns an index of any registered type, or a whole
 * {@link CollectionStore} (the index plus its metadata, keys and documents), into bytes; {@link #decode}
 * and {@link #decodeDatabase} turn bytes back into an index (database) that answers every query exactly
 * as the saved one did and goes on from the same state (same next id, tombstones, SQ8 calibration,
 * graph and builder state, records). The index type is found by name in a registry
 * ({@link IndexTypes#BUILT_IN} unless one is given), which reads the type's own state.
 *
 * <p>Decoding validates everything (docs/format.md) and fails with CORRUPT_SNAPSHOT for damaged,
 * truncated or hostile bytes (which never trap, hang, or allocate beyond {@link SnapshotLimits}),
 * SNAPSHOT_TOO_NEW for intact bytes in a newer format, and UNKNOWN_INDEX_TYPE when the snapshot's index
 * type is not registered.
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
    public static SnapshotBytes encode(CollectionStore db) {
        return SnapshotWriter.encode(SnapshotWriter.KIND_INDEX, RecordSections.sections(db));
    }

    public static byte[] encodeToArray(CollectionStore db) {
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
        return decode(bytes, limits, IndexTypes.BUILT_IN);
    }

    /** As {@link #decode(SnapshotBytes, SnapshotLimits)}, looking the index type up in {@code types}. */
    public static VectorIndex decode(SnapshotBytes bytes, SnapshotLimits limits, IndexTypes types) {
        SnapshotLayout layout = SnapshotLayout.parse(bytes, 0, bytes.length(), SnapshotWriter.KIND_INDEX);
        String why = "its records would be lost when loaded as a bare index; load it as a database";
        layout.forbid(SectionIds.METADATA, why);
        layout.forbid(SectionIds.KEYS, why);
        layout.forbid(SectionIds.DOCUMENTS, why);
        return decodeIndex(layout, limits.budgetFor(bytes.length()), VectorStorageFactory.HEAP, types);
    }

    public static CollectionStore decodeDatabase(byte[] bytes) {
        return decodeDatabase(SnapshotBytes.of(bytes), SnapshotLimits.DEFAULT);
    }

    public static CollectionStore decodeDatabase(SnapshotBytes bytes) {
        return decodeDatabase(bytes, SnapshotLimits.DEFAULT);
    }

    /** Any index snapshot as a database: records from its record sections, none when it has none. */
    public static CollectionStore decodeDatabase(SnapshotBytes bytes, SnapshotLimits limits) {
        return decodeDatabase(bytes, limits, VectorStorageFactory.HEAP, IndexTypes.BUILT_IN);
    }

    /** As {@link #decodeDatabase(SnapshotBytes, SnapshotLimits)}, with the vectors kept where {@code storage} puts them. */
    public static CollectionStore decodeDatabase(SnapshotBytes bytes, SnapshotLimits limits, VectorStorageFactory storage) {
        return decodeDatabase(bytes, limits, storage, IndexTypes.BUILT_IN);
    }

    /**
     * As {@link #decodeDatabase(SnapshotBytes, SnapshotLimits)}, with the vectors kept where {@code storage}
     * puts them and the index type looked up in {@code types}.
     */
    public static CollectionStore decodeDatabase(SnapshotBytes bytes, SnapshotLimits limits, VectorStorageFactory storage,
            IndexTypes types) {
        return decodeDatabaseAt(bytes, 0, bytes.length(), limits.budgetFor(bytes.length()), storage, types,
                !bytes.isCrcVerified());
    }

    /**
     * Decodes the index snapshot occupying exactly {@code [start, start + length)} of {@code bytes};
     * {@code sectionCrcs} false when a CRC already covered those bytes (see {@link SnapshotLayout#parse}).
     */
    static CollectionStore decodeDatabaseAt(SnapshotBytes bytes, int start, int length, DecodeBudget budget,
            VectorStorageFactory storage, IndexTypes types, boolean sectionCrcs) {
        SnapshotLayout layout = SnapshotLayout.parse(bytes, start, length, SnapshotWriter.KIND_INDEX, sectionCrcs);
        return RecordSections.read(layout, decodeIndex(layout, budget, storage, types), budget);
    }

    /** CONFIG, IDS, TOMBSTONES, VECTORS, INDEX_STATE (format version 3). */
    static SectionPayload[] sections(VectorIndex index) {
        IndexParts parts = index.parts();
        return new SectionPayload[] {
            new ConfigSection(parts.config(), parts.formatVersion()),
            new IdsSection(parts.ids()),
            new TombstonesSection(parts.ids()),
            new VectorsSection(parts.vectors()),
            new StateSection(parts.state()),
        };
    }

    private static VectorIndex decodeIndex(SnapshotLayout layout, DecodeBudget budget, VectorStorageFactory storage,
            IndexTypes types) {
        VectorIndex index = layout.formatVersion() < 3
                ? LegacyIndexReader.read(layout, budget, storage)
                : read(layout, budget, storage, types);
        try {
            index.checkIntegrity();
        } catch (IllegalStateException e) {
            throw Corrupt.at(layout.start(), "the decoded index is inconsistent: " + e.getMessage());
        }
        return index;
    }

    private static VectorIndex read(SnapshotLayout layout, DecodeBudget budget, VectorStorageFactory storage,
            IndexTypes types) {
        String older = "it belongs to format versions 1 and 2";
        layout.forbid(SectionIds.VECTORS_F32, older);
        layout.forbid(SectionIds.VECTORS_SQ8, older);
        layout.forbid(SectionIds.RERANK_F32, older);
        layout.forbid(SectionIds.HNSW_GRAPH, older);
        int configVersion = layout.version(SectionIds.CONFIG);
        if (!ConfigSection.reads(configVersion)) {
            throw Corrupt.at(layout.start(), "a format version 3 snapshot has CONFIG version 2 or 3, not " + configVersion);
        }
        SnapshotReader configIn = layout.section(SectionIds.CONFIG);
        int typeAt = configIn.position();
        ConfigSection.Decoded c = ConfigSection.read(configIn, configVersion);
        IndexType type = types.get(c.config.indexType());
        if (c.typeVersion > type.formatVersion()) {
            throw Corrupt.tooNew(typeAt, "index type '" + type.name() + "' format version " + c.typeVersion
                    + " is newer than this TeaVec reads (" + type.name() + " format 1.." + type.formatVersion()
                    + "): upgrade TeaVec (or the registered type) to load it");
        }
        SavedIds ids = IdsSection.read(layout, budget);
        StoredVectors vectors = VectorsSection.read(layout.section(SectionIds.VECTORS, budget), c.config, ids.count(),
                storage);
        return type.restore(c.config, c.typeVersion, ids, vectors, layout.section(SectionIds.INDEX_STATE, budget), storage);
    }
}
