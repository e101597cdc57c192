package dev.teavec.bindings.idb;

import dev.teavec.core.error.TeaVecException;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.indexeddb.EventHandler;
import org.teavm.jso.indexeddb.IDBTransaction;

/**
 * One IndexedDB transaction and the promise of its outcome. Requests are issued synchronously and chained
 * in their own success callbacks (wrapped by {@link #guard}) so the transaction is always active when they
 * run; callers chain on the commit only, never on a single request (a promise continuation may run after
 * the transaction stopped being active).
 */
final class TransactionRun {
    private final IDBTransaction tx;
    private final String doing;
    private final JSPromise<JSObject> outcome;
    private TeaVecException failure;
    private JSObject value;

    TransactionRun(IDBTransaction tx, String doing) {
        this.tx = tx;
        this.doing = doing;
        this.outcome = new JSPromise<>((resolve, reject) -> {
            tx.setOnComplete(() -> resolve.accept(value));
            tx.setOnAbort(() -> reject.accept(StorageErrors.toJs(failure != null ? failure
                    : StorageErrors.fromDomError(tx.getError(), doing))));
        });
    }

    StoreRequests store(String name) {
        return tx.objectStore(name).cast();
    }

    /** What {@link #committed} resolves with. */
    void setValue(JSObject value) {
        this.value = value;
    }

    /** Aborts the transaction; {@link #committed} rejects with {@code e}. */
    void fail(TeaVecException e) {
        if (failure == null) {
            failure = e;
        }
        try {
            tx.abort();
        } catch (Throwable alreadyFinished) {
            // abort() throws once the transaction committed or aborted; the outcome is settled then.
        }
    }

    /** A request callback that aborts the transaction (instead of escaping into the event loop) when it throws. */
    EventHandler guard(Runnable callback) {
        return () -> {
            try {
                callback.run();
            } catch (Throwable t) {
                fail(StorageErrors.fromThrowable(t, doing));
            }
        };
    }

    /** Resolves when the transaction commits; rejects with the coded failure when it aborts. */
    JSPromise<JSObject> committed() {
        return outcome;
    }
}
