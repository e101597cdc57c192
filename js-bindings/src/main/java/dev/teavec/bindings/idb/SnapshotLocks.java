package dev.teavec.bindings.idb;

import java.util.function.Supplier;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;

/**
 * One writer at a time per snapshot name, across every page and worker of the origin: the Web Lock
 * `teavec:<name>`, held until the work's promise settles and released by the browser if the page dies.
 * Where Web Locks are missing (Safari before 15.4) the work runs unlocked; see docs/indexeddb.md for what
 * still holds then.
 */
final class SnapshotLocks {
    private SnapshotLocks() {
    }

    static String lockName(String snapshotName) {
        return "teavec:" + snapshotName;
    }

    static <T> JSPromise<T> exclusive(String snapshotName, Supplier<JSPromise<T>> work) {
        LockManager locks = BrowserApis.locks();
        if (locks == null) {
            return work.get();
        }
        LockOptions options = JSObjects.create();
        options.setMode("exclusive");
        return locks.request(lockName(snapshotName), options, (JSObject lock) -> work.get());
    }
}
