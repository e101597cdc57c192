package dev.teavec.core.codec;

/**
 * Bytes the decoder may still allocate. Every structure is charged here, from counts already checked
 * against the bytes present, before it is allocated: a snapshot that would need more is CORRUPT_SNAPSHOT.
 */
final class DecodeBudget {
    private long left;
    private long spent;

    DecodeBudget(long bytes) {
        this.left = bytes;
    }

    void charge(long bytes, String what, int offset) {
        if (bytes < 0 || bytes > left) {
            throw Corrupt.at(offset, what + " would need " + bytes + " bytes of memory, beyond the decode budget ("
                    + left + " left)");
        }
        left -= bytes;
        spent += bytes;
    }

    long spent() {
        return spent;
    }
}
