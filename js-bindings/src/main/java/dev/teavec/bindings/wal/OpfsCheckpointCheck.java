package dev.teavec.bindings.wal;

import dev.teavec.bindings.idb.BufferCrc;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.wal.CheckpointHeader;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.typedarrays.Int8Array;

/** Verifies an OPFS checkpoint file through its open handle and hands it out open ({@link OpenCheckpointFile}). */
final class OpfsCheckpointCheck {
    private OpfsCheckpointCheck() {
    }

    /**
     * Checks the header of the checkpoint file open in {@code h}, that it is generation {@code generation},
     * and the CRC-32 of its snapshot; records it in {@code into} with the handle left open. CORRUPT_SNAPSHOT
     * saying why not (the caller closes the handle then).
     */
    static void verify(OpfsHandles.SyncHandle h, int generation, StoredCheckpoint into) {
        double size = h.getSize();
        int fileLength = size > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) size;
        Int8Array head = Int8Array.create(Math.min(CheckpointHeader.BYTES, fileLength));
        readFully(h, head, 0);
        CheckpointHeader header = CheckpointHeader.decode(head.copyToJavaArray(), (long) size);
        if (header.generation() != generation) {
            throw new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, "the file of generation " + generation + " holds "
                    + header.generation());
        }
        int length = header.length();
        int crc = BufferCrc.ofFile(h.cast(), CheckpointHeader.BYTES, length);
        if (crc != header.crc()) {
            throw new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, "the snapshot's CRC-32 does not match");
        }
        OpenCheckpointFile file = JSObjects.create();
        file.setFile(h);
        file.setOffset(CheckpointHeader.BYTES);
        file.setLength(length);
        StoredCheckpoint.found(into, generation, header.seq(), file.cast());
    }

    /** Fills {@code into} from byte {@code at} of the file; CORRUPT_SNAPSHOT if the file ends first. */
    private static void readFully(OpfsHandles.SyncHandle h, Int8Array into, double at) {
        int got = h.read(into, OpfsHandles.at(at));
        if (got != into.getLength()) {
            throw new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, "the checkpoint file ended " + (into.getLength() - got)
                    + " bytes early at byte " + ((long) at + got));
        }
    }
}
