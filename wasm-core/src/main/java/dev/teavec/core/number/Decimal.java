package dev.teavec.core.number;

/**
 * Correct, compact conversions between doubles and decimal text, in place of the classlib's
 * ({@code Double.parseDouble}, {@code Double.toString}, string concatenation of a float or double),
 * whose lookup tables cost the .wasm about 15 KB gzip and whose parsing is off by one ulp on rare inputs.
 *
 * <p>Parsing is correctly rounded (IEEE round-half-even, overflow to ±Infinity, gradual underflow).
 * Formatting writes the shortest decimal that reads back exactly (the nearest such if several), laid
 * out as JavaScript's {@code Number.prototype.toString} does, so it is also valid JSON:
 * {@code 123.456}, {@code 0.000001}, {@code 1e-7}, {@code 1e+21}, {@code 1.5e+300}, integers written
 * plainly below 10^21. Both zeros are written {@code 0} (as JavaScript does); NaN and the infinities
 * as {@code NaN}, {@code Infinity}, {@code -Infinity}.
 */
public final class Decimal {
    private Decimal() {
    }

    /** The double nearest to the decimal number {@code s} ({@code [+-]digits[.digits][(e|E)[+-]digits]}). */
    public static double parse(String s) {
        return parse(s, 0, s.length());
    }

    /** {@link #parse(String)} of {@code s.substring(start, end)}, without the copy. */
    public static double parse(String s, int start, int end) {
        return DecimalParser.parse(s, start, end);
    }

    public static String format(double d) {
        return append(new StringBuilder(), d).toString();
    }

    public static String formatFloat(float f) {
        return appendFloat(new StringBuilder(), f).toString();
    }

    public static StringBuilder append(StringBuilder sb, double d) {
        if (special(sb, d)) {
            return sb;
        }
        if (d < 0) {
            sb.append('-');
        }
        return layout(sb, ShortestDigits.ofDouble(Math.abs(d)));
    }

    /** The shortest decimal whose nearest double, rounded to a float, is {@code f}. */
    public static StringBuilder appendFloat(StringBuilder sb, float f) {
        if (special(sb, f)) {
            return sb;
        }
        if (f < 0) {
            sb.append('-');
        }
        return layout(sb, ShortestDigits.ofFloat(Math.abs(f)));
    }

    private static boolean special(StringBuilder sb, double d) {
        if (d != d) {
            sb.append("NaN");
        } else if (d == Double.POSITIVE_INFINITY) {
            sb.append("Infinity");
        } else if (d == Double.NEGATIVE_INFINITY) {
            sb.append("-Infinity");
        } else if (d == 0) {
            sb.append('0');
        } else {
            return false;
        }
        return true;
    }

    /** ECMAScript's Number::toString layout of digits × 10^exponent (digits without trailing zeros). */
    private static StringBuilder layout(StringBuilder sb, ShortestDigits v) {
        String digits = Long.toString(v.digits);
        int k = digits.length();
        // n: where the decimal point goes, counted from the first digit.
        int n = k + v.exponent;
        if (k <= n && n <= 21) {
            sb.append(digits);
            zeros(sb, n - k);
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.");
            zeros(sb, -n);
            sb.append(digits);
        } else {
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(n - 1 >= 0 ? '+' : '-').append(Math.abs(n - 1));
        }
        return sb;
    }

    private static void zeros(StringBuilder sb, int count) {
        for (int i = 0; i < count; i++) {
            sb.append('0');
        }
    }
}
