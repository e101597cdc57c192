package dev.teavec.bindings.wal;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.wal.CheckpointHeader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A log in the origin private file system, directory teavec-db/&lt;name&gt; ({@link LogFileNames}), written
 * through FileSystemSyncAccessHandles: synchronous write + flush, in dedicated workers only (the main thread
 * has only createWritable, whose writes land in a swap file copied in on close: no append, no flush).
 * The newest segment keeps its handle open (handles are exclusive: a second writer on the same log fails
 * to open it). A failed append is truncated back. A checkpoint is written under its final name and flushed
 * before it counts: a torn one fails its CRC on load and the previous checkpoint, kept until then, is used.
 */
final class OpfsLogStorage implements LogStorage {
    static final String ROOT = "teavec-db";

    private final String name;
    private final OpfsHandles.Directory dir;
    private final List<Integer> segmentIds = new ArrayList<>();
    private final List<Integer> generations = new ArrayList<>();
    private OpfsHandles.SyncHandle current;
    /** The handle of the checkpoint {@link #readCheckpoint} found, held open for its decode. */
    private OpfsHandles.SyncHandle openCheckpoint;
    private int currentId = -1;
    private double size;
    private String broken;
    private boolean closed;
    /** What an append on the open handle returns: it is durable by then. */
    private final JSPromise<JSObject> appended = JSPromise.resolve(null);

    private OpfsLogStorage(String name, OpfsHandles.Directory dir) {
        this.name = name;
        this.dir = dir;
    }

    static JSPromise<WalStorage> open(String name) {
        JSPromise<OpfsHandles.Directory> root = OpfsHandles.root();
        if (root == null) {
            throw new TeaVecException(ErrorCode.NOT_SUPPORTED, "OPFS logs need FileSystemSyncAccessHandle, which"
                    + " exists only in dedicated workers: open the database in a worker, or use storage 'indexeddb'");
        }
        String doing = "opening the OPFS log of " + name;
        return WalErrors.guard(root, doing)
                .flatThen(r -> WalErrors.guard(r.getDirectoryHandle(ROOT, OpfsHandles.create(true)), doing))
                .flatThen(teavec -> WalErrors.guard(teavec.getDirectoryHandle(OpfsHandles.encodeName(name),
                        OpfsHandles.create(true)), doing))
                .flatThen(d -> {
                    OpfsLogStorage s = new OpfsLogStorage(name, d);
                    return WalErrors.guard(OpfsHandles.names(d), doing).then(names -> {
                        s.scan(names);
                        return new WalStorage(s);
                    });
                }).catchError(e -> {
                    throw WalErrors.of(e, "opening the OPFS log of " + name);
                });
    }

    private void scan(JSArrayReader<JSString> names) {
        for (int i = 0; i < names.getLength(); i++) {
            String n = names.get(i).stringValue();
            int id = LogFileNames.segmentId(n);
            int g = LogFileNames.checkpointGeneration(n);
            if (id >= 0) {
                segmentIds.add(id);
            } else if (g >= 0) {
                generations.add(g);
            }
        }
        Collections.sort(segmentIds);
        Collections.sort(generations);
    }

    /** Rejections of the File System API as coded errors (see {@link WalErrors#guard}). */
    private <T> JSPromise<T> g(JSPromise<T> promise) {
        return WalErrors.guard(promise, "using " + describe());
    }

    @Override
    public String describe() {
        return "opfs " + ROOT + "/" + name;
    }

    private JSPromise<OpfsHandles.SyncHandle> handle(String file, boolean create) {
        return g(dir.getFileHandle(file, OpfsHandles.create(create))).flatThen(f -> g(f.createSyncAccessHandle()));
    }

    /** The whole file, read through {@code h}. */
    private static Int8Array readAll(OpfsHandles.SyncHandle h) {
        Int8Array bytes = Int8Array.create((int) h.getSize());
        h.read(bytes, OpfsHandles.at(0));
        return bytes;
    }

    @Override
    public JSPromise<StoredLog> readLog() {
        StoredLog log = StoredLog.create();
        JSPromise<Object> chain = JSPromise.resolve(null);
        for (int id : new ArrayList<>(segmentIds)) {
            chain = chain.flatThen(ok -> {
                if (id == currentId) {
                    StoredLog.add(log, id, readAll(current));
                    return JSPromise.resolve(null);
                }
                return handle(LogFileNames.segment(id), false).then(h -> {
                    try {
                        StoredLog.add(log, id, readAll(h));
                    } finally {
                        h.close();
                    }
                    return null;
                });
            });
        }
        return chain.then(ok -> log, e -> {
            throw WalErrors.of(e, "reading " + describe());
        });
    }

    private TeaVecException unusable() {
        return closed ? GroupCommit.closed(describe()) : broken == null ? null : new TeaVecException(
                ErrorCode.STORAGE_ERROR, describe() + " cannot take writes until it is reopened: " + broken);
    }

    @Override
    public JSPromise<JSObject> append(Int8Array bytes) {
        TeaVecException refused = unusable();
        if (refused != null) {
            return WalErrors.reject(refused);
        }
        if (segmentIds.isEmpty()) {
            return WalErrors.reject(ErrorCode.STORAGE_ERROR, describe() + " has no segment to append to");
        }
        int newest = segmentIds.get(segmentIds.size() - 1);
        if (currentId == newest) {
            // The usual case, written at once: no promise turn before the write, no callbacks crossing into Java.
            try {
                appendToCurrent(bytes);
            } catch (RuntimeException e) {
                return WalErrors.reject(WalErrors.of(e, "appending to " + describe()));
            }
            return appended;
        }
        return handle(LogFileNames.segment(newest), false).then(h -> {
            closeCurrent();
            current = h;
            currentId = newest;
            size = h.getSize();
            return null;
        }).then(ok -> {
            appendToCurrent(bytes);
            return null;
        }, e -> {
            throw WalErrors.of(e, "opening the newest segment of " + describe());
        });
    }

    private void appendToCurrent(Int8Array bytes) {
        JSObject error = OpfsHandles.writeAndFlush(current, bytes, size);
        if (error != null) {
            throw undo(current, error, size, "appending to " + describe());
        }
        size += bytes.getLength();
    }

    /** Writes all of {@code bytes} at {@code at} and flushes; on failure cuts the file back to {@code at}. */
    private void write(OpfsHandles.SyncHandle h, Int8Array bytes, double at, String doing) {
        JSObject error = OpfsHandles.writeAndFlush(h, bytes, at);
        if (error != null) {
            throw undo(h, error, at, doing);
        }
    }

    /** After a failed write: the file cut back to {@code at} (else this log is broken) and the coded failure. */
    private TeaVecException undo(OpfsHandles.SyncHandle h, JSObject error, double at, String doing) {
        TeaVecException failure = WalErrors.of(error, doing);
        if (OpfsHandles.truncateAndFlush(h, at) != null) {
            broken = "a failed write could not be undone (" + failure.detail() + ")";
        }
        return failure;
    }

    /** A new file must hold only what was just written (a leftover of an earlier attempt may be longer). */
    private void cutAfter(OpfsHandles.SyncHandle h, double length) {
        if (h.getSize() > length) {
            JSObject error = OpfsHandles.truncateAndFlush(h, length);
            if (error != null) {
                throw WalErrors.of(error, "cutting a leftover file of " + describe());
            }
        }
    }

    private void closeCurrent() {
        if (current != null) {
            OpfsHandles.SyncHandle h = current;
            current = null;
            currentId = -1;
            h.close();
        }
    }

    @Override
    public JSPromise<JSObject> startSegment(int id, Int8Array first) {
        TeaVecException refused = unusable();
        if (refused != null) {
            return WalErrors.reject(refused);
        }
        if (!segmentIds.isEmpty() && segmentIds.get(segmentIds.size() - 1) >= id) {
            return WalErrors.reject(ErrorCode.STORAGE_ERROR, "segment " + id + " of " + describe()
                    + " is not above the existing ones");
        }
        String file = LogFileNames.segment(id);
        return handle(file, true).then(h -> {
            try {
                write(h, first, 0, "starting segment " + id + " of " + describe());
                cutAfter(h, first.getLength());
            } catch (RuntimeException e) {
                h.close();
                g(dir.removeEntry(file)).catchError(leftBehind -> null);
                throw e;
            }
            closeCurrent();
            current = h;
            currentId = id;
            size = first.getLength();
            segmentIds.add(id);
            return (JSObject) null;
        }, e -> {
            throw WalErrors.of(e, "starting segment " + id + " of " + describe());
        });
    }

    @Override
    public JSPromise<JSObject> removeSegmentsBefore(int id) {
        JSPromise<Object> chain = JSPromise.resolve(null);
        while (!segmentIds.isEmpty() && segmentIds.get(0) < id) {
            int old = segmentIds.remove(0);
            if (old == currentId) {
                closeCurrent();
            }
            chain = chain.flatThen(ok -> g(dir.removeEntry(LogFileNames.segment(old)))).then(ok -> null);
        }
        return chain.then(ok -> null, e -> {
            throw WalErrors.of(e, "removing old segments of " + describe());
        });
    }

    @Override
    public JSPromise<JSObject> writeCheckpoint(int generation, double seq, Int8Array snapshot) {
        TeaVecException refused = unusable();
        if (refused != null) {
            return WalErrors.reject(refused);
        }
        if (!generations.isEmpty() && generations.get(generations.size() - 1) >= generation) {
            return WalErrors.reject(ErrorCode.STORAGE_ERROR, "generation " + generation + " of " + describe()
                    + " is already taken");
        }
        String file = LogFileNames.checkpoint(generation);
        String doing = "writing checkpoint " + generation + " of " + describe();
        Int8Array header = CheckpointFiles.header(generation, seq, snapshot);
        return handle(file, true).then(h -> {
            try {
                write(h, header, 0, doing);
                write(h, snapshot, CheckpointHeader.BYTES, doing);
                cutAfter(h, CheckpointHeader.BYTES + snapshot.getLength());
            } catch (RuntimeException e) {
                h.close();
                g(dir.removeEntry(file)).catchError(leftBehind -> null);
                throw e;
            }
            h.close();
            generations.add(generation);
            return null;
        }).flatThen(ok -> {
            JSPromise<Object> chain = JSPromise.resolve(null);
            for (int old : CheckpointFiles.obsolete(generations, generation)) {
                generations.remove((Integer) old);
                chain = chain.flatThen(none -> g(dir.removeEntry(LogFileNames.checkpoint(old)))).then(none -> null);
            }
            return chain.catchError(leftBehind -> null);
        }).then(ok -> null, e -> {
            throw WalErrors.of(e, doing);
        });
    }

    @Override
    public JSPromise<StoredCheckpoint> readCheckpoint() {
        if (openCheckpoint != null) {
            openCheckpoint.close();
            openCheckpoint = null;
        }
        StoredCheckpoint result = StoredCheckpoint.none();
        result.setNextGeneration(generations.isEmpty() ? 1 : generations.get(generations.size() - 1) + 1);
        return tryCheckpoint(result, generations.size() - 1);
    }

    /**
     * The newest checkpoint from {@code index} down that verifies, its file left open (an {@link OpenCheckpointFile}:
     * the decode reads it again through the handle, see {@link OpfsCheckpointCheck}).
     */
    private JSPromise<StoredCheckpoint> tryCheckpoint(StoredCheckpoint result, int index) {
        if (index < 0) {
            return JSPromise.resolve(result);
        }
        int g = generations.get(index);
        return handle(LogFileNames.checkpoint(g), false).flatThen(h -> {
            try {
                OpfsCheckpointCheck.verify(h, g, result);
                openCheckpoint = h;
                return JSPromise.resolve(result);
            } catch (Throwable e) {
                h.close();
                StoredCheckpoint.skip(result, g, WalErrors.of(e, "reading checkpoint " + g).detail());
                return tryCheckpoint(result, index - 1);
            }
        }, e -> {
            StoredCheckpoint.skip(result, g, WalErrors.of(e, "reading checkpoint " + g).detail());
            return tryCheckpoint(result, index - 1);
        });
    }

    @Override
    public JSPromise<JSObject> close() {
        closed = true;
        closeCurrent();
        // Normally closed already by whoever decoded it (wal-store.js); again is harmless.
        if (openCheckpoint != null) {
            openCheckpoint.close();
            openCheckpoint = null;
        }
        return JSPromise.resolve(null);
    }
}
