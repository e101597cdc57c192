package dev.teavec.bindings.idb;

import org.teavm.jso.JSExport;
import org.teavm.jso.JSProperty;

/** A listener on a snapshot's BroadcastChannel; {@link #close()} stops it. */
public final class SnapshotSubscription {
    private BroadcastChannelJs channel;

    SnapshotSubscription(BroadcastChannelJs channel) {
        this.channel = channel;
    }

    /** False where BroadcastChannel does not exist: no message will ever arrive. */
    @JSExport
    @JSProperty
    public boolean isActive() {
        return channel != null;
    }

    @JSExport
    public void close() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
