package dev.teavec.bindings.wal;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Int8Array;

/** The parts of the File System API (origin private file system) that {@link OpfsLogStorage} uses. */
final class OpfsHandles {
    private OpfsHandles() {
    }

    interface Directory extends JSObject {
        JSPromise<Directory> getDirectoryHandle(String name, GetOptions options);

        JSPromise<FileHandle> getFileHandle(String name, GetOptions options);

        JSPromise<JSObject> removeEntry(String name);
    }

    interface FileHandle extends JSObject {
        JSPromise<SyncHandle> createSyncAccessHandle();
    }

    /** Synchronous reads and writes of one file; exclusive to its holder until closed. */
    interface SyncHandle extends JSObject {
        int read(Int8Array buffer, At at);

        int write(Int8Array buffer, At at);

        void truncate(double size);

        double getSize();

        void flush();

        void close();
    }

    interface GetOptions extends JSObject {
        @JSProperty
        void setCreate(boolean create);
    }

    interface At extends JSObject {
        @JSProperty
        void setAt(double at);
    }

    static GetOptions create(boolean create) {
        GetOptions o = JSObjects.create();
        o.setCreate(create);
        return o;
    }

    static At at(double position) {
        At o = JSObjects.create();
        o.setAt(position);
        return o;
    }

    /**
     * Writes all of {@code bytes} at {@code at} and flushes; returns null, or what was thrown (a DOMException such
     * as QuotaExceededError) as a value: a JS exception caught in Java no longer tells its name. Firefox does not
     * throw when the quota is used up: write() returns fewer bytes than given (0), reported here as the quota error
     * it is (the bytes written, if any, are a torn tail that recovery cuts).
     */
    @JSBody(params = {"h", "bytes", "at"}, script = "try { var n = h.write(bytes, { at: at }); h.flush();"
            + " return n === bytes.length ? null : new DOMException('wrote ' + n + ' of ' + bytes.length"
            + " + ' bytes: the storage quota is used up', 'QuotaExceededError'); }"
            + " catch (e) { return e; }")
    static native JSObject writeAndFlush(SyncHandle h, Int8Array bytes, double at);

    /** Cuts the file to {@code size} and flushes; returns null or what was thrown. */
    @JSBody(params = {"h", "size"}, script = "try { h.truncate(size); h.flush(); return null; } catch (e) { return e; }")
    static native JSObject truncateAndFlush(SyncHandle h, double size);

    /** navigator.storage.getDirectory(), or null where sync access handles do not exist (main thread, Node). */
    @JSBody(script = "return typeof FileSystemFileHandle !== 'undefined'"
            + " && typeof FileSystemFileHandle.prototype.createSyncAccessHandle === 'function'"
            + " && typeof navigator !== 'undefined' && navigator.storage"
            + " && typeof navigator.storage.getDirectory === 'function' ? navigator.storage.getDirectory() : null;")
    static native JSPromise<Directory> root();

    /** The names in a directory (its async iterator, collected). */
    @JSBody(params = "dir", script = "return (async function () { var out = [];"
            + " for await (var name of dir.keys()) out.push(name); return out; })();")
    static native JSPromise<JSArrayReader<JSString>> names(Directory dir);

    /** A directory name for any database name: OPFS names cannot contain '/' nor be '.' or '..'. */
    @JSBody(params = "name", script = "return encodeURIComponent(name).replace(/\\./g, '%2E');")
    static native String encodeName(String name);
}
