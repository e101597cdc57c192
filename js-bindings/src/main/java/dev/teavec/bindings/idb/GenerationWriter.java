package dev.teavec.bindings.idb;

import dev.teavec.core.codec.Crc32;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.indexeddb.IDBGetRequest;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Saves one snapshot as a new generation (docs/indexeddb.md, "Commit protocol"): reserve a generation number,
 * write the chunks, then the manifest in a strict transaction, and only then remove generations older than
 * the previous one. Each step is one transaction; the next starts when it has committed. Runs under the
 * name's exclusive lock where Web Locks exist. One instance per save.
 */
final class GenerationWriter {
    static final String NEXT_GENERATION = "nextGeneration";

    private final String name;
    private final Int8Array bytes;
    private final int chunkBytes;
    private final Progress progress;
    private final int[] chunkCrcs;
    private final int requestedGeneration;
    private final double logSeq;
    private int crc;
    private int generation;
    private Manifest manifest;

    GenerationWriter(String name, Int8Array bytes, int chunkBytes, Progress progress) {
        this(name, bytes, chunkBytes, progress, 0, -1);
    }

    /**
     * A checkpoint of a write-ahead log: saved as generation {@code requestedGeneration} (refused when that number
     * is used up) and its manifest records {@code logSeq}, the last log record the snapshot holds. Not announced
     * on the snapshot channel.
     */
    GenerationWriter(String name, Int8Array bytes, int chunkBytes, Progress progress, int requestedGeneration,
            double logSeq) {
        this.requestedGeneration = requestedGeneration;
        this.logSeq = logSeq;
        this.name = name;
        this.bytes = bytes;
        this.chunkBytes = chunkBytes;
        this.progress = progress;
        this.chunkCrcs = new int[Manifest.chunkCount(bytes.getLength(), chunkBytes)];
    }

    JSPromise<SaveResult> write() {
        return IdbConnection.using(name, true, this::writeOn);
    }

    /** Saves on an open connection (left open). */
    JSPromise<SaveResult> writeOn(IdbConnection db) {
        return reserveGeneration(db).flatThen(reserved -> {
            generation = reserved.<JSNumber>cast().intValue();
            return writeChunk(db, 0)
                    .flatThen(none -> commit(db))
                    .flatCatchError(failure -> discard(db).flatThen(none -> JSPromise.reject(failure)))
                    .flatThen(none -> {
                        progress.report(manifest.totalBytes(), manifest.totalBytes());
                        if (requestedGeneration == 0) {
                            GenerationBroadcast.announce(name, SnapshotMessage.SAVED, generation, manifest.totalBytes());
                        }
                        return GenerationCleaner.removeOlderThanPrevious(db, generation)
                                .then(done -> SaveResult.of(manifest));
                    });
        });
    }

    /**
     * Takes the next number from the `meta` store in a read-write transaction, which IndexedDB serializes:
     * two writers never share a number, even without Web Locks.
     */
    private JSPromise<JSObject> reserveGeneration(IdbConnection db) {
        TransactionRun run = db.run(new String[] {IdbConnection.META, IdbConnection.MANIFESTS},
                IdbConnection.READWRITE, TransactionOptions.RELAXED, "reserving a generation of " + name);
        StoreRequests meta = run.store(IdbConnection.META);
        IDBGetRequest next = meta.get(JSString.valueOf(NEXT_GENERATION));
        IDBGetRequest manifestKeys = run.store(IdbConnection.MANIFESTS).getAllKeys();
        manifestKeys.setOnSuccess(run.guard(() -> {
            long reserved = positiveIntOr(next.getResult(), 1);
            JSArrayReader<JSNumber> keys = manifestKeys.getResult().cast();
            if (keys.getLength() > 0) {
                reserved = Math.max(reserved, (long) keys.get(keys.getLength() - 1).intValue() + 1);
            }
            if (requestedGeneration > 0) {
                if (requestedGeneration < reserved) {
                    throw new TeaVecException(ErrorCode.STORAGE_ERROR, "generation " + requestedGeneration + " of " + name
                            + " is already taken (generation " + reserved + " is the next free one): another writer?");
                }
                reserved = requestedGeneration;
            }
            if (reserved >= Integer.MAX_VALUE) {
                throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, name + " has used up its generation numbers;"
                        + " delete the snapshot and save again");
            }
            meta.put(JSNumber.valueOf((int) reserved + 1), JSString.valueOf(NEXT_GENERATION));
            run.setValue(JSNumber.valueOf((int) reserved));
        }));
        return run.committed();
    }

    @JSBody(params = {"v", "fallback"}, script = "return Number.isInteger(v) && v > 0 && v <= 0x7fffffff ? v : fallback;")
    static native int positiveIntOr(JSObject v, int fallback);

    /**
     * Chunk {@code index} and, once it committed, the rest. One read-write transaction per chunk: memory stays
     * at one chunk and progress follows real commits.
     */
    private JSPromise<JSObject> writeChunk(IdbConnection db, int index) {
        if (index == chunkCrcs.length) {
            return JSPromise.resolve(null);
        }
        int total = bytes.getLength();
        int offset = index * chunkBytes;
        int length = Math.min(chunkBytes, total - offset);
        int start = bytes.getByteOffset() + offset;
        // The stored copy is also what gets checksummed, so the caller changing `bytes` meanwhile
        // cannot make a chunk disagree with its CRC.
        ArrayBuffer stored = bytes.getBuffer().slice(start, start + length);
        chunkCrcs[index] = BufferCrc.of(stored);
        crc = Crc32.combine(crc, chunkCrcs[index], length);
        TransactionRun run = db.run(new String[] {IdbConnection.CHUNKS}, IdbConnection.READWRITE,
                TransactionOptions.RELAXED, "writing chunk " + index + " of " + name + " generation " + generation);
        run.store(IdbConnection.CHUNKS).put(stored, ChunkKeys.of(generation, index));
        return run.committed().flatThen(none -> {
            if (index < chunkCrcs.length - 1) {
                progress.report(offset + length, total);
            }
            return writeChunk(db, index + 1);
        });
    }

    /** The manifest makes the generation exist; strict durability: on disk before the save is acknowledged. */
    private JSPromise<JSObject> commit(IdbConnection db) {
        manifest = new Manifest(generation, bytes.getLength(), chunkBytes, chunkCrcs, crc, BrowserApis.now(), logSeq);
        TransactionRun run = db.run(new String[] {IdbConnection.MANIFESTS}, IdbConnection.READWRITE,
                TransactionOptions.STRICT, "committing " + name + " generation " + manifest.generation());
        run.store(IdbConnection.MANIFESTS).put(manifest.toRecord(), JSNumber.valueOf(manifest.generation()));
        return run.committed();
    }

    /** Best effort after a failed save (e.g. quota): the chunks already written would only hold space. Never rejects. */
    private JSPromise<JSObject> discard(IdbConnection db) {
        try {
            TransactionRun run = db.run(new String[] {IdbConnection.CHUNKS}, IdbConnection.READWRITE,
                    TransactionOptions.RELAXED, "discarding " + name + " generation " + generation);
            run.store(IdbConnection.CHUNKS).delete(ChunkKeys.generations(generation, generation + 1));
            return run.committed().catchError(leftForTheNextSave -> null);
        } catch (TeaVecException leftForTheNextSave) {
            // The next successful save removes these chunks (they are older than its generation).
            return JSPromise.resolve(null);
        }
    }
}
