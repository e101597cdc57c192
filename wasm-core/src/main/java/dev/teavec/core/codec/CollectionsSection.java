package dev.teavec.core.codec;

import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.meta.JsonNode;
import dev.teavec.core.meta.JsonReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Section COLLECTIONS of a database snapshot: the named collections in order. Version 2 (written now):
 * each a name, the collection's settings as JSON object text, and its index snapshot nested in place
 * (its own header, sections and CRCs, records included), or none while the collection has no index
 * yet. Version 1 (read only): a name and a nested snapshot.
 */
final class CollectionsSection implements SectionPayload {
    private final String[] names;
    private final String[] settings;
    private final SectionPayload[][] collections;

    CollectionsSection(String[] names, String[] settings, SectionPayload[][] collections) {
        this.names = names;
        this.settings = settings;
        this.collections = collections;
    }

    @Override
    public int id() {
        return SectionIds.COLLECTIONS;
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public long size() {
        long size = 4;
        for (int i = 0; i < names.length; i++) {
            size += 2 + Wtf8.textBytes(names[i]) + Wtf8.size(settings[i]) + 4 + nestedSize(i);
        }
        return size;
    }

    private long nestedSize(int i) {
        return collections[i] == null ? 0 : SnapshotWriter.snapshotSize(collections[i]);
    }

    @Override
    public void write(SnapshotWriter out) {
        out.i32(names.length);
        for (int i = 0; i < names.length; i++) {
            out.u16(Wtf8.textBytes(names[i]));
            Wtf8.writeText(out, names[i]);
            Wtf8.write(out, settings[i]);
            out.i32((int) nestedSize(i));
            if (collections[i] != null) {
                out.snapshot(SnapshotWriter.KIND_INDEX, collections[i]);
            }
        }
    }

    /**
     * The problem with {@code text} as a collection's settings (a JSON object the JSON reader accepts),
     * or null: checked on encode as on decode, so that nothing is written that would not load.
     */
    static String settingsProblem(String text) {
        try {
            JsonNode node = JsonReader.parse(text, ErrorCode.INVALID_ARGUMENT, "");
            return node.kind() == JsonNode.OBJECT ? null : "settings must be a JSON object";
        } catch (TeaVecException e) {
            return "settings are not valid JSON: " + e.detail();
        }
    }

    /**
     * Reads the collections (with {@code texts}, TEXT_INDEXES's blobs, or null), decoding each nested snapshot with {@link IndexSnapshot#decodeDatabaseAt} into
     * a storage of its own from {@code storage}; when decoding fails, every storage made so far is released.
     */
    static DatabaseSnapshot read(SnapshotLayout layout, SnapshotBytes bytes, DecodeBudget budget,
            Supplier<VectorStorageFactory> storage, IndexTypes types, byte[][][] texts) {
        List<VectorStorageFactory> made = new ArrayList<>();
        try {
            return readAll(layout, bytes, budget, types, texts, () -> {
                VectorStorageFactory s = storage.get();
                made.add(s);
                return s;
            });
        } catch (RuntimeException e) {
            for (VectorStorageFactory s : made) {
                s.release();
            }
            throw e;
        }
    }

    private static DatabaseSnapshot readAll(SnapshotLayout layout, SnapshotBytes bytes, DecodeBudget budget,
            IndexTypes types, byte[][][] texts, Supplier<VectorStorageFactory> storage) {
        SnapshotReader in = layout.section(SectionIds.COLLECTIONS);
        boolean v1 = layout.version(SectionIds.COLLECTIONS) == 1;
        int smallest = v1 ? 2 + 4 + SnapshotWriter.HEADER_BYTES : 2 + 4 + 4;
        int count = in.count("collection count", 0, SnapshotLimits.MAX_COLLECTIONS, smallest);
        budget.charge(64L * count, "the collection table", in.position());
        String[] names = new String[count];
        String[] settings = new String[count];
        CollectionStore[] dbs = new CollectionStore[count];
        VectorStorageFactory[] storages = new VectorStorageFactory[count];
        for (int i = 0; i < count; i++) {
            int at = in.position();
            int len = in.u16("name length");
            if (len < 1 || len > SnapshotLimits.MAX_NAME_BYTES) {
                throw in.corrupt(at, "collection name of " + len + " bytes, expected 1.." + SnapshotLimits.MAX_NAME_BYTES);
            }
            byte[] raw = new byte[len];
            in.readBytes(raw, 0, len, "collection name");
            String name = Wtf8.decode(in, raw, len, 1, len, at, "a collection name", -1);
            for (int j = 0; j < i; j++) {
                if (names[j].equals(name)) {
                    throw in.corrupt(at, "collection '" + name + "' appears twice");
                }
            }
            names[i] = name;
            if (!v1) {
                int settingsAt = in.position();
                settings[i] = Wtf8.read(in, 0, Integer.MAX_VALUE, budget, "collection settings", -1);
                String problem = settingsProblem(settings[i]);
                if (problem != null) {
                    throw in.corrupt(settingsAt, "collection '" + name + "': " + problem);
                }
            }
            int lenAt = in.position();
            int nested = in.i32("snapshot length");
            boolean none = nested == 0 && !v1;
            if (!none && (nested < SnapshotWriter.HEADER_BYTES || nested > in.remaining())) {
                throw in.corrupt(lenAt, "collection '" + name + "' claims " + (nested & 0xFFFFFFFFL) + " bytes, "
                        + in.remaining() + " are left");
            }
            if (!none) {
                storages[i] = storage.get();
                dbs[i] = IndexSnapshot.decodeDatabaseAt(bytes, in.position(), nested, budget, storages[i], types,
                        false);
                in.skip(nested, "collection snapshot");
            }
        }
        in.expectEnd();
        if (texts != null && texts.length != count) {
            throw in.corrupt(layout.start(), "text indexes for " + texts.length + " collections, not " + count);
        }
        return new DatabaseSnapshot(names, settings, dbs, storages, texts);
    }
}
