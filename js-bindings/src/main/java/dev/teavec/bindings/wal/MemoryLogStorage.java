package dev.teavec.bindings.wal;

import dev.teavec.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A log kept in memory: gone with the process, shared by every open of the same name through the same
 * {@link WalStore}. An optional quota (bytes of segments plus checkpoints) makes writes fail with
 * QUOTA_EXCEEDED and change nothing, which the contract suite uses to test every layer above storage.
 */
final class MemoryLogStorage implements LogStorage {
    /** What a name holds. */
    static final class Volume {
        final List<Integer> segmentIds = new ArrayList<>();
        final List<List<Int8Array>> segments = new ArrayList<>();
        final List<Integer> generations = new ArrayList<>();
        final List<Double> seqs = new ArrayList<>();
        final List<Int8Array> checkpoints = new ArrayList<>();
        int nextGeneration = 1;
        /** Bytes of every segment and checkpoint held. */
        long usedBytes;
    }

    private final String name;
    private final Volume volume;
    private final double quotaBytes;
    private boolean closed;

    MemoryLogStorage(String name, Volume volume, double quotaBytes) {
        this.name = name;
        this.volume = volume;
        this.quotaBytes = quotaBytes;
    }

    @Override
    public String describe() {
        return "memory " + name;
    }

    private JSPromise<JSObject> refuse(long moreBytes, String doing) {
        if (closed) {
            return WalErrors.reject(GroupCommit.closed(describe()));
        }
        if (volume.usedBytes + moreBytes > quotaBytes) {
            return WalErrors.reject(ErrorCode.QUOTA_EXCEEDED, "the memory quota of " + (long) quotaBytes + " bytes ran out"
                    + " while " + doing + " " + describe() + "; nothing of it was kept");
        }
        return null;
    }

    @Override
    public JSPromise<StoredLog> readLog() {
        StoredLog log = StoredLog.create();
        for (int i = 0; i < volume.segments.size(); i++) {
            List<Int8Array> parts = volume.segments.get(i);
            int length = 0;
            for (Int8Array part : parts) {
                length += part.getLength();
            }
            Int8Array whole = Int8Array.create(length);
            int at = 0;
            for (Int8Array part : parts) {
                whole.set(part, at);
                at += part.getLength();
            }
            StoredLog.add(log, volume.segmentIds.get(i), whole);
        }
        return JSPromise.resolve(log);
    }

    @Override
    public JSPromise<JSObject> append(Int8Array bytes) {
        JSPromise<JSObject> refused = refuse(bytes.getLength(), "appending to");
        if (refused != null) {
            return refused;
        }
        if (volume.segments.isEmpty()) {
            return WalErrors.reject(ErrorCode.STORAGE_ERROR, describe() + " has no segment to append to");
        }
        volume.segments.get(volume.segments.size() - 1).add(Int8Array.create(bytes));
        volume.usedBytes += bytes.getLength();
        return JSPromise.resolve(null);
    }

    @Override
    public JSPromise<JSObject> startSegment(int id, Int8Array first) {
        JSPromise<JSObject> refused = refuse(first.getLength(), "starting a segment of");
        if (refused != null) {
            return refused;
        }
        if (!volume.segmentIds.isEmpty() && volume.segmentIds.get(volume.segmentIds.size() - 1) >= id) {
            return WalErrors.reject(ErrorCode.STORAGE_ERROR, "segment " + id + " of " + describe() + " is not above the"
                    + " existing ones");
        }
        List<Int8Array> parts = new ArrayList<>();
        parts.add(Int8Array.create(first));
        volume.segmentIds.add(id);
        volume.segments.add(parts);
        volume.usedBytes += first.getLength();
        return JSPromise.resolve(null);
    }

    @Override
    public JSPromise<JSObject> removeSegmentsBefore(int id) {
        while (!volume.segmentIds.isEmpty() && volume.segmentIds.get(0) < id) {
            volume.segmentIds.remove(0);
            for (Int8Array part : volume.segments.remove(0)) {
                volume.usedBytes -= part.getLength();
            }
        }
        return JSPromise.resolve(null);
    }

    @Override
    public JSPromise<JSObject> writeCheckpoint(int generation, double seq, Int8Array snapshot) {
        JSPromise<JSObject> refused = refuse(snapshot.getLength(), "writing a checkpoint of");
        if (refused != null) {
            return refused;
        }
        if (generation < volume.nextGeneration) {
            return WalErrors.reject(ErrorCode.STORAGE_ERROR, "generation " + generation + " of " + describe()
                    + " is already taken");
        }
        volume.nextGeneration = generation + 1;
        volume.generations.add(generation);
        volume.seqs.add(seq);
        volume.checkpoints.add(Int8Array.create(snapshot));
        volume.usedBytes += snapshot.getLength();
        // Keep the new checkpoint and the newest one before it.
        while (volume.generations.size() > 2) {
            volume.generations.remove(0);
            volume.seqs.remove(0);
            volume.usedBytes -= volume.checkpoints.remove(0).getLength();
        }
        return JSPromise.resolve(null);
    }

    @Override
    public JSPromise<StoredCheckpoint> readCheckpoint() {
        StoredCheckpoint c = StoredCheckpoint.none();
        int n = volume.generations.size();
        if (n > 0) {
            StoredCheckpoint.found(c, volume.generations.get(n - 1), volume.seqs.get(n - 1),
                    Int8Array.create(volume.checkpoints.get(n - 1)));
        }
        c.setNextGeneration(volume.nextGeneration);
        return JSPromise.resolve(c);
    }

    @Override
    public JSPromise<JSObject> close() {
        closed = true;
        return JSPromise.resolve(null);
    }
}
