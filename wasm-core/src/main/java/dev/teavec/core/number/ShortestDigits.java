package dev.teavec.core.number;

/**
 * The shortest decimal {@code digits × 10^exponent} that reads back as a given double (or float),
 * and of those the nearest to it (ties to an even last digit).
 *
 * <p>What reads back as the value is an interval around it, bounded by the halfway points to its
 * neighbours. So if any p-digit decimal lies in it, the p-digit truncation of the value or that plus
 * one unit does (the nearest p-digit decimals on either side), and the first p where one of the two
 * qualifies is the shortest. The value's first 17 digits and the exact remainder come from one big
 * integer ratio (R/S, scaled into [0.1, 1)); two more divisions turn the interval's bounds into
 * limits on the dropped digits, so trying every p is then plain long arithmetic.
 */
final class ShortestDigits {
    private static final int DIGITS = 17;
    private static final long TEN_TO_DIGITS = 100_000_000_000_000_000L;

    /** No trailing zeros. */
    final long digits;
    final int exponent;

    private ShortestDigits(long digits, int exponent) {
        long d = digits;
        int e = exponent;
        while (d % 10 == 0) {
            d /= 10;
            e++;
        }
        this.digits = d;
        this.exponent = e;
    }

    /** For a finite d > 0. */
    static ShortestDigits ofDouble(double d) {
        long bits = Double.doubleToRawLongBits(d);
        int biased = (int) (bits >>> 52);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        long significand = biased == 0 ? fraction : fraction | (1L << 52);
        int ulpExponent = biased == 0 ? -1074 : biased - 1075;
        // In quarter ulps: halfway to the neighbour below is 2 away, or 1 just above a power of two
        // (where the neighbour below is half as far). An even significand wins the ties, so owns the
        // halfway points themselves.
        boolean closerBelow = fraction == 0 && biased > 1;
        boolean even = (significand & 1) == 0;
        return generate(BigMagnitude.of(4 * significand), ulpExponent - 2, binaryExponent(significand, ulpExponent),
                closerBelow ? 1 : 2, even, 2, even);
    }

    /** For a finite f > 0: the shortest decimal whose nearest double, rounded to a float, is f. */
    static ShortestDigits ofFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int biased = bits >>> 23;
        long significand = biased == 0 ? bits : (bits & 0x7FFFFF) | (1 << 23);
        int ulpExponent = biased == 0 ? -149 : biased - 150;
        boolean even = (significand & 1) == 0;
        return generate(BigMagnitude.of(significand).shiftLeft(56), ulpExponent - 56,
                binaryExponent(significand, ulpExponent), floatReach(f, false), even, floatReach(f, true), even);
    }

    /**
     * How far below (or above) a finite f > 0 decimals still read back as f, in units of 2^(u - 56)
     * for f's ulp 2^u; the ends count when f is even. Reading rounds twice (to a double, then to a
     * float), so the ends are f's halfway points moved by half a double gap: outward when f is even
     * (a decimal whose double lands on the halfway point still goes to f), inward when f is odd.
     */
    static long floatReach(float f, boolean above) {
        int bits = Float.floatToRawIntBits(f);
        int biased = bits >>> 23;
        int fraction = bits & 0x7FFFFF;
        long significand = biased == 0 ? fraction : fraction | (1 << 23);
        boolean even = (significand & 1) == 0;
        // The halfway point is m·2^t with m odd: (2F+1)·2^(u-1) above; (2F-1)·2^(u-1) below, or
        // (4F-1)·2^(u-2) just above a power of two. Doubles there lie 2^(t + bitLength(m) - 53) apart
        // (half that below a power of two), so half a gap is 2^(bitLength(m) + 1) units, or
        // 2^bitLength(m) when t = u - 2.
        boolean closerBelow = !above && fraction == 0 && biased > 1;
        long halfway = closerBelow ? 1L << 54 : 1L << 55;
        long odd = above ? 2 * significand + 1 : closerBelow ? 4 * significand - 1 : 2 * significand - 1;
        long halfGap = closerBelow ? 1L << bitLength(odd) : 1L << (bitLength(odd) + 1);
        if (even) {
            return halfway + (!above && odd == 1 ? halfGap / 2 : halfGap);
        }
        return halfway - halfGap;
    }

    /**
     * The value is r × 2^e2 and reads back exactly when it lies within [v - below·2^e2, v + above·2^e2]
     * (each end included or not). binaryExponent: floor(log2 v).
     */
    private static ShortestDigits generate(BigMagnitude r, int e2, int binaryExponent, long below,
            boolean lowIncluded, long above, boolean highIncluded) {
        BigMagnitude s = BigMagnitude.of(1);
        BigMagnitude low = BigMagnitude.of(below);
        BigMagnitude high = BigMagnitude.of(above);
        if (e2 >= 0) {
            r.shiftLeft(e2);
            low.shiftLeft(e2);
            high.shiftLeft(e2);
        } else {
            s.shiftLeft(-e2);
        }
        // 10^(k-1) <= 2^binaryExponent <= v < 2·10^k, so v / 10^k lies in [0.1, 2): the first loop below
        // corrects the estimate when v >= 10^k. The second never runs unless floor() were off (a leading zero
        // digit would leave too few significant digits), but costs next to nothing.
        int k = (int) Math.floor(binaryExponent * 0.30102999566398120) + 1;
        if (k >= 0) {
            s.mulPow10(k);
        } else {
            r.mulPow10(-k);
            low.mulPow10(-k);
            high.mulPow10(-k);
        }
        while (r.compareTo(s) >= 0) {
            s.mulAdd(10, 0);
            k++;
        }
        while (r.copy().mulAdd(10, 0).compareTo(s) < 0) {
            r.mulAdd(10, 0);
            low.mulAdd(10, 0);
            high.mulAdd(10, 0);
            k--;
        }
        // v = 0.d1d2... × 10^k. The first 17 digits, in two quotients that fit the divider.
        long top = r.mulAdd(1_000_000_000, 0).divideInPlace(s);
        long digits = top * 100_000_000L + r.mulAdd(100_000_000, 0).divideInPlace(s);
        // Now v = (digits + r/s) × 10^(k-17). With t the digits dropped to keep p of them, the truncation
        // qualifies when t·s + r <= low·10^17, the truncation plus one when (10^(17-p) - t)·s - r <=
        // high·10^17: bounds on t, each from one division.
        low.mulPow10(DIGITS);
        high.mulPow10(DIGITS);
        long maxDropped = -1;
        if (low.compareTo(r) >= 0) {
            long q = low.subtract(r).divideInPlace(s);
            maxDropped = lowIncluded || !low.isZero() ? q : q - 1;
        }
        long q = high.add(r).divideInPlace(s);
        long maxGap = highIncluded || !high.isZero() ? q : q - 1;
        long unit = TEN_TO_DIGITS;
        for (int p = 1; p <= DIGITS; p++) {
            unit /= 10;
            long kept = digits / unit;
            long dropped = digits % unit;
            boolean down = dropped <= maxDropped;
            boolean up = unit - dropped <= maxGap;
            // At 17 digits the nearer candidate always qualifies (half a unit there, at most 5e-17·v,
            // is less than a double's smallest reach, 2^-54·v), so it is taken outright.
            if (down && up || p == DIGITS) {
                // The nearer of the two: compare (dropped + r/s) with unit/2.
                long twice = unit - 2 * dropped;
                int side = twice >= 2 ? -1 : twice < 0 ? 1 : twice == 1 ? -halfCompare(r, s) : r.isZero() ? 0 : 1;
                up = side > 0 || (side == 0 && (kept & 1) == 1);
                down = !up;
            }
            if (down || up) {
                return new ShortestDigits(up ? kept + 1 : kept, k - p);
            }
        }
        throw new AssertionError("unreachable: p == 17 always returns");
    }

    /** Sign of s - 2r: positive when r/s is below one half. */
    private static int halfCompare(BigMagnitude r, BigMagnitude s) {
        return s.compareTo(r.copy().shiftLeft(1));
    }

    private static int binaryExponent(long significand, int ulpExponent) {
        return ulpExponent + 63 - Long.numberOfLeadingZeros(significand);
    }

    private static int bitLength(long v) {
        return 64 - Long.numberOfLeadingZeros(v);
    }
}
