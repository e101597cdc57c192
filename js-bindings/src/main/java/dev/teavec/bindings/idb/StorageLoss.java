package dev.teavec.bindings.idb;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Storage the browser discarded. Chromium deletes an origin's whole IndexedDB when it finds the LevelDB files
 * damaged (docs/indexeddb.md, "The lost acknowledged save") and reports it once: on the `upgradeneeded` event of
 * the next open, as the non-standard {@code dataLoss: 'total'} and {@code dataLossMessage}. A one-time signal is
 * easy to miss, so the open that sees it stores this report in the recreated database's `meta` store, in the
 * upgrade transaction itself; loads then fail with STORAGE_LOST until a new save or a delete.
 */
final class StorageLoss {
    /** The `meta` key of the report. */
    static final String KEY = "storageLost";

    private StorageLoss() {
    }

    /** {dataLoss, message, detectedAt} when {@code event} reports lost data, else null (and in other engines). */
    @JSBody(params = "event", script = "var loss = event ? event.dataLoss : undefined;"
            + " return typeof loss === 'string' && loss !== 'none'"
            + " ? { dataLoss: loss, message: String(event.dataLossMessage || ''), detectedAt: Date.now() } : null;")
    static native JSObject fromUpgrade(JSObject event);

    @JSBody(params = "report", script = "return report && typeof report.dataLoss === 'string' ? report.dataLoss : '';")
    private static native String kind(JSObject report);

    @JSBody(params = "report", script = "return String(report.message || '');")
    private static native String message(JSObject report);

    @JSBody(params = "report", script = "return new Date(Number(report.detectedAt) || 0).toISOString();")
    private static native String detectedAt(JSObject report);

    /** The error a load of {@code name} fails with while {@code report} (read from `meta`) stands; null if none. */
    static TeaVecException error(String name, JSObject report) {
        if (report == null || kind(report).isEmpty()) {
            return null;
        }
        return new TeaVecException(ErrorCode.STORAGE_LOST, "the browser discarded this site's IndexedDB data, so every"
                + " saved generation of " + name + " is gone (reported on " + detectedAt(report) + ": data loss '"
                + kind(report) + "', " + message(report) + "); save again to start over, or deleteSnapshot to clear this"
                + " report");
    }
}
