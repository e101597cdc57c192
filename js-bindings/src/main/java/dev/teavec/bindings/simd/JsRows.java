package dev.teavec.bindings.simd;

import dev.teavec.core.store.RowSource;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A snapshot's bytes as JavaScript holds them: the typed array it was loaded from, or a checkpoint in the
 * pieces it was stored in ({@link SnapshotPieces}). Runs of stored vectors are copied from here straight into
 * Wasm linear memory with one typed-array copy per run and piece ({@link #copyTo}), never through Java arrays;
 * anything else is copied into Java as asked ({@link #read}).
 */
public final class JsRows implements RowSource, LinearMemory.Source {
    private final Int8Array bytes;
    /** Null for one typed array. */
    private final JSArray<Int8Array> pieces;
    private final int pieceBytes;
    /** An OPFS checkpoint's open file, read straight into linear memory (null otherwise). */
    private final SnapshotPieces.OpenFile file;
    private final int fileOffset;

    /** {@code bytes}: an Int8Array or {@link SnapshotPieces} (both have {@code length}). */
    public JsRows(Int8Array bytes) {
        this.bytes = bytes;
        SnapshotPieces s = bytes.cast();
        JSArray<Int8Array> p = s.getPieces();
        this.pieces = p == null || JSObjects.isUndefined(p) ? null : p;
        this.pieceBytes = pieces == null ? 0 : s.getPieceBytes();
        SnapshotPieces.OpenFile f = s.getFile();
        this.file = f == null || JSObjects.isUndefined(f) ? null : f;
        this.fileOffset = file == null ? 0 : s.getOffset();
    }

    /** The longest view of bytes {@code [pos, pos + len)} in one buffer: all of them unless they span pieces. */
    private Int8Array piece(int pos, int len) {
        if (pieces == null) {
            return Int8Array.create(bytes.getBuffer(), bytes.getByteOffset() + pos, len);
        }
        int i = pos / pieceBytes;
        int at = pos - i * pieceBytes;
        Int8Array p = pieces.get(i);
        return Int8Array.create(p.getBuffer(), p.getByteOffset() + at, Math.min(len, p.getLength() - at));
    }

    /** Through linear memory ({@link LinearMemory#read}), never joining pieces into a new buffer first. */
    @Override
    public byte[] read(int pos, int len) {
        return LinearMemory.read(this, pos, len);
    }

    /** Copies bytes {@code [pos, pos + len)} to linear memory at {@code address}. */
    @Override
    public void copyTo(int pos, int address, int len) {
        if (file != null) {
            LinearMemory.readIn(file, fileOffset + (double) pos, address, len);
            return;
        }
        for (int done = 0; done < len; ) {
            Int8Array part = piece(pos + done, len - done);
            LinearMemory.copyIn(part, address + done);
            done += part.getLength();
        }
    }
}
