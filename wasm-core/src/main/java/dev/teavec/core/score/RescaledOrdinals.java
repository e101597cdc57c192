package dev.teavec.core.score;

/**
 * The few ordinals stored rescaled under cosine ({@code CosineScale}): each with its power-of-two
 * exponent and, where the owner keeps one, the vector as it was added. Vectors that need rescaling
 * are rare (components beyond 2^±40), so this is a sorted list, not a per-ordinal array; ordinals
 * arrive in increasing order, as vector values append them.
 */
final class RescaledOrdinals {
    private int[] ords = new int[4];
    private int[] exponents = new int[4];
    private float[][] originals = new float[4][];
    private int count;

    /** Records {@code ord}, greater than every ordinal recorded before. */
    void add(int ord, int exponent, float[] original) {
        assert count == 0 || ord > ords[count - 1] : "ordinals must increase";
        if (count == ords.length) {
            int[] o = new int[2 * count];
            int[] e = new int[2 * count];
            float[][] v = new float[2 * count][];
            System.arraycopy(ords, 0, o, 0, count);
            System.arraycopy(exponents, 0, e, 0, count);
            System.arraycopy(originals, 0, v, 0, count);
            ords = o;
            exponents = e;
            originals = v;
        }
        ords[count] = ord;
        exponents[count] = exponent;
        originals[count++] = original;
    }

    /** Index of {@code ord} in this list, or -1 when it was stored as given. */
    int indexOf(int ord) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ords[mid] < ord) {
                lo = mid + 1;
            } else if (ords[mid] > ord) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The exponent of {@code ord}, 0 when it was stored as given. */
    int exponentOf(int ord) {
        int i = indexOf(ord);
        return i < 0 ? 0 : exponents[i];
    }

    /** The vector {@code ord} was added as (not copied: do not modify), or null. */
    float[] originalOf(int ord) {
        int i = indexOf(ord);
        return i < 0 ? null : originals[i];
    }

    int size() {
        return count;
    }

    long bytesUsed(int dimensions) {
        long bytes = 8L * ords.length + 8L * originals.length;
        for (int i = 0; i < count; i++) {
            bytes += originals[i] == null ? 0 : 4L * dimensions;
        }
        return bytes;
    }
}
