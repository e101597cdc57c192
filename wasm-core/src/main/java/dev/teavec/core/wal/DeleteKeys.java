package dev.teavec.core.wal;

import dev.teavec.core.db.KeyIndex;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * Deletion of the entries with these keys from a collection, as one record (a delete by filter is logged
 * as the keys it matched). Payload: collection name, u32 n (at least 1), n keys.
 */
public final class DeleteKeys extends WalOperation {
    private final String collection;
    private final String[] keys;

    /** {@code keys} is kept, not copied. */
    public DeleteKeys(String collection, String[] keys) {
        if (keys == null || keys.length == 0) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a delete has at least one key");
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null || keys[i].isEmpty() || keys[i].length() > KeyIndex.MAX_KEY_LENGTH) {
                throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "key " + i + " must be a string of 1.."
                        + KeyIndex.MAX_KEY_LENGTH + " characters");
            }
        }
        this.collection = checkName(collection, "a collection name");
        this.keys = keys;
    }

    @Override
    public int op() {
        return WalOp.DELETE;
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

    @Override
    long payloadSize() {
        long size = WalBuffer.textSize(collection) + 4;
        for (String key : keys) {
            size += WalBuffer.textSize(key);
        }
        return size;
    }

    @Override
    void write(WalBuffer out) {
        out.text(collection);
        out.i32(keys.length);
        for (String key : keys) {
            out.text(key);
        }
    }

    static DeleteKeys read(WalPayloadReader in) {
        String collection = readName(in, "the collection name");
        int n = in.count("the key count", 1, Integer.MAX_VALUE, 5);
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = in.text(1, KeyIndex.MAX_KEY_LENGTH, "key " + i);
        }
        return new DeleteKeys(collection, keys);
    }
}
