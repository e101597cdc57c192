package dev.teavec.bindings;

import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.bindings.idb.IdbSnapshotStore;
import dev.teavec.bindings.types.JsIndexTypeTable;
import dev.teavec.bindings.simd.LinearMemoryStorage;
import dev.teavec.core.codec.SnapshotBytes;
import dev.teavec.core.codec.SnapshotLimits;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.filter.Filter;
import dev.teavec.core.index.IndexSettings;
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
     * A new index from the settings the user set, as a JSON object spelled as in JavaScript
     * ({@code {"dimensions": 384, "m": 48}}): the engine fills in the rest and checks everything once
     * (INVALID_CONFIG naming the field as the user wrote it; see {@link IndexSettings}). {@code indexType}
     * may name a built-in type or one of {@code types}, those registered from JavaScript
     * ({@code registerIndexType}); UNKNOWN_INDEX_TYPE for any other.
     */
    @JSExport
    public static NativeIndex createIndex(String settingsJson, JsIndexTypeTable types) {
        return NativeIndex.create(IndexSettings.read(settingsJson), JsIndexTypeTable.registry(types));
    }

    /** Every setting, defaults filled in, for the settings the user set; INVALID_CONFIG as createIndex. */
    @JSExport
    public static String settingsOf(String settingsJson) {
        return IndexSettings.write(IndexSettings.read(settingsJson));
    }

    /**
     * An index with its records loaded from {@link NativeIndex#toBytes()} output, of a built-in type or one
     * of {@code types}: CORRUPT_SNAPSHOT for damaged bytes, SNAPSHOT_TOO_NEW for a newer format,
     * UNKNOWN_INDEX_TYPE for a type neither holds. {@code crcVerified} 1: the caller verified a CRC-32 over
     * exactly these bytes (a log storage's checkpoint), so the sections' CRCs are not computed again
     * ({@link SnapshotBytes#crcVerified()}); 0 for bytes from anywhere else.
     */
    @JSExport
    public static NativeIndex indexFromBytes(Int8Array bytes, JsIndexTypeTable types, int crcVerified) {
        VectorStorageFactory storage = LinearMemoryStorage.best();
        try {
            return new NativeIndex(IndexSnapshot.decodeDatabase(SnapshotTransfer.fromJs(bytes, crcVerified != 0), SnapshotLimits.DEFAULT,
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

    /**
     * The collections of a database snapshot ({@link NativeDatabase#toBytes()}); {@code crcVerified} and
     * failures as {@link #indexFromBytes}.
     */
    @JSExport
    public static NativeDatabase databaseFromBytes(Int8Array bytes, JsIndexTypeTable types, int crcVerified) {
        return NativeDatabase.decode(SnapshotTransfer.fromJs(bytes, crcVerified != 0), JsIndexTypeTable.registry(types));
    }

    /**
     * Checks a filter (kind 0: EdgeVec grammar, 1: where JSON) without an index: INVALID_FILTER with the
     * position of the problem.
     */
    @JSExport
    public static void validateFilter(String filter, int filterKind) {
        Filter.parse(filter, filterKind);
    }

    /**
     * Longest filter text the engine parses ({@link Filter#MAX_LENGTH}): JS stops encoding a where object
     * past it (a hostile one can be cyclic-free yet expand without end) and lets the engine refuse it.
     */
    @JSExport
    public static int maxFilterLength() {
        return Filter.MAX_LENGTH;
    }

    /** IndexedDB storage of snapshot bytes (browsers and their workers only; see docs/indexeddb.md). */
    @JSExport
    public static IdbSnapshotStore snapshotStore() {
        return new IdbSnapshotStore();
    }

    /** Version of the engine's API, checked by the JS loader against the one it was generated from. */
    @JSExport
    public static int apiVersion() {
        return EngineApi.API_VERSION;
    }

}
