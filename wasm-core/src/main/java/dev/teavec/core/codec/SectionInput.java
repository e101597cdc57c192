package dev.teavec.core.codec;

import dev.teavec.core.store.RowSource;

/**
 * One section payload being decoded, as an index type or a vector encoding sees it: little-endian
 * reads that check the bytes present first, counts checked against limits and the bytes left, and the
 * decode budget every structure is charged to before it is allocated (docs/format.md). Every failure is
 * CORRUPT_SNAPSHOT with the byte offset ({@link #corrupt}). A reader of a payload must read it to its
 * last byte ({@link #expectEnd}).
 */
public interface SectionInput {
    int position();

    int remaining();

    /** Fails unless {@code n} more bytes are present. */
    void need(long n, String what);

    int u8(String what);

    int u16(String what);

    int i32(String what);

    long i64(String what);

    float f32(String what);

    double f64(String what);

    /** A float that must be finite (vectors, ranges). */
    float finite(String what);

    /** A u32 count in {@code min..max}, each of whose elements takes at least {@code bytesEach} of what is left. */
    int count(String what, int min, int max, long bytesEach);

    /** A u32 that must equal {@code expected}. */
    void expect(String what, int expected);

    void readBytes(byte[] dst, int off, int len, String what);

    /** Reads {@code len} finite floats into {@code dst}. */
    void readFinite(float[] dst, int off, int len, String what);

    /** Reads {@code len} little-endian i32 into {@code dst} from {@code off}, as {@link #i32} would one by one. */
    void readInts(int[] dst, int off, int len, String what);

    /**
     * Skips the next {@code n} bytes and returns their position in {@link #rows()}: for a caller that copies
     * them in bulk from there (stored vectors). Fails unless they are present.
     */
    int take(long n, String what);

    /** Where the bytes that {@link #take} skips are copied from. */
    RowSource rows();

    /** Fails unless the payload was read to its last byte. */
    void expectEnd();

    /** Charges {@code bytes} about to be allocated to the decode budget; CORRUPT_SNAPSHOT beyond it. */
    void charge(long bytes, String what);

    /** A CORRUPT_SNAPSHOT failure located at {@code offset}, named after this payload: throw it. */
    RuntimeException corrupt(int offset, String problem);

    /** A SNAPSHOT_TOO_NEW failure (a format version above what this build reads) located at {@code offset}: throw it. */
    RuntimeException tooNew(int offset, String problem);
}
