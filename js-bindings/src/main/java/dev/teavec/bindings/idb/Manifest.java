package dev.teavec.bindings.idb;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * What one generation is made of: its number, its size cut into chunks of {@code chunkBytes} (the last
 * one shorter), the CRC-32 of each chunk and of the whole. Written last, it is what makes a
 * generation exist (docs/indexeddb.md).
 */
final class Manifest {
    static final int FORMAT = 1;

    private final int generation;
    private final int totalBytes;
    private final int chunkBytes;
    private final int[] chunkCrcs;
    private final int crc;
    private final double savedAt;
    /** Checkpoints of a write-ahead log: the last log record the snapshot holds; -1 for plain snapshots. */
    private final double logSeq;

    Manifest(int generation, int totalBytes, int chunkBytes, int[] chunkCrcs, int crc, double savedAt, double logSeq) {
        assert chunkCrcs.length == chunkCount(totalBytes, chunkBytes);
        this.generation = generation;
        this.totalBytes = totalBytes;
        this.chunkBytes = chunkBytes;
        this.chunkCrcs = chunkCrcs;
        this.crc = crc;
        this.savedAt = savedAt;
        this.logSeq = logSeq;
    }

    static int chunkCount(int totalBytes, int chunkBytes) {
        return (int) (((long) totalBytes + chunkBytes - 1) / chunkBytes);
    }

    int generation() {
        return generation;
    }

    int totalBytes() {
        return totalBytes;
    }

    int chunkBytes() {
        return chunkBytes;
    }

    int chunkCount() {
        return chunkCrcs.length;
    }

    int chunkOffset(int index) {
        return index * chunkBytes;
    }

    int chunkLength(int index) {
        return Math.min(chunkBytes, totalBytes - chunkOffset(index));
    }

    int chunkCrc(int index) {
        return chunkCrcs[index];
    }

    int crc() {
        return crc;
    }

    double savedAt() {
        return savedAt;
    }

    double logSeq() {
        return logSeq;
    }

    static double unsigned(int crc) {
        return crc & 0xFFFFFFFFL;
    }

    ManifestRecord toRecord() {
        ManifestRecord record = JSObjects.create();
        record.setFormat(FORMAT);
        record.setGeneration(generation);
        record.setTotalBytes(totalBytes);
        record.setChunkBytes(chunkBytes);
        record.setChunkCount(chunkCrcs.length);
        record.setCrc32(unsigned(crc));
        record.setChunkCrc32(Int32Array.copyFromJavaArray(chunkCrcs));
        record.setSavedAt(savedAt);
        if (logSeq >= 0) {
            record.setLogSeq(logSeq);
        }
        return record;
    }

    /** The manifest a stored record describes, or null when the record is malformed. */
    static Manifest fromRecord(JSObject value) {
        if (!isWellFormed(value)) {
            return null;
        }
        ManifestRecord record = value.cast();
        return new Manifest(record.getGeneration(), (int) record.getTotalBytes(), record.getChunkBytes(),
                record.getChunkCrc32().copyToJavaArray(), (int) (long) record.getCrc32(), record.getSavedAt(),
                logSeqOf(value));
    }

    /** The manifest's logSeq, or -1 when it has none (a plain snapshot) or not a valid one. */
    @JSBody(params = "m", script = "return Number.isSafeInteger(m.logSeq) && m.logSeq >= 0 ? m.logSeq : -1;")
    private static native double logSeqOf(JSObject m);

    /**
     * Checks the shape before any field is read as a number: a record may come from a future format, a
     * half-understood write or plain corruption, and must then be skipped, never trusted.
     */
    @JSBody(params = "m", script = "return m !== null && typeof m === 'object' && m.format === 1"
            + " && Number.isInteger(m.generation) && m.generation > 0 && m.generation <= 0x7fffffff"
            + " && Number.isInteger(m.totalBytes) && m.totalBytes >= 0 && m.totalBytes <= 0x7fffffff"
            + " && Number.isInteger(m.chunkBytes) && m.chunkBytes > 0 && m.chunkBytes <= 0x7fffffff"
            + " && Number.isInteger(m.chunkCount) && m.chunkCount === Math.ceil(m.totalBytes / m.chunkBytes)"
            + " && Number.isInteger(m.crc32) && m.crc32 >= 0 && m.crc32 <= 0xffffffff"
            + " && m.chunkCrc32 instanceof Int32Array && m.chunkCrc32.length === m.chunkCount"
            + " && typeof m.savedAt === 'number';")
    private static native boolean isWellFormed(JSObject m);
}
