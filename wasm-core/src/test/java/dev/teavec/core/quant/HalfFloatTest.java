package dev.teavec.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.testkit.TestSeeds;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** HalfFloat against an oracle built from all 63,488 finite halves: exact in both directions. */
class HalfFloatTest {
    /** The non-negative finite halves' values in increasing order: index = bits. */
    private static final double[] VALUES = new double[0x7c00];

    static {
        for (int bits = 0; bits < 0x7c00; bits++) {
            int e = bits >>> 10;
            int m = bits & 0x3ff;
            VALUES[bits] = e == 0 ? m * 0x1p-24 : (1024 + m) * Math.pow(2, e - 25);
        }
    }

    /** Round to nearest, ties to even, by search over every half: the oracle. */
    private static short nearest(float f) {
        double a = Math.abs((double) f);
        int sign = Float.floatToRawIntBits(f) < 0 ? 0x8000 : 0;
        // Halfway between 65504 and 65536 and beyond: infinity.
        if (a >= 65520.0) {
            return (short) (sign | 0x7c00);
        }
        int i = Arrays.binarySearch(VALUES, a);
        if (i >= 0) {
            return (short) (sign | i);
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double dLo = a - VALUES[lo];
        double dHi = hi < VALUES.length ? VALUES[hi] - a : Double.MAX_VALUE;
        int pick = dLo < dHi ? lo : dHi < dLo ? hi : (lo & 1) == 0 ? lo : hi;
        return (short) (sign | pick);
    }

    @Test
    void everyHalfConvertsToItsValueAndBack() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short h = (short) bits;
            float f = HalfFloat.toFloat(h);
            if ((bits & 0x7fff) > 0x7c00) {
                assertEquals(true, Float.isNaN(f), "NaN half " + Integer.toHexString(bits));
                continue;
            }
            if ((bits & 0x7fff) < 0x7c00) {
                double expected = (bits & 0x8000) != 0 ? -VALUES[bits & 0x7fff] : VALUES[bits & 0x7fff];
                assertEquals(expected, (double) f, "value of half " + Integer.toHexString(bits));
                assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(HalfFloat.toFloatFinite(bits)),
                        "branch-free decoding of " + Integer.toHexString(bits));
            }
            assertEquals(h, HalfFloat.fromFloat(f), "round trip of half " + Integer.toHexString(bits));
        }
    }

    @Test
    void knownValues() {
        assertEquals((short) 0x3c00, HalfFloat.fromFloat(1f));
        assertEquals((short) 0xc000, HalfFloat.fromFloat(-2f));
        assertEquals((short) 0x2e66, HalfFloat.fromFloat(0.1f));
        assertEquals((short) 0x7bff, HalfFloat.fromFloat(65504f));
        assertEquals((short) 0x7bff, HalfFloat.fromFloat(Math.nextDown(65520f)));
        assertEquals(HalfFloat.POSITIVE_INFINITY, HalfFloat.fromFloat(65520f));
        assertEquals(HalfFloat.POSITIVE_INFINITY, HalfFloat.fromFloat(Float.MAX_VALUE));
        assertEquals((short) 0xfc00, HalfFloat.fromFloat(Float.NEGATIVE_INFINITY));
        assertEquals((short) 0x0001, HalfFloat.fromFloat(0x1p-24f));
        assertEquals((short) 0x0000, HalfFloat.fromFloat(0x1p-25f), "the tie below the smallest subnormal goes to zero");
        assertEquals((short) 0x0001, HalfFloat.fromFloat(Math.nextUp(0x1p-25f)));
        assertEquals((short) 0x0002, HalfFloat.fromFloat(3 * 0x1p-25f), "1.5 subnormal units tie to 2");
        assertEquals((short) 0x0400, HalfFloat.fromFloat(Math.nextDown(0x1p-14f)), "rounds up into the normals");
        assertEquals((short) 0x8000, HalfFloat.fromFloat(-0f));
        assertEquals(true, Float.isNaN(HalfFloat.toFloat(HalfFloat.fromFloat(Float.NaN))));
    }

    @Test
    void boundariesAndMidpointsRoundToNearestEven() {
        for (int bits = 0; bits < 0x7c00; bits++) {
            double next = bits + 1 < VALUES.length ? VALUES[bits + 1] : 65536.0;
            float mid = (float) ((VALUES[bits] + next) / 2);
            for (float f : new float[] {(float) VALUES[bits], mid, Math.nextUp(mid), Math.nextDown(mid),
                Math.nextUp((float) VALUES[bits]), Math.nextDown((float) VALUES[bits])}) {
                assertEquals(nearest(f), HalfFloat.fromFloat(f), "fromFloat(" + f + ")");
                assertEquals(nearest(-f), HalfFloat.fromFloat(-f), "fromFloat(" + -f + ")");
            }
        }
    }

    @Test
    void randomFloatsRoundToNearestEven() {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        for (int i = 0; i < 2_000_000; i++) {
            // Exponents spread over the half's range and well beyond it on both sides.
            float f = Float.intBitsToFloat((random.nextInt(0x48000000 - 0x30000000) + 0x30000000) | (random.nextBoolean() ? 0x80000000 : 0));
            assertEquals(nearest(f), HalfFloat.fromFloat(f), "fromFloat(" + f + "), seed " + seed);
        }
    }
}
