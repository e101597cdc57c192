package dev.teavec.bindings.idb;

/** The caller's progress callback, if any; whatever it throws is ignored so it cannot break a save or a load. */
final class Progress {
    private final ProgressCallback callback;

    Progress(ProgressCallback callback) {
        this.callback = callback;
    }

    void report(double doneBytes, double totalBytes) {
        if (callback == null) {
            return;
        }
        try {
            callback.progress(doneBytes, totalBytes);
        } catch (Throwable ignored) {
            // A broken progress bar must not lose the user's data.
        }
    }
}
