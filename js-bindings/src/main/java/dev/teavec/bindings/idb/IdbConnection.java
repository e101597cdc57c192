package dev.teavec.bindings.idb;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import java.util.function.Function;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.indexeddb.IDBDatabase;
import org.teavm.jso.indexeddb.IDBFactory;
import org.teavm.jso.indexeddb.IDBOpenDBRequest;
import org.teavm.jso.indexeddb.IDBTransaction;

/**
 * One connection to the database of one snapshot name, `teavec:<name>`, opened for one operation and closed
 * after it. It closes itself on `versionchange`, so another page upgrading or deleting the database is
 * never blocked by it; the operation in progress then fails with STORAGE_ERROR at its next transaction.
 */
final class IdbConnection {
    static final int VERSION = 1;
    static final String MANIFESTS = "manifests";
    static final String CHUNKS = "chunks";
    static final String META = "meta";
    /** Write-ahead log records (databases of `teavec-db:<name>` only; see docs/indexeddb.md). */
    static final String LOG = "log";
    static final String[] SNAPSHOT_STORES = {MANIFESTS, CHUNKS, META};
    static final String[] LOG_STORES = {MANIFESTS, CHUNKS, META, LOG};
    static final String READONLY = "readonly";
    static final String READWRITE = "readwrite";

    private final String databaseName;
    private final IDBDatabase db;
    private String closedBecause;

    IdbConnection(String databaseName, IDBDatabase db) {
        this.databaseName = databaseName;
        this.db = db;
        db.setOnVersionChange(() -> {
            closedBecause = "another page is upgrading or deleting it";
            db.close();
        });
        db.<DatabaseWithOptions>cast().setOnClose(() -> closedBecause = "the browser closed the connection");
    }

    static String databaseName(String snapshotName) {
        return "teavec:" + snapshotName;
    }

    static IDBFactory requireIndexedDb() {
        IDBFactory factory = BrowserApis.indexedDb();
        if (factory == null) {
            throw new TeaVecException(ErrorCode.NOT_SUPPORTED, "IndexedDB is not available in this runtime"
                    + " (snapshots are stored in browsers and their workers)");
        }
        return factory;
    }

    /**
     * Runs {@code work} on a connection to the database of {@code snapshotName} and closes it when the work's
     * promise settles. A database that does not exist is created if {@code create}; otherwise {@code work} gets
     * null and nothing is created (reads never leave empty databases behind).
     */
    static <T> JSPromise<T> using(String snapshotName, boolean create, Function<IdbConnection, JSPromise<T>> work) {
        String name = databaseName(snapshotName);
        return openRequest(requireIndexedDb(), name, create ? SNAPSHOT_STORES : null).flatThen(raw -> {
            if (raw == null) {
                return work.apply(null);
            }
            IdbConnection db = new IdbConnection(name, raw.cast());
            JSPromise<T> result;
            try {
                result = work.apply(db);
            } catch (RuntimeException | Error e) {
                db.close();
                throw e;
            }
            return result.onSettled(() -> {
                db.close();
                return null;
            });
        });
    }

    /**
     * Opens (version {@link #VERSION}) the database {@code name}, creating it with {@code stores} when it does not
     * exist; with {@code stores} null nothing is created and a missing database resolves null, unless the browser
     * reports that it discarded the origin's data: then the snapshot stores are created anyway, to keep the
     * {@link StorageLoss} report that the upgrade stores in `meta`.
     */
    static JSPromise<JSObject> openRequest(IDBFactory factory, String name, String[] stores) {
        boolean create = stores != null;
        return new JSPromise<>((resolve, reject) -> {
            OpenOutcome outcome = new OpenOutcome(resolve, reject);
            String doing = "opening " + name;
            IDBOpenDBRequest request;
            try {
                request = factory.open(name, VERSION);
            } catch (Throwable t) {
                outcome.reject(StorageErrors.fromThrowable(t, doing));
                return;
            }
            request.setOnUpgradeNeeded(event -> {
                JSObject loss = StorageLoss.fromUpgrade(event);
                if (!create && loss == null) {
                    // Aborting the upgrade of a database that did not exist removes it again.
                    request.getTransaction().abort();
                    return;
                }
                IDBDatabase db = request.getResult();
                for (String store : create ? stores : SNAPSHOT_STORES) {
                    if (!hasStore(db, store)) {
                        db.createObjectStore(store);
                    }
                }
                if (loss != null && hasStore(db, META)) {
                    request.getTransaction().objectStore(META).put(loss, JSString.valueOf(StorageLoss.KEY));
                }
            });
            request.setOnSuccess(() -> {
                if (outcome.isSettled()) {
                    request.getResult().close();
                } else {
                    outcome.resolve(request.getResult());
                }
            });
            request.setOnError(() -> {
                if (!create && "AbortError".equals(BrowserApis.errorName(request.getError()))) {
                    outcome.resolve(null);
                } else {
                    outcome.reject(StorageErrors.fromDomError(request.getError(), doing));
                }
            });
            request.<OpenRequestEvents>cast().setOnBlocked(() -> outcome.blocked(name));
        });
    }

    /** Deletes the database of {@code snapshotName} (fine when it does not exist). */
    static JSPromise<JSObject> delete(String snapshotName) {
        IDBFactory factory = requireIndexedDb();
        String name = databaseName(snapshotName);
        return new JSPromise<>((resolve, reject) -> {
            OpenOutcome outcome = new OpenOutcome(resolve, reject);
            IDBOpenDBRequest request = factory.deleteDatabase(name);
            request.setOnSuccess(() -> outcome.resolve(null));
            request.setOnError(() -> outcome.reject(StorageErrors.fromDomError(request.getError(), "deleting " + name)));
            request.<OpenRequestEvents>cast().setOnBlocked(() -> outcome.blocked(name));
        });
    }

    @JSBody(params = {"db", "store"}, script = "return db.objectStoreNames.contains(store);")
    private static native boolean hasStore(IDBDatabase db, String store);

    /** Starts a transaction; throws STORAGE_ERROR when the connection was closed under us. */
    TransactionRun run(String[] stores, String mode, String durability, String doing) {
        if (closedBecause != null) {
            throw closedError(doing);
        }
        TransactionOptions options = JSObjects.create();
        options.setDurability(durability);
        IDBTransaction tx;
        try {
            tx = db.<DatabaseWithOptions>cast().transaction(stores, mode, options);
        } catch (Throwable t) {
            throw closedBecause != null ? closedError(doing) : StorageErrors.fromThrowable(t, doing);
        }
        return new TransactionRun(tx, doing);
    }

    private TeaVecException closedError(String doing) {
        return new TeaVecException(ErrorCode.STORAGE_ERROR, doing + " failed: " + databaseName + " was closed because "
                + closedBecause);
    }

    void close() {
        db.close();
    }
}
