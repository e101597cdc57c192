package dev.teavec.core.wal;

/** Operation codes of log records. Codes are never reused; a new operation gets a new code. */
public final class WalOp {
    /** First record of every segment: which checkpoint generation the log continues from. */
    public static final int SEGMENT_START = 1;
    public static final int CREATE_COLLECTION = 2;
    public static final int DELETE_COLLECTION = 3;
    public static final int MODIFY_COLLECTION = 4;
    public static final int ADD = 5;
    public static final int UPSERT = 6;
    public static final int UPDATE = 7;
    public static final int DELETE = 8;
    /** A change through the single-index API: method and arguments ({@link IndexCall}). */
    public static final int INDEX_CALL = 9;

    private static final String[] NAMES = {null, "segment-start", "create-collection", "delete-collection",
        "modify-collection", "add", "upsert", "update", "delete", "index-call"};

    private WalOp() {
    }

    public static boolean isKnown(int op) {
        return op > 0 && op < NAMES.length;
    }

    public static String name(int op) {
        return isKnown(op) ? NAMES[op] : "operation " + op;
    }

    /** The batch operations: their payload is a {@link WriteBatch}. */
    public static boolean isBatch(int op) {
        return op == ADD || op == UPSERT || op == UPDATE;
    }
}
