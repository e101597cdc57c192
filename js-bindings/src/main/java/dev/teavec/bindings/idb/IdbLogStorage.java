package dev.teavec.bindings.idb;

import dev.teavec.bindings.wal.LogStorage;
import dev.teavec.bindings.wal.StoredCheckpoint;
import dev.teavec.bindings.wal.StoredLog;
import dev.teavec.bindings.wal.WalErrors;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.indexeddb.IDBGetRequest;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A write-ahead log in IndexedDB: database `teavec-db:<name>` with the snapshot store's `manifests`, `chunks` and
 * `meta` (checkpoints are generations, written by {@link GenerationWriter} with the log's sequence number in
 * the manifest) plus `log`, whose values are appended bytes under keys [segment, n]. Every append and segment
 * start is one strict-durability transaction, so it is on disk when it resolves and entirely there or absent.
 * One connection for the life of the log; another page upgrading or deleting the database closes it, and
 * later operations fail with STORAGE_ERROR. Layout: docs/indexeddb.md.
 */
public final class IdbLogStorage implements LogStorage {
    static final String PREFIX = "teavec-db:";

    private final String name;
    private final String databaseName;
    private IdbConnection db;
    private int segment = -1;
    private int nextIndex;
    private boolean closed;

    public IdbLogStorage(String name) {
        this.name = name;
        this.databaseName = PREFIX + name;
    }

    /** Opens (creating) the database and finds where appends go. */
    public JSPromise<JSObject> open() {
        return IdbConnection.openRequest(IdbConnection.requireIndexedDb(), databaseName,
                IdbConnection.LOG_STORES).flatThen(raw -> {
                    db = new IdbConnection(databaseName, raw.cast());
                    TransactionRun run = db.run(new String[] {IdbConnection.LOG}, IdbConnection.READONLY,
                            TransactionOptions.RELAXED, "opening the log of " + name);
                    IDBGetRequest keys = run.store(IdbConnection.LOG).getAllKeys();
                    keys.setOnSuccess(run.guard(() -> {
                        JSArrayReader<JSObject> all = keys.getResult().cast();
                        if (all.getLength() > 0) {
                            JSObject last = all.get(all.getLength() - 1);
                            segment = keyPart(last, 0);
                            nextIndex = keyPart(last, 1) + 1;
                        }
                    }));
                    return run.committed();
                });
    }

    @JSBody(params = {"key", "i"}, script = "return key[i];")
    private static native int keyPart(JSObject key, int i);

    @Override
    public String describe() {
        return "indexeddb " + databaseName;
    }

    private TransactionRun run(String[] stores, String mode, String durability, String doing) {
        if (closed) {
            throw new TeaVecException(ErrorCode.STORAGE_ERROR, describe() + " is closed");
        }
        return db.run(stores, mode, durability, doing);
    }

    @Override
    public JSPromise<StoredLog> readLog() {
        TransactionRun run = run(new String[] {IdbConnection.LOG}, IdbConnection.READONLY,
                TransactionOptions.RELAXED, "reading the log of " + name);
        StoreRequests log = run.store(IdbConnection.LOG);
        IDBGetRequest keys = log.getAllKeys();
        IDBGetRequest values = log.getAll();
        StoredLog result = StoredLog.create();
        values.setOnSuccess(run.guard(() -> collect(keys.getResult().cast(), values.getResult().cast(), result)));
        return run.committed().then(ok -> result);
    }

    /** Values come in key order: each run of one segment's values is that segment, concatenated. */
    private static void collect(JSArrayReader<JSObject> keys, JSArrayReader<ArrayBuffer> values, StoredLog out) {
        int n = keys.getLength();
        for (int start = 0; start < n; ) {
            int id = keyPart(keys.get(start), 0);
            int end = start;
            int length = 0;
            while (end < n && keyPart(keys.get(end), 0) == id) {
                length += values.get(end).getByteLength();
                end++;
            }
            Int8Array bytes = Int8Array.create(length);
            for (int i = start, at = 0; i < end; i++) {
                bytes.set(new Int8Array(values.get(i)), at);
                at += values.get(i).getByteLength();
            }
            StoredLog.add(out, id, bytes);
            start = end;
        }
    }

    private static ArrayBuffer copy(Int8Array bytes) {
        return bytes.getBuffer().slice(bytes.getByteOffset(), bytes.getByteOffset() + bytes.getLength());
    }

    @Override
    public JSPromise<JSObject> append(Int8Array bytes) {
        if (segment < 0) {
            return JSPromise.reject(StorageErrors.toJs(new TeaVecException(ErrorCode.STORAGE_ERROR, describe()
                    + " has no segment to append to")));
        }
        int index = nextIndex;
        return put(segment, index, bytes, "appending to the log of " + name).then(ok -> {
            nextIndex = Math.max(nextIndex, index + 1);
            return null;
        });
    }

    private JSPromise<JSObject> put(int id, int index, Int8Array bytes, String doing) {
        try {
            TransactionRun run = run(new String[] {IdbConnection.LOG}, IdbConnection.READWRITE,
                    TransactionOptions.STRICT, doing);
            run.store(IdbConnection.LOG).put(copy(bytes), ChunkKeys.of(id, index));
            return run.committed();
        } catch (TeaVecException e) {
            return JSPromise.reject(StorageErrors.toJs(e));
        }
    }

    @Override
    public JSPromise<JSObject> startSegment(int id, Int8Array first) {
        if (id <= segment) {
            return JSPromise.reject(StorageErrors.toJs(new TeaVecException(ErrorCode.STORAGE_ERROR, "segment " + id
                    + " of " + describe() + " is not above the existing ones")));
        }
        return put(id, 0, first, "starting segment " + id + " of the log of " + name).then(ok -> {
            segment = id;
            nextIndex = 1;
            return null;
        });
    }

    @Override
    public JSPromise<JSObject> removeSegmentsBefore(int id) {
        try {
            TransactionRun run = run(new String[] {IdbConnection.LOG}, IdbConnection.READWRITE,
                    TransactionOptions.RELAXED, "removing old segments of the log of " + name);
            run.store(IdbConnection.LOG).delete(ChunkKeys.below(id));
            return run.committed();
        } catch (TeaVecException e) {
            return JSPromise.reject(StorageErrors.toJs(e));
        }
    }

    @Override
    public JSPromise<JSObject> writeCheckpoint(int generation, double seq, Int8Array snapshot) {
        if (closed) {
            return JSPromise.reject(StorageErrors.toJs(new TeaVecException(ErrorCode.STORAGE_ERROR, describe()
                    + " is closed")));
        }
        return new GenerationWriter(name, snapshot, IdbSnapshotStore.DEFAULT_CHUNK_BYTES, new Progress(null),
                generation, seq).writeOn(db).then(saved -> null);
    }

    @Override
    public JSPromise<StoredCheckpoint> readCheckpoint() {
        StoredCheckpoint result = StoredCheckpoint.none();
        TransactionRun run;
        try {
            run = run(new String[] {IdbConnection.META, IdbConnection.MANIFESTS}, IdbConnection.READONLY,
                    TransactionOptions.RELAXED, "reading the generations of " + name);
        } catch (TeaVecException e) {
            return JSPromise.reject(StorageErrors.toJs(e));
        }
        IDBGetRequest next = run.store(IdbConnection.META).get(JSString.valueOf(GenerationWriter.NEXT_GENERATION));
        IDBGetRequest keys = run.store(IdbConnection.MANIFESTS).getAllKeys();
        // A standing report that the browser discarded the origin's IndexedDB (StorageLoss): the database reports
        // it in its recovery while nothing has been stored since.
        IDBGetRequest lost = run.store(IdbConnection.META).get(JSString.valueOf(StorageLoss.KEY));
        lost.setOnSuccess(run.guard(() -> result.setStorageLost(lost.getResult())));
        keys.setOnSuccess(run.guard(() -> {
            int n = GenerationWriter.positiveIntOr(next.getResult(), 1);
            JSArrayReader<JSNumber> generations = keys.getResult().cast();
            if (generations.getLength() > 0) {
                n = Math.max(n, generations.get(generations.getLength() - 1).intValue() + 1);
            }
            result.setNextGeneration(n);
        }));
        return run.committed().flatThen(ok -> new CheckpointReader(name).readOn(db)).then(loaded -> {
            if (loaded != null) {
                LoadResult r = loaded.cast();
                double seq = r.getSeq();
                StoredCheckpoint.found(result, r.getGeneration(), seq >= 0 ? seq : 0, r.getBytes());
                JSArrayReader<JSNumber> skipped = r.getSkipped();
                for (int i = 0; i < skipped.getLength(); i++) {
                    StoredCheckpoint.skip(result, skipped.get(i).intValue(), "it does not verify");
                }
            }
            return result;
        }, error -> {
            TeaVecException e = WalErrors.of(error, "loading the checkpoint of " + name);
            if (e.code() != ErrorCode.CORRUPT_SNAPSHOT) {
                throw e;
            }
            // Generations exist but none verifies: the log alone is what is left.
            StoredCheckpoint.skip(result, 0, e.detail());
            return result;
        });
    }

    @Override
    public JSPromise<JSObject> close() {
        if (!closed) {
            closed = true;
            if (db != null) {
                db.close();
            }
        }
        return JSPromise.resolve(null);
    }
}
