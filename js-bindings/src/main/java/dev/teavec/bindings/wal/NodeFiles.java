package dev.teavec.bindings.wal;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The file system calls {@link FileLogStorage} needs, implemented in JavaScript over node:fs
 * (npm-package/src/wal-node-files.js) and handed in by the package, so that the engine never imports a Node
 * module itself. Failures reject with Node's errors (their {@code code}: ENOSPC, EACCES, ...).
 */
interface NodeFiles extends JSObject {
    /** Creates the directory and its parents; fsyncs the parent of each directory it created. */
    JSPromise<JSObject> mkdir(String dir);

    /** The names in {@code dir}. */
    JSPromise<JSArrayReader<JSString>> list(String dir);

    /** Opens with Node's {@code flags} ('r+', 'wx', ...); resolves with the descriptor. */
    JSPromise<JSNumber> open(String path, String flags);

    /** The file's size. */
    JSPromise<JSNumber> size(double fd);

    /** Writes all of {@code bytes} at {@code position}, then fdatasync. */
    JSPromise<JSObject> write(double fd, Int8Array bytes, double position);

    /** ftruncate to {@code length}, then fdatasync. */
    JSPromise<JSObject> truncate(double fd, double length);

    JSPromise<JSObject> close(double fd);

    /** The whole file, or null when it does not exist. */
    JSPromise<Int8Array> read(String path);

    /** {@code header} then {@code body} into {@code path}: temp file, fsync, rename over, fsync of the directory. */
    JSPromise<JSObject> writeAtomic(String path, Int8Array header, Int8Array body);

    /** Unlinks; fine when the file is already gone. */
    JSPromise<JSObject> remove(String path);

    JSPromise<JSObject> syncDir(String dir);
}
