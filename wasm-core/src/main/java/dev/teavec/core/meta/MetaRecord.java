package dev.teavec.core.meta;

/**
 * The metadata of one vector: keys (as {@link KeyTable} ids) and values in insertion order.
 * Immutable: an edit makes a new record (records hold at most {@link JsonReader#MAX_KEYS} keys,
 * so a copy is cheap and no reader ever sees a half-changed record).
 */
public final class MetaRecord {
    private final int[] keyIds;
    private final MetaValue[] values;

    /** Takes ownership of both arrays, which must have the same length and distinct key ids. */
    public MetaRecord(int[] keyIds, MetaValue[] values) {
        assert keyIds.length == values.length : "keys and values differ in length";
        this.keyIds = keyIds;
        this.values = values;
    }

    public int size() {
        return keyIds.length;
    }

    public int keyId(int i) {
        return keyIds[i];
    }

    public MetaValue value(int i) {
        return values[i];
    }

    /** The value under {@code keyId}, or null when the record has no such key. */
    public MetaValue get(int keyId) {
        for (int i = 0; i < keyIds.length; i++) {
            if (keyIds[i] == keyId) {
                return values[i];
            }
        }
        return null;
    }

    /** This record with {@code keyId} set to {@code value} (replaced in place, or appended). */
    public MetaRecord with(int keyId, MetaValue value) {
        int n = keyIds.length;
        for (int i = 0; i < n; i++) {
            if (keyIds[i] == keyId) {
                MetaValue[] v = values.clone();
                v[i] = value;
                return new MetaRecord(keyIds, v);
            }
        }
        int[] k = new int[n + 1];
        MetaValue[] v = new MetaValue[n + 1];
        System.arraycopy(keyIds, 0, k, 0, n);
        System.arraycopy(values, 0, v, 0, n);
        k[n] = keyId;
        v[n] = value;
        return new MetaRecord(k, v);
    }

    /** This record without {@code keyId}; null when that leaves it empty; itself when the key is absent. */
    public MetaRecord without(int keyId) {
        int n = keyIds.length;
        for (int i = 0; i < n; i++) {
            if (keyIds[i] == keyId) {
                if (n == 1) {
                    return null;
                }
                int[] k = new int[n - 1];
                MetaValue[] v = new MetaValue[n - 1];
                System.arraycopy(keyIds, 0, k, 0, i);
                System.arraycopy(values, 0, v, 0, i);
                System.arraycopy(keyIds, i + 1, k, i, n - i - 1);
                System.arraycopy(values, i + 1, v, i, n - i - 1);
                return new MetaRecord(k, v);
            }
        }
        return this;
    }

    long bytesEstimate() {
        long b = 48 + 4L * keyIds.length + 4L * values.length;
        for (MetaValue v : values) {
            b += v.bytesEstimate();
        }
        return b;
    }
}
