package dev.teavec.core.codec;

/**
 * Optional section TEXT_INDEXES of a database snapshot: the collections' full-text indexes as the text
 * module (teavec-text.wasm, {@code fulltext.InvertedIndexCodec}) encoded them, for each collection in
 * COLLECTIONS order. The engine does not read them; the section CRC guards them like any other.
 * Optional because an index is derived data: a reader that does not know the section skips it and
 * rebuilds the indexes from the documents.
 */
final class TextIndexesSection implements SectionPayload {
    /** Per collection, its blobs (null: none). */
    private final byte[][][] texts;

    TextIndexesSection(byte[][][] texts) {
        this.texts = texts;
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
        long size = 4 + 4L * texts.length;
        for (byte[][] blobs : texts) {
            for (int j = 0; blobs != null && j < blobs.length; j++) {
                size += 4 + blobs[j].length;
            }
        }
        return size;
    }

    @Override
    public void write(SnapshotWriter out) {
        out.i32(texts.length);
        for (byte[][] blobs : texts) {
            out.i32(blobs == null ? 0 : blobs.length);
            for (int j = 0; blobs != null && j < blobs.length; j++) {
                out.i32(blobs[j].length);
                out.bytes(blobs[j], 0, blobs[j].length);
            }
        }
    }

    /** The blobs of each collection (the caller checks there is one entry per collection). */
    static byte[][][] read(SnapshotLayout layout, DecodeBudget budget) {
        SnapshotReader in = layout.section(SectionIds.TEXT_INDEXES, budget);
        byte[][][] out = new byte[in.count("collection count", 0, SnapshotLimits.MAX_COLLECTIONS, 4)][][];
        for (int c = 0; c < out.length; c++) {
            out[c] = new byte[in.count("text index count", 0, Integer.MAX_VALUE, 6)][];
            for (int j = 0; j < out[c].length; j++) {
                // At least the codec's layout version and analyzer flags.
                byte[] blob = new byte[in.count("text index length", 2, Integer.MAX_VALUE, 1)];
                in.charge(blob.length, "a text index");
                in.readBytes(blob, 0, blob.length, "text index");
                out[c][j] = blob;
            }
        }
        in.expectEnd();
        return out;
    }
}
