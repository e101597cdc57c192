package dev.teavec.core.codec;

import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexTypes;
import java.util.function.Supplier;

/**
 * A database snapshot: named collections, each with its settings (JSON object text the JavaScript
 * Database keeps: the collection's metadata and index options) and its database (an index with its
 * records), or none while the collection has no index yet (docs/format.md, "Database snapshot").
 * {@link #encode} writes them in the order given; {@link #decode} validates the container and every
 * collection, sharing one decode budget, and fails as {@link IndexSnapshot} does.
 */
public final class DatabaseSnapshot {
    private final String[] names;
    private final String[] settings;
    private final CollectionStore[] databases;
    private final VectorStorageFactory[] storages;
    private final byte[][][] texts;

    DatabaseSnapshot(String[] names, String[] settings, CollectionStore[] databases, VectorStorageFactory[] storages) {
        this(names, settings, databases, storages, null);
    }

    DatabaseSnapshot(String[] names, String[] settings, CollectionStore[] databases, VectorStorageFactory[] storages,
            byte[][][] texts) {
        this.names = names;
        this.settings = settings;
        this.databases = databases;
        this.storages = storages;
        this.texts = texts;
    }

    /**
     * {@code settings[i]} is a JSON object's text; {@code databases[i]} may be null (no index yet).
     * INVALID_ARGUMENT for names that are empty, too long or repeated, or settings that are not a JSON object.
     */
    public static SnapshotBytes encode(String[] names, String[] settings, CollectionStore[] databases) {
        return encode(names, settings, databases, null);
    }

    /**
     * As {@link #encode(String[], String[], CollectionStore[])}, with {@code texts[i]}: collection i's
     * full-text indexes as the text module encoded them (each at least 2 bytes; null: none), kept in the
     * optional TEXT_INDEXES section ({@code texts} null: none at all).
     */
    public static SnapshotBytes encode(String[] names, String[] settings, CollectionStore[] databases, byte[][][] texts) {
        if (names.length != settings.length || names.length != databases.length) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, names.length + " names for " + settings.length
                    + " settings and " + databases.length + " collections");
        }
        if (names.length > SnapshotLimits.MAX_COLLECTIONS) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "a database holds at most "
                    + SnapshotLimits.MAX_COLLECTIONS + " collections");
        }
        SectionPayload[][] nested = new SectionPayload[names.length][];
        for (int i = 0; i < names.length; i++) {
            int bytes = names[i] == null ? 0 : Wtf8.textBytes(names[i]);
            if (bytes < 1 || bytes > SnapshotLimits.MAX_NAME_BYTES) {
                throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "collection names take 1.."
                        + SnapshotLimits.MAX_NAME_BYTES + " UTF-8 bytes, got " + bytes);
            }
            for (int j = 0; j < i; j++) {
                if (names[j].equals(names[i])) {
                    throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "collection '" + names[i] + "' appears twice");
                }
            }
            String problem = settings[i] == null ? "settings are missing" : CollectionsSection.settingsProblem(settings[i]);
            if (problem != null) {
                throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "collection '" + names[i] + "': " + problem);
            }
            nested[i] = databases[i] == null ? null : RecordSections.sections(databases[i]);
        }
        SectionPayload collections = new CollectionsSection(names, settings, nested);
        return SnapshotWriter.encode(SnapshotWriter.KIND_DATABASE, texts != null
                ? new SectionPayload[] {collections, new TextIndexesSection(texts)} : new SectionPayload[] {collections});
    }

    public static DatabaseSnapshot decode(SnapshotBytes bytes) {
        return decode(bytes, SnapshotLimits.DEFAULT);
    }

    public static DatabaseSnapshot decode(SnapshotBytes bytes, SnapshotLimits limits) {
        return decode(bytes, limits, () -> VectorStorageFactory.HEAP);
    }

    /**
     * As {@link #decode(SnapshotBytes, SnapshotLimits)}, with each collection's vectors kept where a factory
     * of its own from {@code storage} puts them ({@link #storage(int)}), so that each can be released alone.
     * When decoding fails, the factories already made are released.
     */
    public static DatabaseSnapshot decode(SnapshotBytes bytes, SnapshotLimits limits, Supplier<VectorStorageFactory> storage) {
        return decode(bytes, limits, storage, IndexTypes.BUILT_IN);
    }

    /** As {@link #decode(SnapshotBytes, SnapshotLimits, Supplier)}, looking index types up in {@code types}. */
    public static DatabaseSnapshot decode(SnapshotBytes bytes, SnapshotLimits limits, Supplier<VectorStorageFactory> storage,
            IndexTypes types) {
        SnapshotLayout layout = SnapshotLayout.parse(bytes, 0, bytes.length(), SnapshotWriter.KIND_DATABASE);
        DecodeBudget budget = limits.budgetFor(bytes.length());
        byte[][][] texts = layout.has(SectionIds.TEXT_INDEXES) ? TextIndexesSection.read(layout, budget) : null;
        return CollectionsSection.read(layout, bytes, budget, storage, types, texts);
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    /** The collection's settings as JSON object text; null in a version 1 snapshot, which had none. */
    public String settings(int i) {
        return settings[i];
    }

    /** The collection's index and records, or null when it had no index yet. */
    public CollectionStore database(int i) {
        return databases[i];
    }

    /** Collection {@code i}'s full-text indexes as the text module encoded them (TEXT_INDEXES), or null for none. */
    public byte[][] texts(int i) {
        return texts == null ? null : texts[i];
    }

    /** Where collection {@code i}'s vectors live (its owner releases it), or null when it had no index. */
    public VectorStorageFactory storage(int i) {
        return storages[i];
    }
}
