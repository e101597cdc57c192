package dev.teavec.bindings.wal;

import dev.teavec.bindings.idb.IdbLogStorage;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.wal.DeleteKeys;
import dev.teavec.core.wal.SegmentStart;
import dev.teavec.core.wal.WalBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.teavm.jso.JSExport;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Opens write-ahead logs on each kind of storage (docs/format.md, "Write-ahead log"); npm-package/src/wal-store.js
 * wraps it. Memory logs live as long as this object and are shared by every open of a name through it.
 */
public final class WalStore {
    static final int MAX_NAME_LENGTH = 256;

    private final List<String> memoryNames = new ArrayList<>();
    private final List<MemoryLogStorage.Volume> memoryVolumes = new ArrayList<>();

    /** A log in memory; {@code quotaBytes} (Infinity: none) makes writes beyond it fail with QUOTA_EXCEEDED. */
    @JSExport
    public JSPromise<WalStorage> openMemory(String name, double quotaBytes) {
        checkName(name);
        int i = memoryNames.indexOf(name);
        if (i < 0) {
            memoryNames.add(name);
            memoryVolumes.add(new MemoryLogStorage.Volume());
            i = memoryNames.size() - 1;
        }
        return JSPromise.resolve(new WalStorage(new MemoryLogStorage(name, memoryVolumes.get(i), quotaBytes)));
    }

    /**
     * A log in the directory {@code dir} of Node's file system (created if missing). {@code files} is
     * npm-package/src/wal-node-files.js's implementation of {@link NodeFiles}.
     */
    @JSExport
    public JSPromise<WalStorage> openFile(String dir, NodeFiles files) {
        if (dir == null || dir.isEmpty() || files == null) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a file log needs a directory path");
        }
        return FileLogStorage.open(dir, files);
    }

    /** A log in IndexedDB (database `teavec-db:<name>`; browsers and their workers). */
    @JSExport
    public JSPromise<WalStorage> openIndexedDb(String name) {
        checkName(name);
        IdbLogStorage storage = new IdbLogStorage(name);
        return storage.open().then(ok -> new WalStorage(storage));
    }

    /**
     * A log in the origin private file system (directory teavec-db/&lt;name&gt;), through synchronous access
     * handles: dedicated workers only (NOT_SUPPORTED elsewhere, the main thread included).
     */
    @JSExport
    public JSPromise<WalStorage> openOpfs(String name) {
        checkName(name);
        return OpfsLogStorage.open(name);
    }

    /** Forgets a memory log. */
    @JSExport
    public void deleteMemory(String name) {
        int i = memoryNames.indexOf(name);
        if (i >= 0) {
            memoryNames.remove(i);
            memoryVolumes.remove(i);
        }
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a database name must be a string of 1.."
                    + MAX_NAME_LENGTH + " characters");
        }
    }

    // Encoders of single records, for tests that write logs by hand (torn and damaged tails).

    /** The segment start record continuing from {@code seq}, building on checkpoint {@code generation}. */
    @JSExport
    public Int8Array encodeSegmentStart(double seq, int generation) {
        WalBuffer b = new WalBuffer(32);
        b.append((long) seq, new SegmentStart(generation));
        return Int8Array.copyFromJavaArray(Arrays.copyOf(b.array(), b.size()));
    }

    /** A delete record: the smallest record with content of the caller's choosing. */
    @JSExport
    public Int8Array encodeDelete(double seq, String collection, JSArrayReader<JSString> keys) {
        String[] k = new String[keys.getLength()];
        for (int i = 0; i < k.length; i++) {
            k[i] = keys.get(i).stringValue();
        }
        WalBuffer b = new WalBuffer(64);
        b.append((long) seq, new DeleteKeys(collection, k));
        return Int8Array.copyFromJavaArray(Arrays.copyOf(b.array(), b.size()));
    }
}
