package dev.teavec.bindings.wal;

import dev.teavec.bindings.idb.BufferCrc;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.wal.CheckpointHeader;
import java.util.List;
import org.teavm.jso.typedarrays.Int8Array;

/** Checkpoint files (file and OPFS storage): a {@link CheckpointHeader} then the snapshot. */
final class CheckpointFiles {
    private CheckpointFiles() {
    }

    /** The header to write in front of {@code snapshot}. */
    static Int8Array header(int generation, double seq, Int8Array snapshot) {
        int crc = BufferCrc.of(snapshot.getBuffer(), snapshot.getByteOffset(), snapshot.getLength());
        return Int8Array.copyFromJavaArray(new CheckpointHeader(generation, (long) seq, snapshot.getLength(), crc).encode());
    }

    /**
     * The snapshot of a checkpoint file's bytes (a view, not a copy) after checking its header, that it is
     * generation {@code generation}, and its CRC-32; CORRUPT_SNAPSHOT saying why not.
     */
    static Int8Array verify(Int8Array file, int generation, StoredCheckpoint into) {
        int n = Math.min(CheckpointHeader.BYTES, file.getLength());
        byte[] head = Int8Array.create(file.getBuffer(), file.getByteOffset(), n).copyToJavaArray();
        CheckpointHeader h = CheckpointHeader.decode(head, file.getLength());
        if (h.generation() != generation) {
            throw new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, "the file of generation " + generation + " holds "
                    + h.generation());
        }
        int offset = file.getByteOffset() + CheckpointHeader.BYTES;
        if (BufferCrc.of(file.getBuffer(), offset, h.length()) != h.crc()) {
            throw new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, "the snapshot's CRC-32 does not match");
        }
        Int8Array snapshot = Int8Array.create(file.getBuffer(), offset, h.length());
        StoredCheckpoint.found(into, generation, h.seq(), snapshot);
        return snapshot;
    }

    /** The generations to delete once {@code newest} is stored: all but it and the newest one below it. */
    static int[] obsolete(List<Integer> generations, int newest) {
        int previous = 0;
        for (int g : generations) {
            if (g < newest && g > previous) {
                previous = g;
            }
        }
        int count = 0;
        for (int g : generations) {
            count += g < previous ? 1 : 0;
        }
        int[] out = new int[count];
        int i = 0;
        for (int g : generations) {
            if (g < previous) {
                out[i++] = g;
            }
        }
        return out;
    }
}
