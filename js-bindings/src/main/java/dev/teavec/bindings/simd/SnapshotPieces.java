package dev.teavec.bindings.simd;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A snapshot in the pieces it was stored in, {@code {pieces, pieceBytes, length}}: pieces of
 * {@code pieceBytes} each but the last, never joined into one buffer (an IndexedDB checkpoint's chunks).
 * {@link JsRows} reads it as it reads one typed array.
 */
public interface SnapshotPieces extends JSObject {
    @JSProperty
    JSArray<Int8Array> getPieces();

    @JSProperty
    void setPieces(JSArray<Int8Array> pieces);

    @JSProperty
    int getPieceBytes();

    @JSProperty
    void setPieceBytes(int bytes);

    @JSProperty
    void setLength(int length);

    /**
     * An OPFS checkpoint's file, open (npm-package/src/wal-store.js filePieces): when present the engine reads
     * its bytes from {@link #getOffset()} on straight into linear memory rather than through the pieces.
     */
    @JSProperty
    OpenFile getFile();

    @JSProperty
    int getOffset();

    /** A FileSystemSyncAccessHandle, as far as reading goes. */
    interface OpenFile extends JSObject {
        int read(Int8Array into, At at);
    }

    /** {@code {at}}: the read's position in the file. */
    interface At extends JSObject {
        @JSProperty
        void setAt(double at);
    }

    /** No pieces yet, {@code length} bytes in all. */
    static SnapshotPieces of(int pieceBytes, int length) {
        SnapshotPieces p = JSObjects.create();
        p.setPieces(JSArray.create());
        p.setPieceBytes(pieceBytes);
        p.setLength(length);
        return p;
    }
}
