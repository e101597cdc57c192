package dev.teavec.bindings.idb;

import dev.teavec.core.codec.Crc32;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.indexeddb.IDBGetRequest;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Loads the newest generation whose chunks all verify, falling back to older ones. Everything happens in one
 * read-only transaction, so a save or clean-up in another tab is seen entirely or not at all; chunks are read
 * one after another (each request issued from the previous one's callback), holding one chunk beside the
 * result. Resolves with a {@link LoadResult}, null when nothing was ever saved, or fails with
 * CORRUPT_SNAPSHOT when generations exist but none verifies.
 */
final class GenerationReader {
    private final String name;
    private final Progress progress;
    private TransactionRun run;
    private StoreRequests chunks;
    private JSArrayReader<JSObject> manifests;
    private final JSArray<JSNumber> skipped = JSArray.create();
    /** Whether an empty store fails with a standing {@link StorageLoss} report (snapshot loads; not the log's). */
    private boolean reportLoss;
    private final StringBuilder reasons = new StringBuilder();

    private Manifest current;
    private Int8Array target;
    private int crc;

    GenerationReader(String name, Progress progress) {
        this.name = name;
        this.progress = progress;
    }

    JSPromise<JSObject> read() {
        reportLoss = true;
        return IdbConnection.using(name, false, db -> db == null ? JSPromise.resolve(null) : readOn(db));
    }

    /** Loads through an open connection (left open). */
    JSPromise<JSObject> readOn(IdbConnection db) {
        String[] stores = reportLoss ? new String[] {IdbConnection.MANIFESTS, IdbConnection.CHUNKS, IdbConnection.META}
                : new String[] {IdbConnection.MANIFESTS, IdbConnection.CHUNKS};
        run = db.run(stores, IdbConnection.READONLY, TransactionOptions.RELAXED, "loading " + name);
        chunks = run.store(IdbConnection.CHUNKS);
        IDBGetRequest all = run.store(IdbConnection.MANIFESTS).getAll();
        all.setOnSuccess(run.guard(() -> {
            manifests = all.getResult().cast();
            if (manifests.getLength() == 0 && reportLoss) {
                failIfStorageLost();
                return;
            }
            tryGeneration(manifests.getLength() - 1);
        }));
        return run.committed();
    }

    /** Nothing saved: either never, or the browser discarded it and a {@link StorageLoss} report stands. */
    private void failIfStorageLost() {
        IDBGetRequest report = run.store(IdbConnection.META).get(JSString.valueOf(StorageLoss.KEY));
        report.setOnSuccess(run.guard(() -> {
            TeaVecException lost = StorageLoss.error(name, report.getResult());
            if (lost != null) {
                throw lost;
            }
        }));
    }

    /** Manifests come sorted by generation, oldest first; index -1 means none is left. */
    private void tryGeneration(int index) {
        if (index < 0) {
            if (manifests.getLength() > 0) {
                throw new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, "no saved generation of " + name
                        + " verifies:" + reasons);
            }
            return;
        }
        current = Manifest.fromRecord(manifests.get(index));
        if (current == null) {
            skip(index, -1, "unreadable manifest");
            return;
        }
        target = new Int8Array(current.totalBytes());
        crc = 0;
        readChunk(index, 0);
    }

    private void readChunk(int manifestIndex, int chunk) {
        Manifest m = current;
        if (chunk == m.chunkCount()) {
            if (crc != m.crc()) {
                skip(manifestIndex, m.generation(), "snapshot checksum mismatch");
                return;
            }
            progress.report(m.totalBytes(), m.totalBytes());
            LoadResult result = LoadResult.of(m.generation(), target, skipped);
            if (m.logSeq() >= 0) {
                result.setSeq(m.logSeq());
            }
            run.setValue(result);
            return;
        }
        IDBGetRequest request = chunks.get(ChunkKeys.of(m.generation(), chunk));
        request.setOnSuccess(run.guard(() -> {
            JSObject value = request.getResult();
            int length = m.chunkLength(chunk);
            if (value == null || !BrowserApis.isArrayBuffer(value)) {
                skip(manifestIndex, m.generation(), "chunk " + chunk + " missing");
                return;
            }
            ArrayBuffer data = value.cast();
            if (data.getByteLength() != length) {
                skip(manifestIndex, m.generation(), "chunk " + chunk + " has " + data.getByteLength() + " bytes, not "
                        + length);
                return;
            }
            int chunkCrc = BufferCrc.of(data);
            if (chunkCrc != m.chunkCrc(chunk)) {
                skip(manifestIndex, m.generation(), "chunk " + chunk + " checksum mismatch");
                return;
            }
            crc = Crc32.combine(crc, chunkCrc, length);
            target.set(new Int8Array(data), m.chunkOffset(chunk));
            if (chunk < m.chunkCount() - 1) {
                progress.report(m.chunkOffset(chunk) + length, m.totalBytes());
            }
            readChunk(manifestIndex, chunk + 1);
        }));
    }

    private void skip(int manifestIndex, int generation, String reason) {
        reasons.append(' ').append(generation > 0 ? "generation " + generation : "a manifest").append(": ")
                .append(reason).append(';');
        if (generation > 0) {
            skipped.push(JSNumber.valueOf(generation));
        }
        target = null;
        tryGeneration(manifestIndex - 1);
    }
}
