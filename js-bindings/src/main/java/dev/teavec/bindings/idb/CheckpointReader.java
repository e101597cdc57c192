package dev.teavec.bindings.idb;

import dev.teavec.bindings.simd.SnapshotPieces;
import dev.teavec.core.codec.Crc32;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.indexeddb.IDBGetRequest;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The log's checkpoint: the newest generation whose chunks all verify, falling back to older ones, as
 * {@link GenerationReader} finds it, but read for a reopen: every chunk request of a generation is issued at
 * once (IndexedDB reads the next chunks while this thread checksums the last), and the chunks are kept as
 * they came, never joined into one buffer: the result's bytes are a snapshot in pieces,
 * {@link SnapshotPieces}, which the engine's snapshot decoding reads as it reads one typed
 * array ({@code JsRows}), copying stored vectors from the pieces into linear memory once. A joined copy of a
 * 300 MB checkpoint cost more than its checksum. Lives beside GenerationReader rather than in it so that the
 * core bundle, whose snapshot store uses GenerationReader, does not grow.
 */
final class CheckpointReader {
    private final String name;
    private TransactionRun run;
    private StoreRequests chunks;
    private JSArrayReader<JSObject> manifests;
    private final JSArray<JSNumber> skipped = JSArray.create();
    private final StringBuilder reasons = new StringBuilder();
    /** Increases with each generation tried: callbacks of an abandoned one see another number and do nothing. */
    private int attempt;

    CheckpointReader(String name) {
        this.name = name;
    }

    /** Resolves with a {@link LoadResult} (bytes in pieces), null when nothing was saved; CORRUPT_SNAPSHOT when none verifies. */
    JSPromise<JSObject> readOn(IdbConnection db) {
        run = db.run(new String[] {IdbConnection.MANIFESTS, IdbConnection.CHUNKS}, IdbConnection.READONLY,
                TransactionOptions.RELAXED, "loading " + name);
        chunks = run.store(IdbConnection.CHUNKS);
        IDBGetRequest all = run.store(IdbConnection.MANIFESTS).getAll();
        all.setOnSuccess(run.guard(() -> {
            manifests = all.getResult().cast();
            tryGeneration(manifests.getLength() - 1);
        }));
        return run.committed();
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
        Manifest m = Manifest.fromRecord(manifests.get(index));
        if (m == null) {
            skip(index, -1, "unreadable manifest");
            return;
        }
        int mine = ++attempt;
        SnapshotPieces bytes = SnapshotPieces.of(m.chunkBytes(), m.totalBytes());
        int[] crc = {0};
        if (m.chunkCount() == 0) {
            finish(index, m, bytes, 0);
        }
        for (int c = 0; c < m.chunkCount(); c++) {
            int chunk = c;
            IDBGetRequest request = chunks.get(ChunkKeys.of(m.generation(), chunk));
            request.setOnSuccess(run.guard(() -> {
                if (attempt != mine) {
                    return;
                }
                // Read once: each read of an IDBRequest's result may materialise the value again.
                JSObject value = request.getResult();
                String bad = check(m, chunk, value);
                if (bad != null) {
                    skip(index, m.generation(), bad);
                    return;
                }
                ArrayBuffer data = value.cast();
                int chunkCrc = BufferCrc.of(data);
                if (chunkCrc != m.chunkCrc(chunk)) {
                    skip(index, m.generation(), "chunk " + chunk + " checksum mismatch");
                    return;
                }
                crc[0] = Crc32.combine(crc[0], chunkCrc, data.getByteLength());
                bytes.getPieces().push(Int8Array.create(data));
                if (chunk == m.chunkCount() - 1) {
                    finish(index, m, bytes, crc[0]);
                }
            }));
        }
    }

    /** Why a chunk's value cannot be this chunk (its checksum aside), or null when it can. */
    private static String check(Manifest m, int chunk, JSObject value) {
        if (value == null || !BrowserApis.isArrayBuffer(value)) {
            return "chunk " + chunk + " missing";
        }
        ArrayBuffer data = value.cast();
        int length = m.chunkLength(chunk);
        return data.getByteLength() != length ? "chunk " + chunk + " has " + data.getByteLength() + " bytes, not " + length
                : null;
    }

    private void finish(int index, Manifest m, SnapshotPieces bytes, int crc) {
        if (crc != m.crc()) {
            skip(index, m.generation(), "snapshot checksum mismatch");
            return;
        }
        attempt++;
        LoadResult result = LoadResult.of(m.generation(), bytes.cast(), skipped);
        if (m.logSeq() >= 0) {
            result.setSeq(m.logSeq());
        }
        run.setValue(result);
    }

    private void skip(int index, int generation, String reason) {
        reasons.append(' ').append(generation > 0 ? "generation " + generation : "a manifest").append(": ")
                .append(reason).append(';');
        if (generation > 0) {
            skipped.push(JSNumber.valueOf(generation));
        }
        tryGeneration(index - 1);
    }
}
