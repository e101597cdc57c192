package dev.teavec.core.codec;

import dev.teavec.core.store.RowSource;

/**
 * The bytes of a snapshot, held in chunks of {@link #CHUNK_SIZE} bytes (the last one shorter): one Wasm
 * GC array holds at most 2^27 elements, and a snapshot of a large index is bigger than that. Positions
 * are ints: a snapshot holds at most 2^31 - 1 bytes. Not copied on the way in or out; callers must not
 * modify chunks they handed over or received.
 */
public final class SnapshotBytes implements RowSource {
    static final int CHUNK_BITS = 20;
    /**
     * 1 MiB: far below the 2^27-element cap, few enough chunks that crossing them is rare, and small enough that a
     * lazy instance copies little beyond the bytes decoding reads (a 16 MiB chunk holding the header and the first
     * vectors was copied into Java whole, although the vectors go straight to linear memory).
     */
    public static final int CHUNK_SIZE = 1 << CHUNK_BITS;

    /** Null entries of a lazy instance are not copied from {@link #origin} yet. */
    private final byte[][] chunks;
    private final int length;
    /** A CRC-32 over exactly these bytes already held (see {@link #crcVerified}). */
    private final boolean crcVerified;
    /** Where a lazy instance copies its chunks from on first use; null when they are all here. */
    private final RowSource origin;

    private SnapshotBytes(byte[][] chunks, int length) {
        this(chunks, length, false, null);
    }

    private SnapshotBytes(byte[][] chunks, int length, boolean crcVerified, RowSource origin) {
        this.chunks = chunks;
        this.length = length;
        this.crcVerified = crcVerified;
        this.origin = origin;
    }

    /**
     * The {@code length} bytes {@code origin} holds, each chunk copied from it on first use: bytes that a
     * storage copies from the origin itself ({@link #rows()}: stored vectors) are never copied into Java.
     */
    public static SnapshotBytes lazy(int length, RowSource origin) {
        return new SnapshotBytes(new byte[chunkCount(length)][], length, false, origin);
    }

    /** Where runs of stored vectors are best copied from: the origin of a lazy instance, else these bytes. */
    public RowSource rows() {
        return origin != null ? origin : this;
    }

    /** A new array holding bytes {@code [pos, pos + len)}. */
    @Override
    public byte[] read(int pos, int len) {
        byte[] out = new byte[len];
        copy(pos, out, 0, len);
        return out;
    }

    /** Copies bytes {@code [pos, pos + len)} into {@code dst} from {@code off}, across chunk boundaries. */
    void copy(int pos, byte[] dst, int off, int len) {
        for (int done = 0; done < len; ) {
            byte[] chunk = chunkAt(pos + done);
            int at = offsetIn(pos + done);
            int n = Math.min(len - done, chunk.length - at);
            System.arraycopy(chunk, at, dst, off + done, n);
            done += n;
        }
    }

    /**
     * The same bytes, marked as checked by a CRC-32 over all of them that the caller verified (a checkpoint's,
     * which the log storage checks before handing the snapshot out): decoding then skips the sections' CRCs,
     * which could only fail where that one did. Every other check (structure, limits, values) still runs:
     * a CRC proves the bytes are the ones written, not that they are well-formed.
     */
    public SnapshotBytes crcVerified() {
        return new SnapshotBytes(chunks, length, true, origin);
    }

    /** Whether {@link #crcVerified()} marked these bytes. */
    boolean isCrcVerified() {
        return crcVerified;
    }

    /**
     * Wraps chunks that each hold {@link #CHUNK_SIZE} bytes, except the last, which holds 1..CHUNK_SIZE
     * (no chunks for an empty snapshot).
     */
    public static SnapshotBytes ofChunks(byte[][] chunks) {
        long total = 0;
        for (int i = 0; i < chunks.length; i++) {
            int len = chunks[i].length;
            boolean last = i == chunks.length - 1;
            if (last ? len < 1 || len > CHUNK_SIZE : len != CHUNK_SIZE) {
                throw new IllegalArgumentException("chunk " + i + " holds " + len + " bytes");
            }
            total += len;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a snapshot holds at most 2^31 - 1 bytes");
        }
        return new SnapshotBytes(chunks, (int) total);
    }

    /** The bytes of {@code array}: wrapped when it fits one chunk, else split into copies. */
    public static SnapshotBytes of(byte[] array) {
        if (array.length <= CHUNK_SIZE) {
            return new SnapshotBytes(array.length == 0 ? new byte[0][] : new byte[][] {array}, array.length);
        }
        byte[][] chunks = new byte[chunkCount(array.length)][];
        for (int i = 0; i < chunks.length; i++) {
            int from = i * CHUNK_SIZE;
            chunks[i] = new byte[Math.min(CHUNK_SIZE, array.length - from)];
            System.arraycopy(array, from, chunks[i], 0, chunks[i].length);
        }
        return new SnapshotBytes(chunks, array.length);
    }

    /** Zeroed bytes of the given length, to be written. */
    static SnapshotBytes allocate(int length) {
        byte[][] chunks = new byte[chunkCount(length)][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = new byte[Math.min(CHUNK_SIZE, length - i * CHUNK_SIZE)];
        }
        return new SnapshotBytes(chunks, length);
    }

    public static int chunkCount(int length) {
        return (int) (((long) length + CHUNK_SIZE - 1) >>> CHUNK_BITS);
    }

    public int length() {
        return length;
    }

    public int chunkCount() {
        return chunks.length;
    }

    public byte[] chunk(int i) {
        byte[] c = chunks[i];
        return c != null ? c : load(i);
    }

    private byte[] load(int i) {
        int from = i << CHUNK_BITS;
        byte[] c = origin.read(from, Math.min(CHUNK_SIZE, length - from));
        chunks[i] = c;
        return c;
    }

    /** One array holding all bytes (copied when there are several chunks). */
    public byte[] toArray() {
        if (chunks.length == 1) {
            return chunk(0);
        }
        byte[] out = new byte[length];
        for (int i = 0; i < chunks.length; i++) {
            byte[] c = chunk(i);
            System.arraycopy(c, 0, out, i * CHUNK_SIZE, c.length);
        }
        return out;
    }

    byte get(int pos) {
        return chunkAt(pos)[pos & (CHUNK_SIZE - 1)];
    }

    void set(int pos, byte b) {
        chunkAt(pos)[pos & (CHUNK_SIZE - 1)] = b;
    }

    byte[] chunkAt(int pos) {
        return chunk(pos >>> CHUNK_BITS);
    }

    static int offsetIn(int pos) {
        return pos & (CHUNK_SIZE - 1);
    }
}
