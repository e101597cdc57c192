package dev.teavec.bindings.wal;

import org.teavm.jso.JSExport;

/**
 * Entry point of teavec-wal.wasm, the write-ahead log's own Wasm module: the log codec and its storages
 * (memory, Node files, IndexedDB, OPFS). It is compiled apart from the engine (teavec.wasm) and loaded only
 * by code that opens a database by name, so the core bundle does not carry it; the two meet in JavaScript
 * (records and snapshots cross as typed arrays and strings).
 */
public final class WalModule {
    private WalModule() {
    }

    @JSExport
    public static WalStore walStore() {
        return new WalStore();
    }

    /** Version of this module's API, checked by npm-package/src/wal-init.js. */
    @JSExport
    public static int apiVersion() {
        return 1;
    }
}
