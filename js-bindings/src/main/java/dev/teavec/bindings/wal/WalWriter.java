package dev.teavec.bindings.wal;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.wal.CollectionChange;
import dev.teavec.core.wal.DeleteKeys;
import dev.teavec.core.wal.IndexCall;
import dev.teavec.core.wal.SegmentStart;
import dev.teavec.core.wal.WalBuffer;
import dev.teavec.core.wal.WalOp;
import dev.teavec.core.wal.WalOperation;
import dev.teavec.core.wal.WalRecovery;
import dev.teavec.core.wal.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Appends the operations of a database to its log and checkpoints it (docs/format.md, "Write-ahead log").
 * Every mutation takes the next sequence number ({@link #getLastSeq} right after the call) and returns a
 * promise that resolves once it is durable ({@link GroupCommit}); records written together share it.
 * A checkpoint starts a new segment at the snapshot's sequence number, stores the snapshot, and only once it is
 * durable removes the segments that neither it nor the previous checkpoint (kept as a fallback) needs.
 * The writer starts a new segment before its first record when the last one cannot take appends (none yet,
 * or a cut tail), and after a segment grew past {@link #SEGMENT_BYTES}.
 */
public final class WalWriter {
    /** A segment past this size is followed by a new one (segments are read whole into one Java array). */
    static final int SEGMENT_BYTES = 64 << 20;

    private final LogStorage storage;
    private final GroupCommit commit;
    /** [segment id, sequence number it starts from], oldest first: the segments this writer knows exist. */
    private final List<long[]> segments = new ArrayList<>();
    private int nextSegmentId;
    private long lastSeq;
    private int generation;
    private long checkpointSeq;
    private int nextGeneration;
    private boolean needsSegment;
    /** {@link GroupCommit#appendedBytes()} when the newest segment was started. */
    private long segmentBytes;
    private boolean closed;
    private JSPromise<Object> checkpointing = JSPromise.resolve(null);

    WalWriter(LogStorage storage, WalRecovery recovery, int generation, int nextGeneration, boolean strict,
            int flushIntervalMs) {
        this.storage = storage;
        this.generation = generation;
        this.checkpointSeq = recovery.checkpointSeq();
        this.lastSeq = recovery.lastSeq();
        int maxGeneration = generation;
        for (int i = 0; i < recovery.segmentCount(); i++) {
            nextSegmentId = Math.max(nextSegmentId, recovery.segmentId(i) + 1);
            if (recovery.segmentStart(i) >= 0) {
                segments.add(new long[] {recovery.segmentId(i), recovery.segmentStart(i)});
                maxGeneration = Math.max(maxGeneration, recovery.segmentGeneration(i));
            }
        }
        nextSegmentId = Math.max(nextSegmentId, 1);
        this.nextGeneration = Math.max(nextGeneration, maxGeneration + 1);
        this.needsSegment = !recovery.lastSegmentUsable();
        this.commit = new GroupCommit(storage, strict, flushIntervalMs, lastSeq, durable -> {
            // Every record after `durable` was rejected, segment starts queued among them too: the next record
            // continues the log from there, in a new segment.
            lastSeq = durable;
            needsSegment = true;
        });
    }

    @JSExport
    public JSPromise<Object> createCollection(String name, String settingsJson) {
        return append(CollectionChange.create(name, settingsJson));
    }

    @JSExport
    public JSPromise<Object> deleteCollection(String name) {
        return append(CollectionChange.delete(name));
    }

    /** {@code newName} or {@code metadataJson} null: that part does not change. */
    @JSExport
    public JSPromise<Object> modifyCollection(String name, String newName, String metadataJson) {
        return append(CollectionChange.modify(name, newName, metadataJson));
    }

    /**
     * One add, upsert or update batch as one record. {@code hasVector}: one byte per key (null: every key has
     * a vector when {@code dims > 0}); {@code vectors}: those vectors end to end; {@code metadata} and
     * {@code documents}: null or one string (or null) per key.
     */
    @JSExport
    public JSPromise<Object> writeBatch(String op, String collection, JSArrayReader<JSString> keys, int dims,
            Int8Array hasVector, Float32Array vectors, JSArrayReader<JSObject> metadata,
            JSArrayReader<JSObject> documents) {
        int code = "add".equals(op) ? WalOp.ADD : "upsert".equals(op) ? WalOp.UPSERT : "update".equals(op)
                ? WalOp.UPDATE : -1;
        if (code < 0) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a batch is 'add', 'upsert' or 'update', got " + op);
        }
        boolean[] has = null;
        if (hasVector != null) {
            byte[] raw = hasVector.copyToJavaArray();
            has = new boolean[raw.length];
            for (int i = 0; i < raw.length; i++) {
                has[i] = raw[i] != 0;
            }
        }
        return append(new WriteBatch(code, collection, strings(keys), dims, has,
                vectors == null ? null : vectors.copyToJavaArray(), nullableStrings(metadata),
                nullableStrings(documents)));
    }

    /** A change made through the single-index API: the method and its arguments (vectors in {@code floats}). */
    @JSExport
    public JSPromise<Object> indexCall(String method, String argumentsJson, Float32Array floats) {
        return append(new IndexCall(method, argumentsJson, floats == null ? null : floats.copyToJavaArray()));
    }

    @JSExport
    public JSPromise<Object> deleteKeys(String collection, JSArrayReader<JSString> keys) {
        return append(new DeleteKeys(collection, strings(keys)));
    }

    private static String[] strings(JSArrayReader<JSString> array) {
        if (array == null) {
            return null;
        }
        String[] out = new String[array.getLength()];
        for (int i = 0; i < out.length; i++) {
            out[i] = stringAt(array, i);
        }
        return out;
    }

    /**
     * Element {@code index} of a JS array of strings, null for null or undefined. Read as a Java string at once:
     * going through a JSString would wrap each element (a wrapper and a finalization registration per key and
     * metadata text of every record), the largest cost of a record after its bytes.
     */
    @JSBody(params = {"array", "index"}, script = "var s = array[index]; return s == null ? null : String(s);")
    private static native String stringAt(JSObject array, int index);

    private static String[] nullableStrings(JSArrayReader<JSObject> array) {
        return array == null ? null : strings(array.cast());
    }

    private JSPromise<Object> append(WalOperation operation) {
        if (closed) {
            return WalErrors.reject(GroupCommit.closed("the log of " + storage.describe()));
        }
        if (needsSegment || commit.appendedBytes() - segmentBytes >= SEGMENT_BYTES) {
            // Its failure reaches the caller through the records queued behind it, which fail with it.
            startSegment(generation).catchError(failedWithTheRecords -> null);
        }
        JSPromise<Object> done = commit.append(lastSeq + 1, operation);
        lastSeq++;
        return done;
    }

    /** Queues a new segment continuing from the last record; retried before the next record if it fails. */
    private JSPromise<Object> startSegment(int buildsOn) {
        int id = nextSegmentId++;
        long from = lastSeq;
        WalBuffer first = new WalBuffer(32);
        first.append(from, new SegmentStart(buildsOn));
        needsSegment = false;
        segmentBytes = commit.appendedBytes();
        return commit.startSegment(id, Arrays.copyOf(first.array(), first.size()), from).then(ok -> {
            segments.add(new long[] {id, from});
            return null;
        }, error -> {
            needsSegment = true;
            throw WalErrors.of(error, "starting segment " + id + " of " + storage.describe());
        });
    }

    /** Resolves once every record appended so far is durable. */
    @JSExport
    public JSPromise<Object> flush() {
        return commit.flush();
    }

    /**
     * Checkpoints the state after the last record appended: {@code snapshot} must be the database's snapshot
     * taken after that record and before the next (call it in the same turn as the snapshot is taken).
     * Resolves with {generation, seq} once the checkpoint is durable; a failed checkpoint changes nothing
     * the log needs. {@code before} (may be null): what must be durable before the checkpoint is stored (the
     * rerank 'storage' rows written beside it); the checkpoint fails if it rejects.
     */
    @JSExport
    public JSPromise<Object> checkpoint(Int8Array snapshot, JSPromise<Object> before) {
        if (closed) {
            return WalErrors.reject(GroupCommit.closed("the log of " + storage.describe()));
        }
        if (snapshot == null) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a checkpoint needs the snapshot bytes");
        }
        int g = nextGeneration++;
        long seq = lastSeq;
        JSPromise<Object> rolled = startSegment(g);
        JSPromise<Object> done = checkpointing.catchError(previousFailed -> null)
                .flatThen(previous -> rolled)
                .flatThen(ok -> before == null ? JSPromise.resolve(null) : before)
                .flatThen(ok -> storage.writeCheckpoint(g, (double) seq, snapshot))
                .flatThen(ok -> {
                    long fallbackSeq = generation == 0 ? -1 : checkpointSeq;
                    generation = g;
                    checkpointSeq = seq;
                    return removeSegmentsBefore(fallbackSeq);
                })
                .then(ok -> CheckpointResult.of(g, seq));
        checkpointing = done;
        return done;
    }

    /**
     * Removes segments holding only records at or below {@code keptSeq}, the oldest checkpoint kept (-1: none
     * is older than the new one, so the whole log stays: it is the fallback).
     */
    private JSPromise<Object> removeSegmentsBefore(long keptSeq) {
        if (keptSeq < 0) {
            return JSPromise.resolve(null);
        }
        int keep = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i)[1] <= keptSeq) {
                keep = i;
            }
        }
        if (keep <= 0) {
            return JSPromise.resolve(null);
        }
        int id = (int) segments.get(keep)[0];
        segments.subList(0, keep).clear();
        return storage.removeSegmentsBefore(id).then(ok -> null);
    }

    /** Flushes, waits for a running checkpoint and releases the storage. Further calls reject. */
    @JSExport
    public JSPromise<Object> close() {
        if (closed) {
            return JSPromise.resolve(null);
        }
        closed = true;
        JSPromise<Object> flushed = commit.failed() ? JSPromise.resolve(null) : commit.flush();
        return flushed.catchError(e -> null)
                .flatThen(ok -> checkpointing.catchError(e -> null))
                .flatThen(ok -> {
                    commit.stop();
                    return storage.close();
                })
                .then(ok -> null);
    }

    /** Sequence number of the last record appended (durable or not). */
    @JSExport
    @JSProperty
    public double getLastSeq() {
        return lastSeq;
    }

    @JSExport
    @JSProperty
    public double getDurableSeq() {
        return commit.lastDurableSeq();
    }

    /** Generation of the newest checkpoint written or loaded (0: none). */
    @JSExport
    @JSProperty
    public int getGeneration() {
        return generation;
    }

    /** Writes issued to the storage: fewer than records when group commit shared flushes. */
    @JSExport
    @JSProperty
    public double getWrites() {
        return commit.writes();
    }

    /** Bytes of records appended by this writer (queued or written): what automatic checkpoints are measured by. */
    @JSExport
    @JSProperty
    public double getAppendedBytes() {
        return commit.appendedBytes();
    }

    /** Segment ids the log is made of now (known to this writer), oldest first. */
    @JSExport
    public int[] segmentIds() {
        int[] ids = new int[segments.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) segments.get(i)[0];
        }
        return ids;
    }

    interface CheckpointResult extends JSObject {
        @JSProperty
        void setGeneration(int generation);

        @JSProperty
        void setSeq(double seq);

        static CheckpointResult of(int generation, long seq) {
            CheckpointResult r = JSObjects.create();
            r.setGeneration(generation);
            r.setSeq(seq);
            return r;
        }
    }
}
