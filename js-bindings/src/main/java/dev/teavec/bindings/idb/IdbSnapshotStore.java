package dev.teavec.bindings.idb;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSBoolean;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.indexeddb.IDBGetRequest;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Crash-safe storage of snapshot bytes in IndexedDB, as seen from JavaScript (the npm package's
 * src/idb-store.js wraps it). Every method validates its arguments synchronously and returns a promise;
 * failures reject with "CODE: detail" (QUOTA_EXCEEDED, STORAGE_ERROR, CORRUPT_SNAPSHOT, NOT_SUPPORTED,
 * INVALID_ARGUMENT). Protocol and layout: docs/indexeddb.md.
 */
public final class IdbSnapshotStore {
    static final int DEFAULT_CHUNK_BYTES = 4 << 20;
    static final int MIN_CHUNK_BYTES = 1 << 10;
    static final int MAX_CHUNK_BYTES = 64 << 20;
    static final int MAX_NAME_LENGTH = 256;

    /**
     * Saves {@code bytes} as a new generation of {@code name}. {@code chunkBytes} ≤ 0 means the default (4 MiB).
     * Resolves with {generation, bytes, chunks, chunkBytes, crc32} once the manifest is on disk.
     */
    @JSExport
    public JSPromise<SaveResult> saveSnapshot(String name, Int8Array bytes, int chunkBytes, ProgressCallback progress) {
        checkName(name);
        if (bytes == null) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "bytes must be an Int8Array");
        }
        int chunk = chunkBytes <= 0 ? DEFAULT_CHUNK_BYTES : chunkBytes;
        if (chunk < MIN_CHUNK_BYTES || chunk > MAX_CHUNK_BYTES) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "chunkBytes must be in " + MIN_CHUNK_BYTES + ".."
                    + MAX_CHUNK_BYTES + ", got " + chunkBytes);
        }
        IdbConnection.requireIndexedDb();
        GenerationWriter writer = new GenerationWriter(name, bytes, chunk, new Progress(progress));
        return SnapshotLocks.exclusive(name, writer::write);
    }

    /** Resolves with {generation, bytes: Int8Array, skipped}, or null when nothing of {@code name} is saved. */
    @JSExport
    public JSPromise<JSObject> loadSnapshot(String name, ProgressCallback progress) {
        checkName(name);
        IdbConnection.requireIndexedDb();
        return new GenerationReader(name, new Progress(progress)).read();
    }

    /** What the manifests of {@code name} claim, newest first (not verified; loadSnapshot verifies). */
    @JSExport
    public JSPromise<JSObject> listGenerations(String name) {
        checkName(name);
        return IdbConnection.using(name, false, db -> {
            JSArray<GenerationInfo> result = JSArray.create();
            if (db == null) {
                return JSPromise.resolve(result);
            }
            TransactionRun run = db.run(new String[] {IdbConnection.MANIFESTS}, IdbConnection.READONLY,
                    TransactionOptions.RELAXED, "listing generations of " + name);
            IDBGetRequest all = run.store(IdbConnection.MANIFESTS).getAll();
            all.setOnSuccess(run.guard(() -> {
                JSArrayReader<JSObject> records = all.getResult().cast();
                for (int i = records.getLength() - 1; i >= 0; i--) {
                    Manifest manifest = Manifest.fromRecord(records.get(i));
                    if (manifest != null) {
                        result.push(GenerationInfo.of(manifest));
                    }
                }
            }));
            run.setValue(result);
            return run.committed();
        });
    }

    /** Deletes every generation of {@code name} (its whole database), under the writer lock. */
    @JSExport
    public JSPromise<JSObject> deleteSnapshot(String name) {
        checkName(name);
        IdbConnection.requireIndexedDb();
        return SnapshotLocks.exclusive(name, () -> IdbConnection.delete(name).then(none -> {
            GenerationBroadcast.announce(name, SnapshotMessage.DELETED, 0, 0);
            return null;
        }));
    }

    /** navigator.storage.persist(): true when the browser promises not to evict this origin's data. */
    @JSExport
    public JSPromise<JSBoolean> requestPersistence() {
        return BrowserApis.persist();
    }

    /** Calls {@code listener} with {type: 'saved' | 'deleted', name, generation, bytes} for every save or delete. */
    @JSExport
    public SnapshotSubscription subscribe(String name, SnapshotListener listener) {
        checkName(name);
        if (listener == null) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "the listener must be a function");
        }
        return GenerationBroadcast.subscribe(name, listener);
    }

    @JSExport
    @JSProperty
    public int getDefaultChunkBytes() {
        return DEFAULT_CHUNK_BYTES;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a snapshot name must be a string of 1.."
                    + MAX_NAME_LENGTH + " characters");
        }
    }
}
