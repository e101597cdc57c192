package dev.teavec.core.number;

/**
 * Decimal text to the nearest double (IEEE round-half-even), for text of the form
 * {@code [+-]digits[.digits][(e|E)[+-]digits]} (digits may be empty on one side of the point).
 * Short inputs take Clinger's fast path: with at most 15 significant digits and a power of ten
 * that is itself an exact double, one IEEE multiplication or division is the correctly rounded
 * result. Everything else goes through {@link NearestDouble}'s exact big-integer rounding.
 */
final class DecimalParser {
    /** Beyond this the exponent only decides between zero and infinity, and int arithmetic stays safe. */
    private static final int EXPONENT_CLAMP = 100_000;
    private static final int MAX_FAST_DIGITS = 15;
    private static final int MAX_EXACT_POWER = 22;

    private DecimalParser() {
    }

    static double parse(String s, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int mantissaStart = i;
        int point = -1;
        int digitCount = 0;
        int first = -1;
        int last = -1;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.' && point < 0) {
                point = digitCount;
            } else if (c >= '0' && c <= '9') {
                if (c != '0') {
                    if (first < 0) {
                        first = digitCount;
                    }
                    last = digitCount;
                }
                digitCount++;
            } else {
                break;
            }
        }
        if (digitCount == 0) {
            throw invalid(s, start, end);
        }
        int mantissaEnd = i;
        long exponent = 0;
        if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                negativeExponent = s.charAt(i) == '-';
                i++;
            }
            int exponentStart = i;
            for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                exponent = Math.min(exponent * 10 + (s.charAt(i) - '0'), EXPONENT_CLAMP);
            }
            if (i == exponentStart) {
                throw invalid(s, start, end);
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != end) {
            throw invalid(s, start, end);
        }
        double magnitude = first < 0 ? 0.0 : magnitude(s, mantissaStart, mantissaEnd, first, last,
                (int) exponent + (point < 0 ? digitCount : point) - 1 - last);
        return negative ? negate(magnitude) : magnitude;
    }

    /** -x, zero included: TeaVM compiles unary minus to 0 - x, which turns -0 into +0. */
    private static double negate(double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) ^ Long.MIN_VALUE);
    }

    /**
     * The value of the significant digits (indices first..last among the mantissa's digits, skipping
     * the point) times 10^exp10.
     */
    private static double magnitude(String s, int from, int to, int first, int last, int exp10) {
        int count = last - first + 1;
        // value lies in [10^(count-1+exp10), 10^(count+exp10)): far enough out, that decides it.
        if (count - 1 + exp10 > 309) {
            return Double.POSITIVE_INFINITY;
        }
        if (count + exp10 < -324) {
            return 0.0;
        }
        if (count <= MAX_FAST_DIGITS) {
            long digits = 0;
            for (int index = 0, i = from; index <= last; i++) {
                char c = s.charAt(i);
                if (c != '.') {
                    if (index >= first) {
                        digits = digits * 10 + (c - '0');
                    }
                    index++;
                }
            }
            double fast = fastPath(digits, count, exp10);
            if (fast >= 0) {
                return fast;
            }
            return NearestDouble.of(BigMagnitude.of(digits), exp10);
        }
        return NearestDouble.of(bigDigits(s, from, to, first, last), exp10);
    }

    /**
     * digits × 10^exp10 for positive digits of at most {@code count} <= 15 decimal digits; -1 where the
     * fast path does not apply.
     */
    private static double fastPath(long digits, int count, int exp10) {
        if (exp10 >= 0 && exp10 <= MAX_EXACT_POWER) {
            return digits * exactPowerOfTen(exp10);
        }
        if (exp10 < 0 && exp10 >= -MAX_EXACT_POWER) {
            return digits / exactPowerOfTen(-exp10);
        }
        int spare = MAX_FAST_DIGITS - count;
        if (exp10 > MAX_EXACT_POWER && exp10 <= MAX_EXACT_POWER + spare) {
            // Move the excess power into the digits: still below 10^15, so still exact.
            long scaled = digits * (long) exactPowerOfTen(exp10 - MAX_EXACT_POWER);
            return scaled * exactPowerOfTen(MAX_EXACT_POWER);
        }
        return -1;
    }

    /** 10^n for 0 <= n <= 22: every intermediate product is an exact double. */
    private static double exactPowerOfTen(int n) {
        double p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private static BigMagnitude bigDigits(String s, int from, int to, int first, int last) {
        BigMagnitude b = BigMagnitude.of(0);
        int chunk = 0;
        int chunkScale = 1;
        for (int index = 0, i = from; i < to && index <= last; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                continue;
            }
            if (index >= first) {
                chunk = chunk * 10 + (c - '0');
                chunkScale *= 10;
                if (chunkScale == 1_000_000_000) {
                    b.mulAdd(chunkScale, chunk);
                    chunk = 0;
                    chunkScale = 1;
                }
            }
            index++;
        }
        if (chunkScale > 1) {
            b.mulAdd(chunkScale, chunk);
        }
        return b;
    }

    private static NumberFormatException invalid(String s, int start, int end) {
        return new NumberFormatException("not a decimal number: " + s.substring(start, end));
    }
}
