package dev.teavec.core.codec;

/**
 * Optional section TEXT_INDEXES of a database snapshot: the collections' full-text indexes as the text
 * module (teavec-text.wasm, {@code fulltext.InvertedIndexCodec}) encoded them. The engine does not read
 * them: it stores each with its collection's position and hands it back; the section CRC guards them
 * like any other. Optional because an index is derived data: a reader that does not know the section
 * skips it and rebuilds the index from the documents.
 */
final class TextIndexesSection implements SectionPayload {
    /** A blob holds at least the codec's layout version and analyzer flags. */
    static final int MIN_BLOB_BYTES = 2;

    /** Per collection, its blobs (none: an empty array). */
    private final byte[][][] texts;

    TextIndexesSection(byte[][][] texts) {
        this.texts = texts;
    }

    /** True when some collection has a blob (otherwise the section is not written). */
    static boolean any(byte[][][] texts) {
        for (byte[][] blobs : texts) {
            if (blobs.length > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int id() {
        return SectionIds.TEXT_INDEXES;
    }

    @Override
    public boolean optional() {
        return true;
    }

    @Override
    public long size() {
        long size = 4;
        for (byte[][] blobs : texts) {
            for (byte[] blob : blobs) {
                size += 8 + blob.length;
            }
        }
        return size;
    }

    @Override
    public void write(SnapshotWriter out) {
        int count = 0;
        for (byte[][] blobs : texts) {
            count += blobs.length;
        }
        out.i32(count);
        for (int c = 0; c < texts.length; c++) {
            for (byte[] blob : texts[c]) {
                out.i32(c);
                out.i32(blob.length);
                out.bytes(blob, 0, blob.length);
            }
        }
    }

    /** The blobs of each of {@code collections} collections; CORRUPT_SNAPSHOT for positions out of order or range. */
    static byte[][][] read(SnapshotLayout layout, DecodeBudget budget, int collections) {
        byte[][][] out = new byte[collections][][];
        int[] counts = new int[collections];
        SnapshotReader in = layout.section(SectionIds.TEXT_INDEXES, budget);
        int count = in.count("text index count", 0, Integer.MAX_VALUE, 8 + MIN_BLOB_BYTES);
        byte[][] blobs = new byte[count][];
        int[] owners = new int[count];
        int previous = 0;
        for (int i = 0; i < count; i++) {
            int at = in.position();
            int owner = in.i32("collection position");
            if (owner < previous || owner >= collections) {
                throw in.corrupt(at, "text index " + i + " belongs to collection " + owner + ", expected "
                        + previous + ".." + (collections - 1));
            }
            int lengthAt = in.position();
            int length = in.i32("text index length");
            if (length < MIN_BLOB_BYTES || length > in.remaining()) {
                throw in.corrupt(lengthAt, "text index " + i + " claims " + (length & 0xFFFFFFFFL) + " bytes, "
                        + in.remaining() + " are left");
            }
            in.charge(length, "a text index");
            blobs[i] = new byte[length];
            in.readBytes(blobs[i], 0, length, "text index");
            owners[i] = owner;
            counts[owner]++;
            previous = owner;
        }
        in.expectEnd();
        for (int c = 0; c < collections; c++) {
            out[c] = new byte[counts[c]][];
            counts[c] = 0;
        }
        for (int i = 0; i < count; i++) {
            out[owners[i]][counts[owners[i]]++] = blobs[i];
        }
        return out;
    }
}
