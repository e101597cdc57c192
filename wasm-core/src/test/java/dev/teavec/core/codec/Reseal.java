package dev.teavec.core.codec;

/**
 * Test helper: finds section payloads in a snapshot and recomputes CRCs after a test tampered with
 * fields, so that the tampered values reach the decoder's semantic checks instead of its CRC check.
 */
final class Reseal {
    private Reseal() {
    }

    static int u32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | b[at + 3] << 24;
    }

    static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    /** Start of the payload of section {@code id} in a top-level snapshot, or -1. */
    static int payload(byte[] s, int id) {
        int pos = SnapshotWriter.HEADER_BYTES;
        while (pos + SnapshotWriter.FRAME_BYTES <= s.length) {
            int sid = (s[pos] & 0xFF) | (s[pos + 1] & 0xFF) << 8;
            int len = u32(s, pos + 4);
            if (sid == id) {
                return pos + SnapshotWriter.FRAME_BYTES;
            }
            if (len < 0 || len > s.length - pos - SnapshotWriter.FRAME_BYTES) {
                return -1;
            }
            pos += SnapshotWriter.FRAME_BYTES + len;
        }
        return -1;
    }

    /** Start of the encoding's own payload in section VECTORS (after its name and format version), or -1. */
    static int encodingPayload(byte[] s) {
        int at = payload(s, SectionIds.VECTORS);
        return at < 0 ? -1 : at + 1 + (s[at] & 0xFF) + 2;
    }

    /** Recomputes the header CRC and the CRC of every section whose frame still fits (tolerant of damage). */
    static void crcs(byte[] s) {
        if (s.length < SnapshotWriter.HEADER_BYTES) {
            return;
        }
        putU32(s, 20, crc(s, 0, 20, 0, 0));
        int pos = SnapshotWriter.HEADER_BYTES;
        while (pos + SnapshotWriter.FRAME_BYTES <= s.length) {
            int len = u32(s, pos + 4);
            if (len < 0 || len > s.length - pos - SnapshotWriter.FRAME_BYTES) {
                return;
            }
            putU32(s, pos + 8, crc(s, pos, 8, pos + SnapshotWriter.FRAME_BYTES, len));
            pos += SnapshotWriter.FRAME_BYTES + len;
        }
    }

    /** Also fixes the header's total length to the actual length, then the CRCs. */
    static void lengthAndCrcs(byte[] s) {
        if (s.length >= SnapshotWriter.HEADER_BYTES) {
            putU32(s, 12, s.length);
        }
        crcs(s);
    }

    private static int crc(byte[] s, int a, int alen, int b, int blen) {
        Crc32 c = new Crc32();
        c.update(s, a, alen);
        c.update(s, b, blen);
        return c.value();
    }
}
