package dev.teavec.core.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Decimal#parse} against the JDK's correctly rounded {@code Double.parseDouble}, bit for bit. */
class DecimalParseTest {
    private static final long SEED = Long.getLong("teavec.seed", System.nanoTime());

    private static void agrees(String s) {
        long expected = Double.doubleToRawLongBits(Double.parseDouble(s));
        long got = Double.doubleToRawLongBits(Decimal.parse(s));
        if (expected != got) {
            fail("seed " + SEED + ": " + s + " parsed to " + Double.longBitsToDouble(got) + " (0x"
                    + Long.toHexString(got) + "), nearest is " + Double.longBitsToDouble(expected) + " (0x"
                    + Long.toHexString(expected) + ")");
        }
    }

    @Test
    void hardCases() {
        String[] cases = {"0.1", "1e23", "9007199254740993", "2.2250738585072011e-308", "5e-324",
            "2.4703282292062328e-324", "2.4703282292062327e-324", "1.7976931348623158e308", "1.7976931348623159e308",
            "1.7976931348623157e308", "2.2250738585072014E-308", "2.2250738585072012e-308", "4.9e-324",
            "4.4501477170144023e-308", "0.30000000000000004", "123456.789", "1e21", "1e-7", "12345678901234567890",
            "9007199254740992", "9007199254740994", "9007199254740995", "18014398509481993", "1.5e300", "0", "0.0e-5",
            "0000000000000000000000000000000000001", "1." + "0".repeat(380) + "1", "7.2057594037927933e16",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330"
                + "286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270"
                + "069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            "17976931348623157e292", "2.470328229206232720882538e-324", "8.98846567431158e307",
            "6.631236846766476e-316", "3.0540412e5", "1e-7", "1e22", "1e23", "1e-22", "1e-23", "123456789012345e22",
            "123456789012345e23", "999999999999999e22", "1234567890123456e-22"};
        for (String s : cases) {
            agrees(s);
            agrees("-" + s);
        }
    }

    @Test
    void powersOfTen() {
        for (int e = -345; e <= 330; e++) {
            agrees("1e" + e);
            agrees("9e" + e);
            agrees("0.0001e" + e);
            agrees("1" + "0".repeat(30) + "e" + e);
        }
    }

    @Test
    void substringsAndGrammar() {
        assertEquals(-12.5, Decimal.parse("x=-12.5;", 2, 7));
        assertEquals(0.5, Decimal.parse(".5"));
        assertEquals(5.0, Decimal.parse("+5."));
        assertEquals(1e5, Decimal.parse("1E+0005"));
        assertEquals(Double.POSITIVE_INFINITY, Decimal.parse("1e" + "9".repeat(50)));
        assertEquals(0.0, Decimal.parse("1e-" + "9".repeat(50)));
        assertEquals(0.0, Decimal.parse("0e" + "9".repeat(50)));
    }

    /** Random digit strings: 1-40 digits, the point anywhere (or nowhere), exponents -350..320. */
    @Test
    void randomDigitStrings() {
        SplittableRandom random = new SplittableRandom(SEED);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 600_000; i++) {
            sb.setLength(0);
            if (random.nextInt(4) == 0) {
                sb.append('-');
            }
            int digits = 1 + random.nextInt(40);
            int point = random.nextInt(digits + 2);
            for (int d = 0; d < digits; d++) {
                if (d == point && d > 0) {
                    sb.append('.');
                }
                // Runs of 0s and 9s sit next to the halfway points.
                int kind = random.nextInt(8);
                sb.append((char) ('0' + (kind == 0 ? 0 : kind == 1 ? 9 : random.nextInt(10))));
            }
            sb.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(671) - 350);
            agrees(sb.toString());
        }
    }

    /**
     * Random bit patterns written with 17 significant digits (exactly rounded for some, the JDK's
     * round-trip digits padded with random ones for the rest), and that text nudged in its last digit.
     */
    @Test
    void randomDoublesWrittenOut() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < 100_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String digits;
            int exponent;
            if (i % 10 == 0) {
                BigDecimal rounded = new BigDecimal(d).round(new MathContext(17));
                digits = rounded.unscaledValue().toString();
                exponent = -rounded.scale();
            } else {
                BigDecimal shortest = new BigDecimal(Double.toString(d));
                StringBuilder padded = new StringBuilder(shortest.unscaledValue().toString());
                exponent = -shortest.scale();
                while (padded.length() - (d < 0 ? 1 : 0) < 17) {
                    padded.append((char) ('0' + random.nextInt(10)));
                    exponent--;
                }
                digits = padded.toString();
            }
            agrees(digits + "e" + exponent);
            BigInteger unscaled = new BigInteger(digits);
            agrees(unscaled.add(BigInteger.ONE) + "e" + exponent);
            agrees(unscaled.subtract(BigInteger.ONE) + "e" + exponent);
            agrees(digits + random.nextInt(1000) + "e" + (exponent - 3));
            agrees(Double.toString(d));
        }
    }

    /** Exactly halfway between neighbouring doubles, and a hair either side: where rounding is decided. */
    @Test
    void midpoints() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        BigDecimal two = BigDecimal.valueOf(2);
        for (int i = 0; i < 12_000; i++) {
            long bits = random.nextLong() & Long.MAX_VALUE;
            if (i % 10 == 0) {
                bits = random.nextLong(0x0020000000000000L);  // subnormals and the smallest normals
            } else if (i % 10 == 1) {
                bits = 0x7FEFFFFFFFFFFFFFL - random.nextLong(1000);  // up to the largest finite
            }
            double d = Double.longBitsToDouble(bits);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            BigDecimal up = bits == 0x7FEFFFFFFFFFFFFFL
                    ? new BigDecimal(BigInteger.ONE.shiftLeft(1024)) : new BigDecimal(Math.nextUp(d));
            BigDecimal mid = new BigDecimal(d).add(up).divide(two);
            BigInteger unscaled = mid.unscaledValue();
            int scale = mid.scale();
            agrees(unscaled + "e" + (-scale));
            agrees(unscaled.multiply(BigInteger.TEN).add(BigInteger.ONE) + "e" + (-scale - 1));
            agrees(unscaled.multiply(BigInteger.TEN).subtract(BigInteger.ONE) + "e" + (-scale - 1));
            // Truncated to 20 significant digits: near the midpoint but not on it.
            agrees(mid.round(new MathContext(20)).toString());
        }
    }
}
