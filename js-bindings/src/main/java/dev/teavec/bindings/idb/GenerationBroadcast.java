package dev.teavec.bindings.idb;

/**
 * Tells every page and worker of this origin that a generation was saved or a snapshot deleted, on the
 * BroadcastChannel `teavec:<name>`. Posting is fire-and-forget; where BroadcastChannel is missing nothing is sent.
 */
final class GenerationBroadcast {
    private GenerationBroadcast() {
    }

    static String channelName(String snapshotName) {
        return "teavec:" + snapshotName;
    }

    static void announce(String snapshotName, String type, int generation, double bytes) {
        BroadcastChannelJs channel = BrowserApis.broadcastChannel(channelName(snapshotName));
        if (channel == null) {
            return;
        }
        try {
            channel.postMessage(SnapshotMessage.of(type, snapshotName, generation, bytes));
        } finally {
            // Messages already posted are still delivered after the sender closes.
            channel.close();
        }
    }

    /** Calls {@code listener} with every message about {@code snapshotName}, this page's own saves included. */
    static SnapshotSubscription subscribe(String snapshotName, SnapshotListener listener) {
        BroadcastChannelJs channel = BrowserApis.broadcastChannel(channelName(snapshotName));
        if (channel != null) {
            channel.setOnMessage(event -> listener.onMessage(event.getData()));
        }
        return new SnapshotSubscription(channel);
    }
}
