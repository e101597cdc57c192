package dev.teavec.bindings.idb;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Int32Array;

/** A manifest as stored in the `manifests` object store (see docs/indexeddb.md). */
interface ManifestRecord extends JSObject {
    @JSProperty
    int getFormat();

    @JSProperty
    void setFormat(int format);

    @JSProperty
    int getGeneration();

    @JSProperty
    void setGeneration(int generation);

    @JSProperty
    double getTotalBytes();

    @JSProperty
    void setTotalBytes(double totalBytes);

    @JSProperty
    int getChunkBytes();

    @JSProperty
    void setChunkBytes(int chunkBytes);

    @JSProperty
    int getChunkCount();

    @JSProperty
    void setChunkCount(int chunkCount);

    /** CRC-32 of the whole snapshot, as an unsigned number. */
    @JSProperty("crc32")
    double getCrc32();

    @JSProperty("crc32")
    void setCrc32(double crc32);

    /** CRC-32 of every chunk, in order (signed 32-bit). */
    @JSProperty("chunkCrc32")
    Int32Array getChunkCrc32();

    @JSProperty("chunkCrc32")
    void setChunkCrc32(Int32Array crcs);

    @JSProperty
    double getSavedAt();

    @JSProperty
    void setSavedAt(double savedAt);

    /** Write-ahead log checkpoints only (see Manifest#logSeq). */
    @JSProperty
    void setLogSeq(double logSeq);
}
