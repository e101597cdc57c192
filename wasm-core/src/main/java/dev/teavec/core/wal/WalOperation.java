package dev.teavec.core.wal;

import dev.teavec.core.codec.SnapshotLimits;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * What one log record says happened: the payload of one {@link WalOp} code. Immutable; constructors
 * check their arguments (INVALID_ARGUMENT), decoding checks the bytes (CORRUPT_SNAPSHOT).
 */
public abstract class WalOperation {
    /** Collection names: at most this many UTF-16 units (the snapshot's name limit). */
    public static final int MAX_NAME_LENGTH = SnapshotLimits.MAX_NAME_BYTES;

    WalOperation() {
    }

    public abstract int op();

    /** Exact bytes {@link #write} appends. */
    abstract long payloadSize();

    abstract void write(WalBuffer out);

    /** The operation {@code op}'s payload in {@code in}, read to its last byte. */
    static WalOperation read(int op, WalPayloadReader in) {
        WalOperation operation;
        switch (op) {
            case WalOp.SEGMENT_START:
                operation = SegmentStart.read(in);
                break;
            case WalOp.CREATE_COLLECTION:
            case WalOp.DELETE_COLLECTION:
            case WalOp.MODIFY_COLLECTION:
                operation = CollectionChange.read(op, in);
                break;
            case WalOp.DELETE:
                operation = DeleteKeys.read(in);
                break;
            case WalOp.INDEX_CALL:
                operation = IndexCall.read(in);
                break;
            default:
                operation = WriteBatch.read(op, in);
                break;
        }
        in.expectEnd();
        return operation;
    }

    static String checkName(String name, String what) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, what + " must be a string of 1.." + MAX_NAME_LENGTH
                    + " characters");
        }
        return name;
    }

    static String readName(WalPayloadReader in, String what) {
        return in.text(1, MAX_NAME_LENGTH, what);
    }
}
