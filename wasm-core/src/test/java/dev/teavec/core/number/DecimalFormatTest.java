package dev.teavec.core.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Decimal#format} and {@link Decimal#formatFloat} with the JDK's correctly rounded parser as the
 * oracle: the text reads back exactly, no decimal with fewer significant digits does, and no other
 * one with as many is nearer. The layout is checked against ECMAScript's Number::toString rules.
 */
class DecimalFormatTest {
    private static final long SEED = Long.getLong("teavec.seed", System.nanoTime());

    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1", "100, 100", "1e21, 1e+21", "1e20, 100000000000000000000", "123.456, 123.456", "1.5e-7, 1.5e-7",
        "0.000001, 0.000001", "1e-7, 1e-7", "-0.0, 0", "0, 0", "-2.5, -2.5", "1e300, 1e+300", "123e-20, 1.23e-18",
        "5e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308", "9007199254740993, 9007199254740992",
        "2e22, 2e+22", "1.0e23, 1e+23", "0.3, 0.3", "NaN, NaN", "Infinity, Infinity", "-Infinity, -Infinity",
    })
    void writesDoubles(double d, String expected) {
        assertEquals(expected, Decimal.format(d));
    }

    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1", "1.4e-45, 1e-45", "3.4028235e38, 3.4028235e+38", "16777216, 16777216", "0.3, 0.3",
        "1e10, 10000000000", "-0.0, 0", "1.17549435e-38, 1.1754944e-38", "NaN, NaN", "-Infinity, -Infinity",
    })
    void writesFloats(float f, String expected) {
        assertEquals(expected, Decimal.formatFloat(f));
    }

    @Test
    void randomDoubles() {
        SplittableRandom random = new SplittableRandom(SEED);
        int checked = 0;
        while (checked < 200_000) {
            double d = Double.longBitsToDouble(random.nextLong());
            switch (checked % 8) {
                case 1:
                    d = random.nextInt(100_000_000) / Math.pow(10, random.nextInt(25));  // short decimals
                    break;
                case 2:
                    d = Double.longBitsToDouble(random.nextLong(0x0010000000000000L));  // subnormals
                    break;
                case 3:
                    d = Double.longBitsToDouble(random.nextLong(2047) << 52);  // powers of two
                    break;
                default:
            }
            if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
                continue;
            }
            checkDouble(d, Decimal.format(d));
            checked++;
        }
    }

    @Test
    void randomFloats() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        int checked = 0;
        while (checked < 200_000) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (checked % 4 == 1) {
                f = Float.intBitsToFloat(random.nextInt(0x00800000));
            } else if (checked % 4 == 2) {
                f = Float.intBitsToFloat(random.nextInt(255) << 23);
            }
            if (Float.isNaN(f) || Float.isInfinite(f) || f == 0) {
                continue;
            }
            checkFloat(f, Decimal.formatFloat(f));
            checked++;
        }
    }

    /**
     * The bounds formatFloat searches within are exactly where reading back (to a double, then to a
     * float) stops giving f: at each bound itself (included when f is even) and a hair either side.
     * Random floats seldom put a shortest candidate that close to a bound, so this checks them directly.
     */
    @Test
    void floatReadBackBoundsAreExact() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        BigDecimal unitScale = BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(56)));
        for (int i = 0; i < 4000; i++) {
            int bits = random.nextInt(0x7F800000);
            if (i < 8) {
                bits = new int[] {1, 2, 3, 0x00800000, 0x00800001, 0x007FFFFF, 0x7F7FFFFF, 0x3F800000}[i];
            } else if (i % 4 == 1) {
                bits = random.nextInt(1, 255) << 23;  // powers of two: the neighbour below is nearer
            } else if (i % 4 == 2) {
                bits = random.nextInt(1, 64);  // the smallest subnormals
            }
            float f = Float.intBitsToFloat(bits);
            BigDecimal v = new BigDecimal(f);
            BigDecimal unit = new BigDecimal(Math.ulp(f)).multiply(unitScale);
            BigDecimal hair = unit.movePointLeft(3);
            boolean even = (bits & 1) == 0;
            BigDecimal low = v.subtract(unit.multiply(BigDecimal.valueOf(ShortestDigits.floatReach(f, false))));
            BigDecimal high = v.add(unit.multiply(BigDecimal.valueOf(ShortestDigits.floatReach(f, true))));
            String what = "seed " + SEED + ": float 0x" + Integer.toHexString(bits);
            assertEquals(even, readsBackAs(f, low), what + ": lower bound");
            assertEquals(false, readsBackAs(f, low.subtract(hair)), what + ": below the lower bound");
            assertEquals(true, readsBackAs(f, low.add(hair)), what + ": above the lower bound");
            assertEquals(even, readsBackAs(f, high), what + ": upper bound");
            assertEquals(false, readsBackAs(f, high.add(hair)), what + ": above the upper bound");
            assertEquals(true, readsBackAs(f, high.subtract(hair)), what + ": below the upper bound");
        }
    }

    private static boolean readsBackAs(float f, BigDecimal x) {
        return (float) Double.parseDouble(x.toString()) == f;
    }

    private static void checkDouble(double d, String s) {
        Written w = new Written(s);
        if (!w.layout().equals(s) || Double.parseDouble(s) != d) {
            fail(what(d, s) + ": laid out as " + w.layout() + ", reads back as " + Double.parseDouble(s));
        }
        for (String shorter : w.neighbours(1)) {
            if (Double.parseDouble(shorter) == d) {
                fail(what(d, s) + ": " + shorter + " is shorter and reads back too");
            }
        }
        for (String other : w.neighbours(0)) {
            if (Double.parseDouble(other) == d) {
                checkNotNearer(other, w, new BigDecimal(d), what(d, s));
            }
        }
    }

    private static void checkFloat(float f, String s) {
        Written w = new Written(s);
        if (!w.layout().equals(s) || (float) Double.parseDouble(s) != f) {
            fail(what(f, s) + ": laid out as " + w.layout() + ", reads back as " + (float) Double.parseDouble(s));
        }
        for (String shorter : w.neighbours(1)) {
            if ((float) Double.parseDouble(shorter) == f) {
                fail(what(f, s) + ": " + shorter + " is shorter and reads back too");
            }
        }
        for (String other : w.neighbours(0)) {
            if ((float) Double.parseDouble(other) == f) {
                checkNotNearer(other, w, new BigDecimal(f), what(f, s));
            }
        }
    }

    private static String what(double d, String s) {
        return "seed " + SEED + ": " + d + " (0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ") written " + s;
    }

    private static String what(float f, String s) {
        return "seed " + SEED + ": " + f + " (0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ") written " + s;
    }

    /** Another decimal with as many digits that reads back too must not be nearer (nor as near and even). */
    private static void checkNotNearer(String other, Written chosen, BigDecimal exact, String what) {
        BigDecimal mine = new BigDecimal(chosen.text);
        int c = new BigDecimal(other).subtract(exact).abs().compareTo(mine.subtract(exact).abs());
        boolean chosenEven = (chosen.digits.charAt(chosen.digits.length() - 1) - '0') % 2 == 0;
        if (c < 0 || (c == 0 && !chosenEven)) {
            fail(what + ": " + other + " has as few digits and is nearer (or as near and even)");
        }
    }

    /** Our output taken apart independently: sign, significant digits (no trailing zeros), exponent. */
    private static final class Written {
        final String text;
        final boolean negative;
        final String digits;
        /** value = digits × 10^exponent */
        final int exponent;

        Written(String text) {
            this.text = text;
            negative = text.startsWith("-");
            String s = negative ? text.substring(1) : text;
            int e = s.indexOf('e');
            int exp = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1).replace("+", ""));
            String mantissa = e < 0 ? s : s.substring(0, e);
            int point = mantissa.indexOf('.');
            String all = point < 0 ? mantissa : mantissa.substring(0, point) + mantissa.substring(point + 1);
            exp -= point < 0 ? 0 : mantissa.length() - point - 1;
            int lead = 0;
            while (lead < all.length() - 1 && all.charAt(lead) == '0') {
                lead++;
            }
            int end = all.length();
            while (end > lead + 1 && all.charAt(end - 1) == '0') {
                end--;
                exp++;
            }
            digits = all.substring(lead, end);
            exponent = exp;
        }

        /**
         * The two decimals around this one with {@code fewer} fewer significant digits (one unit in the
         * last place down and up, when fewer is 0). Readable decimals form an interval around the value:
         * if any shorter one were readable, one of the two shorter neighbours would be too.
         */
        String[] neighbours(int fewer) {
            if (digits.length() <= fewer || digits.length() > 18) {
                return new String[0];
            }
            long base = Long.parseLong(digits.substring(0, digits.length() - fewer));
            String sign = negative ? "-" : "";
            String e = "e" + (exponent + fewer);
            String up = sign + (base + 1) + e;
            return fewer == 0 && base == 1 ? new String[] {up}
                    : new String[] {sign + (fewer == 0 ? base - 1 : base) + e, up};
        }

        /** ECMAScript Number::toString: plain below 10^21, 0.000ddd down to 10^-6, else d.ddde±n. */
        String layout() {
            int k = digits.length();
            int n = k + exponent;
            StringBuilder sb = new StringBuilder(negative ? "-" : "");
            if (k <= n && n <= 21) {
                sb.append(digits).append("0".repeat(n - k));
            } else if (0 < n && n <= 21) {
                sb.append(digits, 0, n).append('.').append(digits, n, k);
            } else if (-6 < n && n <= 0) {
                sb.append("0.").append("0".repeat(-n)).append(digits);
            } else {
                sb.append(digits.charAt(0)).append(k > 1 ? "." + digits.substring(1) : "")
                        .append(n - 1 >= 0 ? "e+" : "e-").append(Math.abs(n - 1));
            }
            return sb.toString();
        }
    }
}
