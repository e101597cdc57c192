package dev.teavec.bindings.wal;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * An OPFS checkpoint verified through its open sync access handle and handed out still open,
 * {@code {file, offset, length}}: the snapshot is bytes {@code [offset, offset + length)} of {@code file}.
 * The CRC pass reads the file through one reused buffer of {@link OpfsCheckpointCheck#PIECE} bytes, so a reopen never holds the
 * whole file in a JavaScript buffer (its allocation and first-touch page faults cost as much as the read);
 * the decode reads the same bytes again from the handle, piece by piece (npm-package/src/wal-store.js,
 * filePieces). The handle is exclusive, so nothing can change the file between the two reads; whoever
 * takes the result closes it ({@code release()} in JavaScript). Made by {@link OpfsCheckpointCheck}.
 */
interface OpenCheckpointFile extends JSObject {
    @JSProperty
    void setFile(OpfsHandles.SyncHandle file);

    @JSProperty
    void setOffset(int offset);

    @JSProperty
    void setLength(int length);
}
