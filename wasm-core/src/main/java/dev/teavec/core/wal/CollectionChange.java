package dev.teavec.core.wal;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * createCollection, deleteCollection or a change of a collection's name or metadata. Payloads:
 * <ul>
 * <li>CREATE_COLLECTION: name, settings (the JS layer's JSON text of the collection's metadata and options,
 *     as database snapshots hold it);</li>
 * <li>DELETE_COLLECTION: name;</li>
 * <li>MODIFY_COLLECTION: name, u8 what changes (bit 0 the name, bit 1 the metadata), then the new name and
 *     the new metadata JSON text ({@code null} clears it), each only when its bit is set.</li>
 * </ul>
 */
public final class CollectionChange extends WalOperation {
    private static final int NEW_NAME = 1;
    private static final int NEW_METADATA = 2;

    private final int op;
    private final String name;
    private final String text;
    private final String newName;

    private CollectionChange(int op, String name, String text, String newName) {
        this.op = op;
        this.name = checkName(name, "a collection name");
        this.text = text;
        this.newName = newName;
    }

    public static CollectionChange create(String name, String settingsJson) {
        if (settingsJson == null) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "createCollection needs its settings JSON");
        }
        return new CollectionChange(WalOp.CREATE_COLLECTION, name, settingsJson, null);
    }

    public static CollectionChange delete(String name) {
        return new CollectionChange(WalOp.DELETE_COLLECTION, name, null, null);
    }

    /** {@code newName} null: unchanged; {@code metadataJson} null: unchanged ("null" clears the metadata). */
    public static CollectionChange modify(String name, String newName, String metadataJson) {
        if (newName == null && metadataJson == null) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a collection change needs a new name or metadata");
        }
        return new CollectionChange(WalOp.MODIFY_COLLECTION, name, metadataJson,
                newName == null ? null : checkName(newName, "the new collection name"));
    }

    @Override
    public int op() {
        return op;
    }

    public String name() {
        return name;
    }

    /** CREATE_COLLECTION: the settings JSON. */
    public String settings() {
        return op == WalOp.CREATE_COLLECTION ? text : null;
    }

    /** MODIFY_COLLECTION: the new metadata JSON, or null when the metadata does not change. */
    public String metadata() {
        return op == WalOp.MODIFY_COLLECTION ? text : null;
    }

    /** MODIFY_COLLECTION: the new name, or null when the name does not change. */
    public String newName() {
        return newName;
    }

    @Override
    long payloadSize() {
        long size = WalBuffer.textSize(name);
        if (op == WalOp.MODIFY_COLLECTION) {
            size += 1;
            size += newName == null ? 0 : WalBuffer.textSize(newName);
        }
        return size + (text == null ? 0 : WalBuffer.textSize(text));
    }

    @Override
    void write(WalBuffer out) {
        out.text(name);
        if (op == WalOp.MODIFY_COLLECTION) {
            out.u8((newName == null ? 0 : NEW_NAME) | (text == null ? 0 : NEW_METADATA));
            if (newName != null) {
                out.text(newName);
            }
        }
        if (text != null) {
            out.text(text);
        }
    }

    static CollectionChange read(int op, WalPayloadReader in) {
        String name = readName(in, "the collection name");
        if (op == WalOp.CREATE_COLLECTION) {
            return new CollectionChange(op, name, in.text(0, Integer.MAX_VALUE, "the settings"), null);
        }
        if (op == WalOp.DELETE_COLLECTION) {
            return new CollectionChange(op, name, null, null);
        }
        int what = in.u8("what changes");
        if (what == 0 || (what & ~(NEW_NAME | NEW_METADATA)) != 0) {
            throw in.malformed("a collection change of kind " + what + " (bits 0 and 1 only, at least one)");
        }
        String newName = (what & NEW_NAME) != 0 ? readName(in, "the new collection name") : null;
        String metadata = (what & NEW_METADATA) != 0 ? in.text(0, Integer.MAX_VALUE, "the metadata") : null;
        return new CollectionChange(op, name, metadata, newName);
    }
}
