package dev.teavec.bindings.wal;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * An OPFS checkpoint verified through its open sync access handle and handed out still open,
 * {@code {file, offset, length}}: the snapshot is bytes {@code [offset, offset + length)} of {@code file}.
 * The CRC pass reads the file straight into linear memory 16 MiB at a time ({@code BufferCrc#ofFile}), and
 * the decode reads the same bytes again from the handle straight to where they go ({@code JsRows}: stored
 * vectors in place, the rest through staging), so a reopen never holds the whole file in a JavaScript buffer,
 * whose allocation and first-touch page faults cost as much as the read, nor copies it again from there. The handle is exclusive, so nothing can change the file between the two reads; whoever
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
