package dev.teavec.bindings.wal;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The checkpoint a storage found: {generation, seq, bytes, skipped, nextGeneration}. Generation 0 and bytes
 * null: none verifies or none exists. nextGeneration: the lowest number a new checkpoint may take (above
 * every generation ever started, complete or not).
 */
public interface StoredCheckpoint extends JSObject {
    @JSProperty
    int getGeneration();

    @JSProperty
    void setGeneration(int generation);

    @JSProperty
    double getSeq();

    @JSProperty
    void setSeq(double seq);

    @JSProperty
    Int8Array getBytes();

    @JSProperty
    void setBytes(Int8Array bytes);

    @JSProperty
    JSArray<SkippedCheckpoint> getSkipped();

    @JSProperty
    void setSkipped(JSArray<SkippedCheckpoint> skipped);

    /** IndexedDB: the browser's report that it discarded the origin's data ({dataLoss, message, detectedAt}), if one stands. */
    @JSProperty
    void setStorageLost(JSObject report);

    @JSProperty
    int getNextGeneration();

    @JSProperty
    void setNextGeneration(int next);

    static StoredCheckpoint none() {
        StoredCheckpoint c = JSObjects.create();
        c.setGeneration(0);
        c.setSeq(0);
        c.setBytes(null);
        c.setSkipped(JSArray.create());
        c.setNextGeneration(1);
        return c;
    }

    static void skip(StoredCheckpoint c, int generation, String reason) {
        c.getSkipped().push(SkippedCheckpoint.of(generation, reason));
    }

    static void found(StoredCheckpoint c, int generation, double seq, Int8Array bytes) {
        c.setGeneration(generation);
        c.setSeq(seq);
        c.setBytes(bytes);
    }

    interface SkippedCheckpoint extends JSObject {
        @JSProperty
        void setGeneration(int generation);

        @JSProperty
        void setReason(String reason);

        static SkippedCheckpoint of(int generation, String reason) {
            SkippedCheckpoint s = JSObjects.create();
            s.setGeneration(generation);
            s.setReason(reason);
            return s;
        }
    }
}
