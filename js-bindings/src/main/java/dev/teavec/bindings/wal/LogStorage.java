package dev.teavec.bindings.wal;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Where one write-ahead log and its checkpoints live: memory, Node files, IndexedDB or OPFS. The log is a list
 * of segments (numbered, oldest first) holding record bytes the storage never interprets; checkpoints are
 * snapshot bytes by generation. Every method returns a promise that rejects with a coded error ("CODE: detail":
 * QUOTA_EXCEEDED, STORAGE_ERROR, NOT_SUPPORTED); the contract is tested for every implementation by one suite
 * (npm-package/test/wal-contract.js):
 * <ul>
 * <li>{@link #append} and {@link #startSegment} resolve only once their bytes are durable, and are all or
 *     nothing: when they reject, the log reads back as before the call;</li>
 * <li>{@link #writeCheckpoint} resolves once the checkpoint is durable; it keeps the newest older checkpoint
 *     (the fallback when the new one fails to verify) and may remove older ones;</li>
 * <li>calls are never concurrent with one another except {@link #writeCheckpoint} with appends (the caller,
 *     {@link GroupCommit}, serializes the log).</li>
 * </ul>
 */
public interface LogStorage {
    /** What and where, for messages: "file /data/db", "indexeddb teavec-db:notes". */
    String describe();

    /** The segments, oldest first: {ids: number[], segments: Int8Array[]}. */
    JSPromise<StoredLog> readLog();

    /** Appends {@code bytes} to the newest segment (there must be one). */
    JSPromise<JSObject> append(Int8Array bytes);

    /** Starts segment {@code id} (above every existing one) holding {@code first}; later appends go there. */
    JSPromise<JSObject> startSegment(int id, Int8Array first);

    /** Removes the segments numbered below {@code id}. Need not be durable: a reader skips what checkpoints cover. */
    JSPromise<JSObject> removeSegmentsBefore(int id);

    /** Stores checkpoint {@code generation}, holding the log's records up to {@code seq}. */
    JSPromise<JSObject> writeCheckpoint(int generation, double seq, Int8Array snapshot);

    /**
     * The newest checkpoint that verifies, older ones tried when newer ones fail: {generation, seq, bytes,
     * skipped: [{generation, reason}], nextGeneration}; generation 0 and bytes null when there is none.
     */
    JSPromise<StoredCheckpoint> readCheckpoint();

    /** Releases handles and connections; the storage is not used afterwards. */
    JSPromise<JSObject> close();
}
