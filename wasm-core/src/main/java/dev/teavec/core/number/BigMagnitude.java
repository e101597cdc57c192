package dev.teavec.core.number;

/**
 * A mutable unsigned big integer: just the operations exact decimal/binary conversion needs. Our own,
 * because the classlib's BigInteger costs far more .wasm than these few loops. Limbs are 32-bit,
 * least significant first; {@code size} counts the used ones (zero has size 0).
 */
final class BigMagnitude {
    private static final long MASK = 0xFFFFFFFFL;
    /** 5^13, the largest power of five that fits a limb multiplier below 2^31. */
    private static final int FIVE_13 = 1220703125;

    private int[] limbs;
    private int size;

    private BigMagnitude(int[] limbs, int size) {
        this.limbs = limbs;
        this.size = size;
    }

    static BigMagnitude of(long unsigned) {
        BigMagnitude b = new BigMagnitude(new int[4], 0);
        b.limbs[0] = (int) unsigned;
        b.limbs[1] = (int) (unsigned >>> 32);
        b.size = 2;
        b.trim();
        return b;
    }

    BigMagnitude copy() {
        int[] l = new int[Math.max(size + 2, 4)];
        System.arraycopy(limbs, 0, l, 0, size);
        return new BigMagnitude(l, size);
    }

    boolean isZero() {
        return size == 0;
    }

    int bitLength() {
        return size == 0 ? 0 : 32 * (size - 1) + 32 - Integer.numberOfLeadingZeros(limbs[size - 1]);
    }

    /** this = this * mul + add, both read as unsigned 32-bit. */
    BigMagnitude mulAdd(int mul, int add) {
        long m = mul & MASK;
        long carry = add & MASK;
        for (int i = 0; i < size; i++) {
            // (2^32-1)^2 + (2^32-1) < 2^64: the product never leaves 64 unsigned bits.
            long x = (limbs[i] & MASK) * m + carry;
            limbs[i] = (int) x;
            carry = x >>> 32;
        }
        if (carry != 0) {
            grow(size + 1);
            limbs[size++] = (int) carry;
        }
        trim();
        return this;
    }

    BigMagnitude mulPow5(int n) {
        for (; n >= 13; n -= 13) {
            mulAdd(FIVE_13, 0);
        }
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 5;
        }
        return mulAdd(p, 0);
    }

    BigMagnitude mulPow10(int n) {
        return mulPow5(n).shiftLeft(n);
    }

    /** this = this * m for an m below 2^63. */
    BigMagnitude mulLong(long m) {
        int high = (int) (m >>> 32);
        if (high == 0) {
            return mulAdd((int) m, 0);
        }
        BigMagnitude upper = copy().mulAdd(high, 0).shiftLeft(32);
        return mulAdd((int) m, 0).add(upper);
    }

    BigMagnitude shiftLeft(int bits) {
        if (size == 0 || bits == 0) {
            return this;
        }
        int words = bits >>> 5;
        int shift = bits & 31;
        grow(size + words + 1);
        if (shift == 0) {
            for (int i = size - 1; i >= 0; i--) {
                limbs[i + words] = limbs[i];
            }
        } else {
            limbs[size + words] = limbs[size - 1] >>> (32 - shift);
            for (int i = size - 1; i > 0; i--) {
                limbs[i + words] = (limbs[i] << shift) | (limbs[i - 1] >>> (32 - shift));
            }
            limbs[words] = limbs[0] << shift;
        }
        for (int i = 0; i < words; i++) {
            limbs[i] = 0;
        }
        size += words + 1;
        trim();
        return this;
    }

    BigMagnitude add(BigMagnitude o) {
        int n = Math.max(size, o.size);
        grow(n + 1);
        long carry = 0;
        for (int i = 0; i < n; i++) {
            long x = (limb(i) & MASK) + (o.limb(i) & MASK) + carry;
            limbs[i] = (int) x;
            carry = x >>> 32;
        }
        limbs[n] = (int) carry;
        size = n + 1;
        trim();
        return this;
    }

    /** this = this - o; the caller guarantees this >= o. */
    BigMagnitude subtract(BigMagnitude o) {
        long borrow = 0;
        for (int i = 0; i < size; i++) {
            long x = (limbs[i] & MASK) - (o.limb(i) & MASK) - borrow;
            limbs[i] = (int) x;
            borrow = x < 0 ? 1 : 0;
        }
        trim();
        return this;
    }

    int compareTo(BigMagnitude o) {
        if (size != o.size) {
            return size < o.size ? -1 : 1;
        }
        for (int i = size - 1; i >= 0; i--) {
            long a = limbs[i] & MASK;
            long b = o.limbs[i] & MASK;
            if (a != b) {
                return a < b ? -1 : 1;
            }
        }
        return 0;
    }

    /**
     * Replaces this by {@code this mod divisor} and returns the quotient, which the caller guarantees is
     * below 2^56 (a digit, or a double's significand). A floating-point estimate from the leading bits
     * is within a few units; exact corrections finish the job, so there is no long division.
     */
    long divideInPlace(BigMagnitude divisor) {
        int la = bitLength();
        int lb = divisor.bitLength();
        if (la < lb) {
            return 0;
        }
        int sa = Math.max(la - 62, 0);
        int sb = Math.max(lb - 62, 0);
        double estimate = (double) topBits(sa) / (double) divisor.topBits(sb) * powerOfTwo(sa - sb);
        long q = (long) estimate;
        BigMagnitude product = divisor.copy().mulLong(q);
        while (product.compareTo(this) > 0) {
            q--;
            product.subtract(divisor);
        }
        subtract(product);
        while (compareTo(divisor) >= 0) {
            q++;
            subtract(divisor);
        }
        return q;
    }

    /** this >> shift as a long; the caller keeps bitLength() - shift below 64. */
    private long topBits(int shift) {
        int word = shift >>> 5;
        int bit = shift & 31;
        long low = ((limb(word + 1) & MASK) << 32) | (limb(word) & MASK);
        if (bit == 0) {
            return low;
        }
        return (low >>> bit) | ((limb(word + 2) & MASK) << (64 - bit));
    }

    private static double powerOfTwo(int k) {
        return Double.longBitsToDouble((long) (k + 1023) << 52);
    }

    private int limb(int i) {
        return i < size ? limbs[i] : 0;
    }

    private void grow(int capacity) {
        if (limbs.length < capacity) {
            int[] l = new int[Math.max(capacity, limbs.length * 2)];
            System.arraycopy(limbs, 0, l, 0, size);
            limbs = l;
        } else {
            for (int i = size; i < capacity; i++) {
                limbs[i] = 0;
            }
        }
    }

    private void trim() {
        while (size > 0 && limbs[size - 1] == 0) {
            size--;
        }
    }
}
