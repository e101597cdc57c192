package dev.teavec.bindings.idb;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;

/** What GenerationBroadcast posts: {type: 'saved' | 'deleted', name, generation, bytes}. */
interface SnapshotMessage extends JSObject {
    String SAVED = "saved";
    String DELETED = "deleted";

    @JSProperty
    void setType(String type);

    @JSProperty
    void setName(String name);

    @JSProperty
    void setGeneration(int generation);

    @JSProperty
    void setBytes(double bytes);

    static SnapshotMessage of(String type, String name, int generation, double bytes) {
        SnapshotMessage message = JSObjects.create();
        message.setType(type);
        message.setName(name);
        message.setGeneration(generation);
        message.setBytes(bytes);
        return message;
    }
}
