package dev.teavec.bindings.idb;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;

/** One entry of listGenerations: what a manifest claims (not verified). */
public interface GenerationInfo extends JSObject {
    @JSProperty
    void setGeneration(int generation);

    @JSProperty
    void setBytes(double bytes);

    @JSProperty
    void setChunks(int chunks);

    @JSProperty("crc32")
    void setCrc32(double crc32);

    @JSProperty
    void setSavedAt(double savedAt);

    static GenerationInfo of(Manifest manifest) {
        GenerationInfo info = JSObjects.create();
        info.setGeneration(manifest.generation());
        info.setBytes(manifest.totalBytes());
        info.setChunks(manifest.chunkCount());
        info.setCrc32(Manifest.unsigned(manifest.crc()));
        info.setSavedAt(manifest.savedAt());
        return info;
    }
}
