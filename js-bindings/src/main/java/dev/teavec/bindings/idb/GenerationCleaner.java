package dev.teavec.bindings.idb;

import dev.teavec.core.error.TeaVecException;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.indexeddb.IDBGetRequest;
import org.teavm.jso.indexeddb.IDBKeyRange;

/**
 * After a generation committed: keeps it and the newest committed generation before it (the fallback when
 * the new one fails to verify on load) and deletes everything older, plus chunks of saves that never
 * committed. One read-write transaction, so a reader sees the state before or after, never half of it.
 */
final class GenerationCleaner {
    private GenerationCleaner() {
    }

    /** Best effort, never rejects: a failure only leaves garbage that the next successful save removes. */
    static JSPromise<JSObject> removeOlderThanPrevious(IdbConnection db, int generation) {
        try {
            TransactionRun run = db.run(new String[] {IdbConnection.MANIFESTS, IdbConnection.CHUNKS},
                    IdbConnection.READWRITE, TransactionOptions.RELAXED, "removing old generations");
            StoreRequests manifests = run.store(IdbConnection.MANIFESTS);
            StoreRequests chunks = run.store(IdbConnection.CHUNKS);
            IDBGetRequest keys = manifests.getAllKeys();
            keys.setOnSuccess(run.guard(() -> {
                int previous = newestBelow(keys.getResult().cast(), generation);
                int keepFrom = previous > 0 ? previous : generation;
                manifests.delete(IDBKeyRange.upperBound(JSNumber.valueOf(keepFrom), true));
                chunks.delete(ChunkKeys.below(keepFrom));
                if (previous > 0 && previous + 1 < generation) {
                    // Generations between the two kept ones have no manifest: saves that crashed or failed.
                    chunks.delete(ChunkKeys.generations(previous + 1, generation));
                }
            }));
            return run.committed().catchError(leftForTheNextSave -> null);
        } catch (TeaVecException leftForTheNextSave) {
            // Nothing committed depends on this transaction.
            return JSPromise.resolve(null);
        }
    }

    /** The largest key below {@code generation}, 0 when none; keys come sorted ascending. */
    private static int newestBelow(JSArrayReader<JSNumber> keys, int generation) {
        int newest = 0;
        for (int i = 0; i < keys.getLength(); i++) {
            int key = keys.get(i).intValue();
            if (key < generation) {
                newest = key;
            }
        }
        return newest;
    }
}
