package dev.teavec.core.number;

/**
 * The double nearest to {@code digits × 10^exp10} (ties to even), computed exactly: the value is the
 * ratio P/Q × 2^b of two big integers, and the significand is their quotient at the right binary scale,
 * rounded on the exact remainder. Slow next to the fast path, but only long or extreme inputs get here.
 */
final class NearestDouble {
    private static final long INFINITY_BITS = 0x7FF0000000000000L;

    private NearestDouble() {
    }

    /** digits > 0; exp10 within a few hundred of the double range (the caller clamps the rest). */
    static double of(BigMagnitude digits, int exp10) {
        BigMagnitude p;
        BigMagnitude q;
        if (exp10 >= 0) {
            p = digits.copy().mulPow5(exp10);
            q = BigMagnitude.of(1);
        } else {
            p = digits.copy();
            q = BigMagnitude.of(1).mulPow5(-exp10);
        }
        int b = exp10;
        // value = p / q × 2^b lies in [2^e, 2^(e+1)), e one of two neighbours; one comparison decides.
        int e = p.bitLength() - q.bitLength() + b;
        if (compareShifted(p, q, p.bitLength() - q.bitLength()) < 0) {
            e--;
        }
        if (e > 1023) {
            return Double.POSITIVE_INFINITY;
        }
        if (e < -1076) {
            return 0.0;
        }
        // u: the exponent of the result's last significand bit; subnormals keep it at -1074.
        int u = Math.max(e - 52, -1074);
        BigMagnitude a = b - u >= 0 ? p.shiftLeft(b - u) : p;
        BigMagnitude d = b - u < 0 ? q.shiftLeft(u - b) : q;
        long significand = a.divideInPlace(d);
        int half = a.shiftLeft(1).compareTo(d);
        if (half > 0 || (half == 0 && (significand & 1) == 1)) {
            significand++;
        }
        // Adding the exponent field lets a significand that rounded up to 2^53 carry into it, and
        // a subnormal one into the smallest normal: the IEEE layout makes both come out right.
        long bits = significand + ((long) (u + 1074) << 52);
        return bits >= INFINITY_BITS ? Double.POSITIVE_INFINITY : Double.longBitsToDouble(bits);
    }

    /** Compares p with q × 2^shift (either sign of shift) without changing p or q. */
    private static int compareShifted(BigMagnitude p, BigMagnitude q, int shift) {
        return shift >= 0 ? p.compareTo(q.copy().shiftLeft(shift)) : p.copy().shiftLeft(-shift).compareTo(q);
    }
}
