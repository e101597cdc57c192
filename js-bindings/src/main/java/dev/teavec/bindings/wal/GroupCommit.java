package dev.teavec.bindings.wal;

import dev.teavec.bindings.idb.StorageErrors;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.wal.WalBuffer;
import dev.teavec.core.wal.WalOperation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.TimerHandler;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.function.JSMapping;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Group commit: one write to the storage at a time, and every record that arrives while a write is in flight
 * goes out together in the next one, so concurrent appends share one flush. Writes leave in the order their
 * records were appended, segment starts included ({@link #startSegment}), which keeps a segment holding exactly
 * the records between its start and the next.
 *
 * <p>Strict durability: an append resolves once its write is durable; when a write fails, it and every
 * record queued behind it reject (their sequence numbers follow the failed ones, which never reached the log)
 * and {@link #lastDurableSeq} tells the writer where the log ends. Relaxed durability: an append resolves at
 * once and the records are written within {@code flushIntervalMs} (or on {@link #flush}); a failed write then
 * loses records already acknowledged, so every later call rejects with that failure.
 */
final class GroupCommit {
    /** A write holds at most this many bytes of records unless a single record is larger. */
    static final int MAX_WRITE_BYTES = 1 << 20;

    /** Told after a failed write which sequence number the log durably ends at. */
    interface FailureListener {
        void failed(long lastDurableSeq);
    }

    /** One write: records (with who waits for them) or a segment start. */
    private static final class Write {
        final WalBuffer records;
        final int segmentId;
        final byte[] segmentStart;
        /** Settlers of the promises waiting for this write: resolve(null) or resolve(reason), reject. */
        final List<Settler> waiting = new ArrayList<>();
        JSPromise<Object> promise;
        long lastSeq;

        Write(WalBuffer records, int segmentId, byte[] segmentStart, long lastSeq) {
            this.records = records;
            this.segmentId = segmentId;
            this.segmentStart = segmentStart;
            this.lastSeq = lastSeq;
        }
    }

    private final LogStorage storage;
    private final boolean strict;
    private final int flushIntervalMs;
    private final FailureListener listener;
    private final List<Write> queue = new ArrayList<>();
    private Write inFlight;
    private long lastDurableSeq;
    private JSObject timer;
    private TeaVecException failure;
    private long writes;
    private long appendedBytes;
    private final JSPromise<Object> resolved = JSPromise.resolve(null);
    /**
     * How the write in flight ended (it is {@link #inFlight}): kept in fields, so that the same two functions
     * cross into JavaScript for every write rather than two new ones each time.
     */
    private final JSMapping<JSObject, Object> onWritten = ok -> {
        written();
        return null;
    };
    private final JSMapping<Object, Object> onFailed = error -> {
        failed(error);
        return null;
    };

    GroupCommit(LogStorage storage, boolean strict, int flushIntervalMs, long lastDurableSeq, FailureListener listener) {
        this.storage = storage;
        this.strict = strict;
        this.flushIntervalMs = flushIntervalMs;
        this.lastDurableSeq = lastDurableSeq;
        this.listener = listener;
    }

    long lastDurableSeq() {
        return lastDurableSeq;
    }

    /** Bytes of records appended so far (queued or written). */
    long appendedBytes() {
        return appendedBytes;
    }

    /** Writes issued so far (a measure of how much grouping happened). */
    long writes() {
        return writes;
    }

    /**
     * Encodes record {@code seq} now (CAPACITY_EXCEEDED is thrown before anything is queued); the promise
     * resolves (with nothing: the caller knows {@code seq}) once durable (strict) or at once (relaxed).
     */
    JSPromise<Object> append(long seq, WalOperation operation) {
        if (failure != null) {
            return WalErrors.reject(failure);
        }
        Write tail = queue.isEmpty() ? null : queue.get(queue.size() - 1);
        int before;
        if (tail == null || tail.records == null || tail.records.size() >= MAX_WRITE_BYTES) {
            tail = new Write(new WalBuffer(256), 0, null, seq);
            before = 0;
            tail.records.append(seq, operation);
            queue.add(tail);
        } else {
            before = tail.records.size();
            tail.records.append(seq, operation);
        }
        appendedBytes += tail.records.size() - before;
        tail.lastSeq = seq;
        if (!strict) {
            scheduleFlush();
            return resolved;
        }
        JSPromise<Object> done = waitFor(tail);
        pump();
        return done;
    }

    /** Queues the start of segment {@code id}: written after every record appended so far, before any later one. */
    JSPromise<Object> startSegment(int id, byte[] first, long seq) {
        if (failure != null) {
            return WalErrors.reject(failure);
        }
        Write w = new Write(null, id, first, seq);
        queue.add(w);
        JSPromise<Object> done = waitFor(w);
        pump();
        return done;
    }

    /** Resolves once everything appended so far is durable. */
    JSPromise<Object> flush() {
        if (failure != null) {
            return WalErrors.reject(failure);
        }
        Write last = queue.isEmpty() ? inFlight : queue.get(queue.size() - 1);
        if (last == null) {
            return JSPromise.resolve(null);
        }
        JSPromise<Object> done = waitFor(last);
        pump();
        return done;
    }

    /** A plain Java callback (a JSConsumer lambda would be turned into a JS function and back). */
    private interface Settler {
        void settle(JSObject failure);
    }

    /**
     * The promise of write {@code w}, shared by everything waiting for it: one promise per write rather than per
     * record keeps the crossings between Java and JavaScript (the main cost of an append) per write.
     */
    private JSPromise<Object> waitFor(Write w) {
        if (w.promise == null) {
            w.promise = new JSPromise<>((resolve, reject) -> w.waiting.add(failure -> {
                if (failure == null) {
                    resolve.accept(null);
                } else {
                    reject.accept(failure);
                }
            }));
        }
        return w.promise;
    }

    private void scheduleFlush() {
        if (timer == null) {
            timer = setTimeout(() -> {
                timer = null;
                pump();
            }, flushIntervalMs);
        }
    }

    /** Starts the next write unless one is in flight (the flush timer is then no longer needed). Relaxed appends wait for the timer or a flush. */
    private void pump() {
        if (inFlight != null || queue.isEmpty()) {
            return;
        }
        stop();
        Write w = queue.remove(0);
        inFlight = w;
        writes++;
        JSPromise<JSObject> written;
        try {
            written = w.records != null
                    ? storage.append(Int8Array.copyFromJavaArray(recordBytes(w.records)))
                    : storage.startSegment(w.segmentId, Int8Array.copyFromJavaArray(w.segmentStart));
        } catch (RuntimeException e) {
            written = WalErrors.reject(WalErrors.of(e, "writing to " + storage.describe()));
        }
        written.then(onWritten, onFailed);
    }

    /** The write in flight failed: it and everything queued behind it reject. */
    private void failed(Object error) {
        Write w = inFlight;
        inFlight = null;
        fail(w, WalErrors.of(error, "writing to " + storage.describe()));
    }

    /** The write in flight is durable: who waits for it resolves, and the next write starts. */
    private void written() {
        Write w = inFlight;
        inFlight = null;
        lastDurableSeq = Math.max(lastDurableSeq, w.lastSeq);
        for (Settler s : w.waiting) {
            s.settle(null);
        }
        pump();
    }

    /** The records of a write; a buffer that grew to fit one record exactly is not copied again. */
    private static byte[] recordBytes(WalBuffer records) {
        byte[] array = records.array();
        return array.length == records.size() ? array : Arrays.copyOf(array, records.size());
    }

    private void fail(Write w, TeaVecException e) {
        List<Write> failed = new ArrayList<>();
        failed.add(w);
        failed.addAll(queue);
        queue.clear();
        if (!strict) {
            failure = new TeaVecException(e.code(), "records acknowledged under relaxed durability were lost: "
                    + e.detail() + "; reopen the database");
        }
        listener.failed(lastDurableSeq);
        JSObject reason = StorageErrors.toJs(strict ? e : failure);
        for (Write f : failed) {
            for (Settler s : f.waiting) {
                s.settle(reason);
            }
        }
    }

    /** Stops the flush timer (the writer flushes first when it closes). */
    void stop() {
        if (timer != null) {
            clearTimeout(timer);
            timer = null;
        }
    }

    boolean failed() {
        return failure != null;
    }

    static TeaVecException closed(String what) {
        return new TeaVecException(ErrorCode.STORAGE_ERROR, what + " is closed");
    }

    /** The timer handle: a number in browsers, an object in Node. */
    @JSBody(params = {"handler", "delay"}, script = "return setTimeout(handler, delay);")
    private static native JSObject setTimeout(TimerHandler handler, int delay);

    @JSBody(params = "timer", script = "clearTimeout(timer);")
    private static native void clearTimeout(JSObject timer);
}
