package dev.teavec.bindings.wal;

import dev.teavec.bindings.simd.LinearMemory;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.wal.WalContents;
import dev.teavec.core.wal.WalReader;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * One opened log storage as JavaScript sees it (npm-package/src/wal-store.js): {@link #recover} reads the newest
 * verified checkpoint and the log after it, then {@link #writer} appends. The storage's own operations are
 * exported as well, for the contract suite that every storage passes.
 */
public final class WalStorage {
    private final LogStorage storage;
    private WalContents recovered;
    private StoredCheckpoint checkpoint;
    private boolean writing;

    WalStorage(LogStorage storage) {
        this.storage = storage;
    }

    @JSExport
    @JSProperty
    public String getDescription() {
        return storage.describe();
    }

    /**
     * Loads the newest checkpoint that verifies and reads the log, cut at its first damage:
     * {checkpoint: {generation, seq, bytes, skipped, nextGeneration}, records, recovery}.
     */
    @JSExport
    public JSPromise<Object> recover() {
        return storage.readCheckpoint().flatThen(c -> {
            checkpoint = c;
            return storage.readLog();
        }).then(log -> {
            JSArray<Int8Array> segments = log.getSegments();
            JSArray<JSNumber> ids = log.getIds();
            byte[][] bytes = new byte[segments.getLength()][];
            int[] segmentIds = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = LinearMemory.read(segments.get(i));
                segmentIds[i] = ids.get(i).intValue();
            }
            recovered = WalReader.read(bytes, segmentIds, (long) checkpoint.getSeq());
            return RecoveredLog.of(checkpoint, recovered);
        });
    }

    /**
     * The writer continuing the recovered log (once per open, after {@link #recover}). {@code durability}:
     * "strict" (each append resolves once durable) or "relaxed" (resolves at once, durable within
     * {@code flushIntervalMs}).
     */
    @JSExport
    public WalWriter writer(String durability, int flushIntervalMs) {
        boolean strict = "strict".equals(durability);
        if (!strict && !"relaxed".equals(durability)) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "durability is 'strict' or 'relaxed', got " + durability);
        }
        if (!strict && (flushIntervalMs < 0 || flushIntervalMs > 60_000)) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "flushIntervalMs must be in 0..60000, got "
                    + flushIntervalMs);
        }
        if (recovered == null || writing) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a log gets one writer, after recover()");
        }
        writing = true;
        return new WalWriter(storage, recovered.recovery(), checkpoint.getGeneration(), checkpoint.getNextGeneration(),
                strict, flushIntervalMs);
    }

    // The storage's own operations (LogStorage), for the contract suite.

    @JSExport
    public JSPromise<StoredLog> readLog() {
        return storage.readLog();
    }

    @JSExport
    public JSPromise<JSObject> append(Int8Array bytes) {
        return storage.append(bytes);
    }

    @JSExport
    public JSPromise<JSObject> startSegment(int id, Int8Array first) {
        return storage.startSegment(id, first);
    }

    @JSExport
    public JSPromise<JSObject> removeSegmentsBefore(int id) {
        return storage.removeSegmentsBefore(id);
    }

    @JSExport
    public JSPromise<JSObject> writeCheckpoint(int generation, double seq, Int8Array snapshot) {
        return storage.writeCheckpoint(generation, seq, snapshot);
    }

    @JSExport
    public JSPromise<StoredCheckpoint> readCheckpoint() {
        return storage.readCheckpoint();
    }

    @JSExport
    public JSPromise<JSObject> close() {
        return storage.close();
    }
}
