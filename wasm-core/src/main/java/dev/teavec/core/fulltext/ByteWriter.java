package dev.teavec.core.fulltext;

/** A growable byte array written with unsigned LEB128 varints. */
final class ByteWriter {
    private byte[] bytes = new byte[256];
    private int size;

    void u8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    /** Unsigned LEB128: 7 bits a byte, low first; 1 byte below 128, at most 5. */
    void varint(int value) {
        assert value >= 0 : "varints here are non-negative: " + value;
        ensure(5);
        while (value >= 0x80) {
            bytes[size++] = (byte) (value | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    byte[] toArray() {
        byte[] out = new byte[size];
        System.arraycopy(bytes, 0, out, 0, size);
        return out;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            byte[] grown = new byte[Math.max(size + more, bytes.length * 2)];
            System.arraycopy(bytes, 0, grown, 0, size);
            bytes = grown;
        }
    }
}
