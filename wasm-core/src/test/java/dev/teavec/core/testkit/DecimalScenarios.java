package dev.teavec.core.testkit;

import dev.teavec.core.number.Decimal;
import java.util.Random;

/**
 * {@link Decimal} checks with no oracle but fixed expectations and its own consistency, so they run in
 * Wasm GC as well (where the classlib's conversions are the thing being replaced, not a reference).
 * The JVM tests hold Decimal to the JDK on millions of inputs; these hold the compiled code to them.
 */
public final class DecimalScenarios {
    /** Text and the bits of the double nearest to it (from the JDK), hard cases first. */
    private static final Object[][] PARSED = {
        {"0.1", 0x3FB999999999999AL},
        {"1e23", 0x44B52D02C7E14AF6L},
        {"9007199254740993", 0x4340000000000000L},
        {"9007199254740993.0000000000000000000001", 0x4340000000000001L},
        {"2.2250738585072011e-308", 0x000FFFFFFFFFFFFFL},
        {"2.2250738585072012e-308", 0x0010000000000000L},
        {"5e-324", 0x0000000000000001L},
        {"2.4703282292062328e-324", 0x0000000000000001L},
        {"2.4703282292062327e-324", 0x0000000000000000L},
        {"1.7976931348623158e308", 0x7FEFFFFFFFFFFFFFL},
        {"1.7976931348623159e308", 0x7FF0000000000000L},
        {"1e-400", 0x0000000000000000L},
        {"1e400", 0x7FF0000000000000L},
        {"-0", 0x8000000000000000L},
        {"0e999999", 0x0000000000000000L},
        {"123456789012345678901234567890", 0x45F8EE90FF6C373EL},
        {"0.30000000000000004", 0x3FD3333333333334L},
        {"1.00000000000000011102230246251565404236316680908203125", 0x3FF0000000000000L},
        {"1.00000000000000011102230246251565404236316680908203126", 0x3FF0000000000001L},
        {"7.2057594037927933e16", 0x4370000000000000L},
        {"1e-324", 0x0000000000000000L},
        {"3e-324", 0x0000000000000001L},
        {"-1.5e-300", 0x81B01297D23AB683L},
        {"00012.50", 0x4029000000000000L},
        {"1E+0", 0x3FF0000000000000L},
        {"4.4501477170144023e-308", 0x001FFFFFFFFFFFFFL},
        {"1.448997445238699", 0x3FF72F17F1F49AADL},
        {"6.631236846766476e-316", 0x0000000008000000L},
        {"3.0540412e5", 0x4112A3F07AE147AEL},
    };

    /** Bits and what JavaScript's String(x) writes for them (from V8). */
    private static final Object[][] FORMATTED = {
        {0x444B1AE4D6E2EF50L, "1e+21"},
        {0x444B1AE4D6E2EF4FL, "999999999999999900000"},
        {0x3C36B082C2148B8EL, "1.23e-18"},
        {0x3EB0C6F7A0B5ED8DL, "0.000001"},
        {0x3EB4B6231ABFD271L, "0.0000012345"},
        {0x3E7AD7F29ABCAF48L, "1e-7"},
        {0x3E8421F5F40D8376L, "1.5e-7"},
        {0x0000000000000001L, "5e-324"},
        {0x7FEFFFFFFFFFFFFFL, "1.7976931348623157e+308"},
        {0x0010000000000000L, "2.2250738585072014e-308"},
        {0x4340000000000001L, "9007199254740994"},
        {0x3FD3333333333334L, "0.30000000000000004"},
        {0x3FD5555555555555L, "0.3333333333333333"},
        {0x3FE5555555555555L, "0.6666666666666666"},
        {0x4059000000000000L, "100"},
        {0x54B249AD2594C37DL, "1e+100"},
        {0x419D6F3454800000L, "123456789.125"},
        {0x4011666666666666L, "4.35"},
        {0x44B52D02C7E14AF6L, "1e+23"},
        {0xFE41EB2D66005835L, "-1.5e+300"},
        {0x0000000000000003L, "1.5e-323"},
        {0x7FEFFFFFFFFFFFFEL, "1.7976931348623155e+308"},
        {0x43E0000000000000L, "9223372036854776000"},
        {0x43F0000000000000L, "18446744073709552000"},
        {0x0018000000000000L, "3.337610787760802e-308"},
        {0x4580000000000000L, "6.189700196426902e+26"},
        {0x430C6BF526340002L, "1000000000000000.2"},
        {0x3EA0C6F7A0B5ED8DL, "5e-7"},
        {0x4450BB448EC2F608L, "1.2345678901234568e+21"},
        {0x80BC04FCDE937800L, "-3.9901068942950425e-305"},
        {0xFBD9D8005D3E3840L, "-3.9352423928723734e+288"},
        {0xDCE3410096718900L, "-2.866071792458834e+139"},
        {0x51B29100B30A3800L, "3.60684005937064e+85"},
        {0x0028EC002012EF80L, "6.931627102660699e-308"},
        {0xC2CCF400DC337400L, "-63668624058088"},
        {0x9D12248083C45980L, "-1.2018260873240263e-168"},
        {0x8000000000000000L, "0"},
        {0x7FF0000000000000L, "Infinity"},
        {0xFFF0000000000000L, "-Infinity"},
        {0x7FF8000000000000L, "NaN"},
    };

    /** Float bits and the shortest text that reads back as that float. */
    private static final Object[][] FORMATTED_FLOATS = {
        {0x3DCCCCCD, "0.1"},
        {0x00000001, "1e-45"},
        {0x7F7FFFFF, "3.4028235e+38"},
        {0x4B800000, "16777216"},
        {0x501502F9, "10000000000"},
        {0xBFC00000, "-1.5"},
        {0x00800000, "1.1754944e-38"},
        {0x3F800001, "1.0000001"},
        {0x7FC00000, "NaN"},
        {0xFF800000, "-Infinity"},
    };

    private DecimalScenarios() {
    }

    public static void parsesHardCases() {
        for (Object[] c : PARSED) {
            String s = (String) c[0];
            Check.isTrue(Double.doubleToRawLongBits(Decimal.parse(s)) == (Long) c[1], "parse " + s);
            String padded = "[ " + s + " ]";
            Check.isTrue(Double.doubleToRawLongBits(Decimal.parse(padded, 2, 2 + s.length())) == (Long) c[1],
                    "parse " + s + " inside a longer string");
        }
        for (String bad : new String[] {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "1x", "--1", "1e5.0"}) {
            boolean threw = false;
            try {
                Decimal.parse(bad);
            } catch (NumberFormatException e) {
                threw = true;
            }
            Check.isTrue(threw, "'" + bad + "' is not a number");
        }
    }

    public static void formatsLikeJavaScript() {
        for (Object[] c : FORMATTED) {
            Check.same(c[1], Decimal.format(Double.longBitsToDouble((Long) c[0])), "format of bits " + c[0]);
        }
        for (Object[] c : FORMATTED_FLOATS) {
            Check.same(c[1], Decimal.formatFloat(Float.intBitsToFloat((Integer) c[0])), "float format of bits " + c[0]);
        }
    }

    /**
     * Random doubles and floats: the text reads back exactly, and neither decimal one digit shorter
     * around it does (the readable ones form an interval, so those two are the only ones to try).
     */
    public static void randomRoundTrips(long seed, int count) {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (i % 4 == 1) {
                d = random.nextInt(2_000_000) / 1000.0;
            }
            if (d != d || d == Double.POSITIVE_INFINITY || d == Double.NEGATIVE_INFINITY || d == 0) {
                continue;
            }
            String s = Decimal.format(d);
            String what = "seed " + seed + ", double #" + i + " written " + s;
            Check.isTrue(Decimal.parse(s) == d, what + " reads back");
            for (String shorter : shorterNeighbours(s)) {
                Check.isTrue(Decimal.parse(shorter) != d, what + ": " + shorter + " is shorter and reads back too");
            }
            float f = Float.intBitsToFloat(random.nextInt());
            if (f != f || f == Float.POSITIVE_INFINITY || f == Float.NEGATIVE_INFINITY || f == 0) {
                continue;
            }
            String t = Decimal.formatFloat(f);
            String whatFloat = "seed " + seed + ", float #" + i + " written " + t;
            Check.isTrue((float) Decimal.parse(t) == f, whatFloat + " reads back");
            for (String shorter : shorterNeighbours(t)) {
                Check.isTrue((float) Decimal.parse(shorter) != f, whatFloat + ": " + shorter + " reads back too");
            }
        }
    }

    /**
     * For text with p > 1 significant digits, the two decimals of p - 1 digits that enclose it:
     * if any shorter decimal read back as the same number, one of these would.
     */
    static String[] shorterNeighbours(String text) {
        String s = text.startsWith("-") ? text.substring(1) : text;
        int e = s.indexOf('e');
        int exponent = e < 0 ? 0 : Integer.parseInt(s.substring(s.charAt(e + 1) == '+' ? e + 2 : e + 1));
        String mantissa = e < 0 ? s : s.substring(0, e);
        int point = mantissa.indexOf('.');
        String digits = point < 0 ? mantissa : mantissa.substring(0, point) + mantissa.substring(point + 1);
        exponent -= point < 0 ? 0 : mantissa.length() - point - 1;
        int lead = 0;
        while (digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        while (digits.endsWith("0")) {
            digits = digits.substring(0, digits.length() - 1);
            exponent++;
        }
        if (digits.length() < 2) {
            return new String[0];
        }
        long truncated = Long.parseLong(digits.substring(0, digits.length() - 1));
        return new String[] {truncated + "e" + (exponent + 1), (truncated + 1) + "e" + (exponent + 1)};
    }
}
