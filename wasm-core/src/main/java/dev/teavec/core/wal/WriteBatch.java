package dev.teavec.core.wal;

import dev.teavec.core.db.KeyIndex;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.ConfigField;

/**
 * One add, upsert or update batch of a collection: one record, so a batch is in the log entirely or
 * not at all. Each entry has a key and, each optionally, a vector (float32), metadata (the JSON text
 * the engine was given, so replay parses exactly what the original call parsed) and a document.
 * Payload, column by column so the vectors lie end to end:
 *
 * <pre>
 * string        collection name
 * u32 n         entries, at least 1
 * u32 dims      dimensions of every vector; 0 when no entry has one
 * n × u8        flags: bit 0 vector, bit 1 metadata, bit 2 document
 * n × string    keys (1..4096 characters)
 * v × dims f32  vectors of the v entries with bit 0, in entry order (finite)
 * m × string    metadata JSON of the m entries with bit 1
 * d × string    documents of the d entries with bit 2
 * </pre>
 */
public final class WriteBatch extends WalOperation {
    static final int VECTOR = 1;
    static final int METADATA = 2;
    static final int DOCUMENT = 4;
    /** The most the dimensions setting allows ({@link ConfigField#DIMENSIONS}); 0 is a batch without vectors. */
    public static final int MAX_DIMENSIONS = ConfigField.MAX_DIMENSIONS;

    private final int op;
    private final String collection;
    private final String[] keys;
    private final byte[] flags;
    private final int dims;
    private final float[] vectors;
    private final String[] metadata;
    private final String[] documents;

    /**
     * {@code hasVector}: which entries carry a vector (null: all of them when {@code dims > 0}, none when 0);
     * {@code vectors}: theirs, end to end. {@code metadata}, {@code documents}: null, or one per entry, null
     * where the entry has none. The arrays are kept, not copied.
     */
    public WriteBatch(int op, String collection, String[] keys, int dims, boolean[] hasVector, float[] vectors,
            String[] metadata, String[] documents) {
        if (!WalOp.isBatch(op)) {
            throw invalid(WalOp.name(op) + " is not a batch operation");
        }
        if (keys == null || keys.length == 0) {
            throw invalid("a batch has at least one entry");
        }
        int n = keys.length;
        if (dims < 0 || dims > MAX_DIMENSIONS) {
            throw invalid("dimensions must be in 0.." + MAX_DIMENSIONS + ", got " + dims);
        }
        if ((hasVector != null && hasVector.length != n) || (metadata != null && metadata.length != n)
                || (documents != null && documents.length != n)) {
            throw invalid("every column of a batch has one element per key (" + n + ")");
        }
        byte[] flags = new byte[n];
        int withVector = 0;
        for (int i = 0; i < n; i++) {
            String key = keys[i];
            if (key == null || key.isEmpty() || key.length() > KeyIndex.MAX_KEY_LENGTH) {
                throw invalid("key " + i + " must be a string of 1.." + KeyIndex.MAX_KEY_LENGTH + " characters");
            }
            boolean vector = dims > 0 && (hasVector == null || hasVector[i]);
            withVector += vector ? 1 : 0;
            flags[i] = (byte) ((vector ? VECTOR : 0) | (metadata != null && metadata[i] != null ? METADATA : 0)
                    | (documents != null && documents[i] != null ? DOCUMENT : 0));
        }
        if ((vectors == null ? 0 : vectors.length) != (long) withVector * dims) {
            throw invalid(withVector + " vectors of " + dims + " dimensions are " + ((long) withVector * dims)
                    + " numbers, got " + (vectors == null ? 0 : vectors.length));
        }
        if (dims > 0 && withVector == 0) {
            throw invalid("a batch with dimensions has at least one vector");
        }
        this.op = op;
        this.collection = checkName(collection, "a collection name");
        this.keys = keys;
        this.flags = flags;
        this.dims = dims;
        this.vectors = vectors == null ? new float[0] : vectors;
        this.metadata = metadata;
        this.documents = documents;
    }

    private static TeaVecException invalid(String message) {
        return new TeaVecException(ErrorCode.INVALID_ARGUMENT, message);
    }

    @Override
    public int op() {
        return op;
    }

    public String collection() {
        return collection;
    }

    public int size() {
        return keys.length;
    }

    public String key(int i) {
        return keys[i];
    }

    public int dimensions() {
        return dims;
    }

    public boolean hasVector(int i) {
        return (flags[i] & VECTOR) != 0;
    }

    /** The vectors of the entries that have one, end to end, in entry order. Not copied: do not modify. */
    public float[] vectors() {
        return vectors;
    }

    /** The metadata JSON of entry {@code i}, or null. */
    public String metadata(int i) {
        return metadata == null ? null : metadata[i];
    }

    public String document(int i) {
        return documents == null ? null : documents[i];
    }

    @Override
    long payloadSize() {
        long size = WalBuffer.textSize(collection) + 8 + keys.length + 4L * vectors.length;
        for (int i = 0; i < keys.length; i++) {
            size += WalBuffer.textSize(keys[i]);
            size += metadata(i) == null ? 0 : WalBuffer.textSize(metadata[i]);
            size += document(i) == null ? 0 : WalBuffer.textSize(documents[i]);
        }
        return size;
    }

    @Override
    void write(WalBuffer out) {
        out.text(collection);
        out.i32(keys.length);
        out.i32(dims);
        for (byte f : flags) {
            out.u8(f);
        }
        for (String key : keys) {
            out.text(key);
        }
        out.floats(vectors, 0, vectors.length);
        for (int i = 0; i < keys.length; i++) {
            if (metadata(i) != null) {
                out.text(metadata[i]);
            }
        }
        for (int i = 0; i < keys.length; i++) {
            if (document(i) != null) {
                out.text(documents[i]);
            }
        }
    }

    static WriteBatch read(int op, WalPayloadReader in) {
        String collection = readName(in, "the collection name");
        // Each entry takes at least its flags byte and a key of at least 5 bytes.
        int n = in.count("the entry count", 1, Integer.MAX_VALUE, 6);
        int dims = in.count("the dimensions", 0, MAX_DIMENSIONS, 0);
        byte[] flags = new byte[n];
        int withVector = 0;
        boolean anyMetadata = false;
        boolean anyDocument = false;
        for (int i = 0; i < n; i++) {
            int f = in.u8("the flags");
            if ((f & ~(VECTOR | METADATA | DOCUMENT)) != 0 || (dims == 0 && (f & VECTOR) != 0)) {
                throw in.malformed("entry " + i + " has flags " + f + (dims == 0 ? " in a batch without vectors" : ""));
            }
            flags[i] = (byte) f;
            withVector += f & VECTOR;
            anyMetadata |= (f & METADATA) != 0;
            anyDocument |= (f & DOCUMENT) != 0;
        }
        if (dims > 0 && withVector == 0) {
            throw in.malformed("a batch of " + dims + " dimensions has no vector");
        }
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = in.text(1, KeyIndex.MAX_KEY_LENGTH, "key " + i);
        }
        long floats = (long) withVector * dims;
        if (4 * floats > in.remaining()) {
            throw in.malformed(withVector + " vectors of " + dims + " dimensions need " + 4 * floats + " bytes, "
                    + in.remaining() + " left in the payload");
        }
        float[] vectors = new float[(int) floats];
        in.floats(vectors, 0, vectors.length, "the vectors");
        String[] metadata = anyMetadata ? texts(in, flags, METADATA, "the metadata of entry ") : null;
        String[] documents = anyDocument ? texts(in, flags, DOCUMENT, "the document of entry ") : null;
        boolean[] hasVector = new boolean[n];
        for (int i = 0; i < n; i++) {
            hasVector[i] = (flags[i] & VECTOR) != 0;
        }
        return new WriteBatch(op, collection, keys, dims, hasVector, vectors, metadata, documents);
    }

    private static String[] texts(WalPayloadReader in, byte[] flags, int bit, String what) {
        String[] out = new String[flags.length];
        for (int i = 0; i < flags.length; i++) {
            if ((flags[i] & bit) != 0) {
                out[i] = in.text(0, Integer.MAX_VALUE, what + i);
            }
        }
        return out;
    }
}
