package dev.teavec.bindings.idb;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;

/** What saveSnapshot resolves with: {generation, bytes, chunks, chunkBytes, crc32}. */
public interface SaveResult extends JSObject {
    @JSProperty
    void setGeneration(int generation);

    @JSProperty
    void setBytes(double bytes);

    @JSProperty
    void setChunks(int chunks);

    @JSProperty
    void setChunkBytes(int chunkBytes);

    @JSProperty("crc32")
    void setCrc32(double crc32);

    static SaveResult of(Manifest manifest) {
        SaveResult result = JSObjects.create();
        result.setGeneration(manifest.generation());
        result.setBytes(manifest.totalBytes());
        result.setChunks(manifest.chunkCount());
        result.setChunkBytes(manifest.chunkBytes());
        result.setCrc32(Manifest.unsigned(manifest.crc()));
        return result;
    }
}
