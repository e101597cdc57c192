package dev.teavec.bindings.wal;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A log in a directory of Node's file system ({@link LogFileNames}). Appends are positional writes to the newest
 * segment followed by fdatasync; a failed append is truncated back to the segment's previous size, so the file
 * never keeps part of it (if even that fails, the storage refuses further writes until reopened). A new segment
 * is created exclusively, written, fdatasynced, and the directory fsynced so that its name survives a crash.
 * Checkpoints are written to a temporary file, fsynced, renamed over their name and the directory fsynced.
 */
final class FileLogStorage implements LogStorage {
    private final String dir;
    private final NodeFiles fs;
    private final List<Integer> segmentIds = new ArrayList<>();
    private final List<Integer> generations = new ArrayList<>();
    private double fd = -1;
    private int fdSegment = -1;
    private double size;
    private String broken;
    private boolean closed;

    private FileLogStorage(String dir, NodeFiles fs) {
        this.dir = dir;
        this.fs = fs;
    }

    /** Creates {@code dir} if needed and lists what it holds. */
    static JSPromise<WalStorage> open(String dir, NodeFiles fs) {
        FileLogStorage s = new FileLogStorage(dir, fs);
        return WalErrors.guard(fs.mkdir(dir), dir).flatThen(ok -> WalErrors.guard(fs.list(dir), dir)).then(names -> {
            s.scan(names);
            return s.removeTemporaryFiles(names);
        }).then(ok -> new WalStorage(s), e -> {
            throw WalErrors.of(e, "opening the log directory " + dir);
        });
    }

    /** Temporary files of checkpoints that a crash interrupted (see NodeFiles#writeAtomic): they never counted. */
    private JSPromise<Object> removeTemporaryFiles(JSArrayReader<JSString> names) {
        JSPromise<Object> chain = JSPromise.resolve(null);
        for (int i = 0; i < names.getLength(); i++) {
            String name = names.get(i).stringValue();
            if (name.startsWith("." + LogFileNames.CHECKPOINT_PREFIX) && name.endsWith(".tmp")) {
                chain = chain.flatThen(ok -> g(fs.remove(path(name)))).then(ok -> null);
            }
        }
        return chain.catchError(leftBehind -> null);
    }

    private void scan(JSArrayReader<JSString> names) {
        for (int i = 0; i < names.getLength(); i++) {
            String name = names.get(i).stringValue();
            int id = LogFileNames.segmentId(name);
            int g = LogFileNames.checkpointGeneration(name);
            if (id >= 0) {
                segmentIds.add(id);
            } else if (g >= 0) {
                generations.add(g);
            }
        }
        Collections.sort(segmentIds);
        Collections.sort(generations);
    }

    private String path(String name) {
        return dir + "/" + name;
    }

    /** Rejections of node:fs as coded errors (see {@link WalErrors#guard}). */
    private <T> JSPromise<T> g(JSPromise<T> promise) {
        return WalErrors.guard(promise, "using " + describe());
    }

    @Override
    public String describe() {
        return "file " + dir;
    }

    private TeaVecException unusable() {
        return closed ? GroupCommit.closed(describe()) : broken == null ? null : new TeaVecException(
                ErrorCode.STORAGE_ERROR, describe() + " cannot take writes until it is reopened: " + broken);
    }

    @Override
    public JSPromise<StoredLog> readLog() {
        StoredLog log = StoredLog.create();
        JSPromise<Object> chain = JSPromise.resolve(null);
        for (int id : new ArrayList<>(segmentIds)) {
            chain = chain.flatThen(ok -> g(fs.read(path(LogFileNames.segment(id))))).then(bytes -> {
                if (bytes != null) {
                    StoredLog.add(log, id, bytes);
                }
                return null;
            });
        }
        return chain.then(ok -> log, e -> {
            throw WalErrors.of(e, "reading the log of " + describe());
        });
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
        JSPromise<Object> opened = fdSegment == newest ? JSPromise.resolve(null) : openForAppend(newest);
        String doing = "appending to " + describe();
        return opened.flatThen(ok -> WalErrors.guard(fs.write(fd, bytes, size), doing)).then(ok -> {
            size += bytes.getLength();
            return (JSObject) null;
        }).flatCatchError(e -> undo(WalErrors.of(e, doing)));
    }

    /**
     * After a failed append: cuts the segment back to its size before it (waiting for that, so no later call
     * can race it), then rejects with {@code failure}. If even that fails the storage refuses further writes.
     */
    private JSPromise<JSObject> undo(TeaVecException failure) {
        if (fd < 0) {
            return WalErrors.reject(failure);
        }
        return g(fs.truncate(fd, size)).then(ok -> {
            throw failure;
        }, truncateFailed -> {
            broken = "a failed append could not be undone (" + failure.detail() + ")";
            throw failure;
        });
    }

    private JSPromise<Object> openForAppend(int id) {
        return closeCurrent().flatThen(ok -> g(fs.open(path(LogFileNames.segment(id)), "r+"))).flatThen(opened -> {
            fd = opened.doubleValue();
            fdSegment = id;
            return g(fs.size(fd));
        }).then(length -> {
            size = length.doubleValue();
            return null;
        });
    }

    private JSPromise<Object> closeCurrent() {
        if (fd < 0) {
            return JSPromise.resolve(null);
        }
        double old = fd;
        fd = -1;
        fdSegment = -1;
        return g(fs.close(old)).then(ok -> null);
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
        String path = path(LogFileNames.segment(id));
        double[] created = {-1};
        return closeCurrent().flatThen(ok -> g(fs.open(path, "wx"))).flatThen(opened -> {
            created[0] = opened.doubleValue();
            return WalErrors.guard(fs.write(created[0], first, 0), "starting segment " + id + " of " + describe());
        }).flatThen(ok -> g(fs.syncDir(dir))).then(ok -> {
            fd = created[0];
            fdSegment = id;
            size = first.getLength();
            segmentIds.add(id);
            return null;
        }, e -> {
            TeaVecException failure = WalErrors.of(e, "starting segment " + id + " of " + describe());
            if (created[0] >= 0) {
                g(fs.close(created[0])).flatThen(ok -> g(fs.remove(path))).catchError(leftBehind -> null);
            }
            throw failure;
        });
    }

    @Override
    public JSPromise<JSObject> removeSegmentsBefore(int id) {
        JSPromise<Object> chain = JSPromise.resolve(null);
        while (!segmentIds.isEmpty() && segmentIds.get(0) < id) {
            int old = segmentIds.remove(0);
            if (old == fdSegment) {
                chain = chain.flatThen(ok -> closeCurrent());
            }
            chain = chain.flatThen(ok -> g(fs.remove(path(LogFileNames.segment(old))))).then(ok -> null);
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
        Int8Array header = CheckpointFiles.header(generation, seq, snapshot);
        return WalErrors.guard(fs.writeAtomic(path(LogFileNames.checkpoint(generation)), header, snapshot),
                "writing checkpoint " + generation + " of " + describe()).flatThen(ok -> {
            generations.add(generation);
            JSPromise<Object> chain = JSPromise.resolve(null);
            for (int old : CheckpointFiles.obsolete(generations, generation)) {
                generations.remove((Integer) old);
                chain = chain.flatThen(none -> g(fs.remove(path(LogFileNames.checkpoint(old))))).then(none -> null);
            }
            // Removing old checkpoints is housekeeping: a failure leaves a file the next checkpoint removes.
            return chain.catchError(leftBehind -> null);
        }).then(ok -> null, e -> {
            throw WalErrors.of(e, "writing checkpoint " + generation + " of " + describe());
        });
    }

    @Override
    public JSPromise<StoredCheckpoint> readCheckpoint() {
        StoredCheckpoint result = StoredCheckpoint.none();
        result.setNextGeneration(generations.isEmpty() ? 1 : generations.get(generations.size() - 1) + 1);
        return tryCheckpoint(result, generations.size() - 1);
    }

    private JSPromise<StoredCheckpoint> tryCheckpoint(StoredCheckpoint result, int index) {
        if (index < 0) {
            return JSPromise.resolve(result);
        }
        int g = generations.get(index);
        return g(fs.read(path(LogFileNames.checkpoint(g)))).flatThen(file -> {
            if (file == null) {
                StoredCheckpoint.skip(result, g, "the file is missing");
                return tryCheckpoint(result, index - 1);
            }
            try {
                CheckpointFiles.verify(file, g, result);
                return JSPromise.resolve(result);
            } catch (TeaVecException e) {
                StoredCheckpoint.skip(result, g, e.detail());
                return tryCheckpoint(result, index - 1);
            }
        }, e -> {
            throw WalErrors.of(e, "reading checkpoint " + g + " of " + describe());
        });
    }

    @Override
    public JSPromise<JSObject> close() {
        closed = true;
        return closeCurrent().then(ok -> null, e -> {
            throw WalErrors.of(e, "closing " + describe());
        });
    }
}
