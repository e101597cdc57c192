package dev.teavec.bindings;

import dev.teavec.bindings.simd.LinearMemoryStorage;
import dev.teavec.core.codec.SnapshotLimits;
import dev.teavec.core.codec.DatabaseSnapshot;
import dev.teavec.core.codec.SnapshotBytes;
import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.index.IndexTypes;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The collections of a JavaScript {@code Database} as a database snapshot sees them: each a name, its
 * settings (JSON object text the JS layer keeps: collection metadata, index options) and its index,
 * or none while the collection has no index yet. Filled with {@link #add} and saved with
 * {@link #toBytes}, or read back from a snapshot ({@code TeaVecModule.databaseFromBytes}).
 * It only hands indexes over: each read back belongs to whoever takes it (a JS Collection), which frees it.
 */
public final class NativeDatabase {
    private final List<String> names = new ArrayList<>();
    private final List<String> settings = new ArrayList<>();
    private final List<NativeIndex> indexes = new ArrayList<>();
    /** Per collection, its full-text indexes as teavec-text.wasm encoded them (opaque here), or null for none. */
    private final List<byte[][]> texts = new ArrayList<>();
    private boolean anyText;

    static NativeDatabase decode(SnapshotBytes bytes, IndexTypes types) {
        // One factory per collection: each index's memory is released on its own (deleteCollection).
        DatabaseSnapshot snapshot = DatabaseSnapshot.decode(bytes, SnapshotLimits.DEFAULT, LinearMemoryStorage::best, types);
        NativeDatabase out = new NativeDatabase();
        for (int i = 0; i < snapshot.size(); i++) {
            CollectionStore db = snapshot.database(i);
            out.names.add(snapshot.name(i));
            out.settings.add(snapshot.settings(i));
            out.indexes.add(db == null ? null : new NativeIndex(db, snapshot.storage(i)));
            out.texts.add(snapshot.texts(i));
        }
        return out;
    }

    /** Adds a collection and its index. Checked when saved. */
    @JSExport
    public void add(String name, String settingsJson, NativeIndex index) {
        names.add(name);
        settings.add(settingsJson);
        indexes.add(index);
        texts.add(null);
    }

    /** Adds a full-text index (teavec-text.wasm's bytes) to the collection added last. */
    @JSExport
    public void addTextIndex(Int8Array bytes) {
        byte[][] old = texts.get(texts.size() - 1);
        int n = old == null ? 0 : old.length;
        byte[][] grown = new byte[n + 1][];
        for (int j = 0; j < n; j++) {
            grown[j] = old[j];
        }
        grown[n] = bytes.copyToJavaArray();
        texts.set(texts.size() - 1, grown);
        anyText = true;
    }

    /** Adds a collection that has no index yet (TeaVM cannot pass a null Java object in from JS). */
    @JSExport
    public void addWithoutIndex(String name, String settingsJson) {
        add(name, settingsJson, null);
    }

    /** The snapshot of every collection added; INVALID_ARGUMENT for bad names or settings. */
    @JSExport
    public Int8Array toBytes() {
        int n = names.size();
        String[] nameArray = new String[n];
        String[] settingsArray = new String[n];
        CollectionStore[] dbs = new CollectionStore[n];
        byte[][][] textArray = anyText ? new byte[n][][] : null;
        for (int i = 0; i < n; i++) {
            if (anyText) {
                textArray[i] = texts.get(i);
            }
            nameArray[i] = names.get(i);
            settingsArray[i] = settings.get(i);
            dbs[i] = indexes.get(i) == null ? null : indexes.get(i).database();
        }
        return SnapshotTransfer.toJs(DatabaseSnapshot.encode(nameArray, settingsArray, dbs, textArray));
    }

    @JSExport
    @JSProperty
    public int getCount() {
        return names.size();
    }

    @JSExport
    public String name(int i) {
        return names.get(i);
    }

    /** The settings JSON, or null for a version 1 snapshot (which had none). */
    @JSExport
    public String settings(int i) {
        return settings.get(i);
    }

    /** How many full-text indexes collection {@code i} has saved. */
    @JSExport
    public int textIndexCount(int i) {
        return texts.get(i) == null ? 0 : texts.get(i).length;
    }

    /** Full-text index {@code j} of collection {@code i}, as teavec-text.wasm encoded it. */
    @JSExport
    public Int8Array textIndex(int i, int j) {
        byte[] blob = texts.get(i)[j];
        Int8Array out = Int8Array.create(blob.length);
        out.set(blob, 0);
        return out;
    }

    /** The collection's index, or null when it has none yet. */
    @JSExport
    public NativeIndex index(int i) {
        return indexes.get(i);
    }
}
