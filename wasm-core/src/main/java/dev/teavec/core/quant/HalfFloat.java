package dev.teavec.core.quant;

/**
 * IEEE 754 binary16 (half precision) conversions, bit exact: float to half rounds to nearest, ties to
 * even, through the subnormals, overflowing to infinity past the largest half (65504) as IEEE does;
 * half to float is exact. Written out because {@code Float.floatToFloat16} (Java 20) is in neither Java 17
 * nor TeaVM's class library. Float16's codes, and any encoding that wants a finer tier at two bytes a
 * dimension, convert through here.
 */
public final class HalfFloat {
    /** The largest finite half, 65504. */
    public static final float MAX_VALUE = 65504f;
    /** Bits of positive infinity. */
    public static final short POSITIVE_INFINITY = 0x7c00;
    /** 2^112: a half's magnitude bits shifted into float32 position read as the value times 2^-112. */
    private static final float REBIAS = 0x1p112f;

    private HalfFloat() {
    }

    /** The half nearest to {@code f} (ties to even); NaN stays NaN (quiet), infinities and overflow give infinity. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7fffffff;
        if (abs >= 0x477ff000) {
            // 65520, halfway between 65504 and 2^16, and beyond round to infinity; NaN stays NaN.
            return (short) (sign | (abs > 0x7f800000 ? 0x7e00 | ((abs >>> 13) & 0x3ff) : POSITIVE_INFINITY));
        }
        if (abs >= 0x38800000) {
            // Normal: re-bias the exponent (127 - 15 = 112) and drop 13 mantissa bits, rounding; a carry
            // out of the mantissa correctly bumps the exponent.
            int h = (abs - 0x38000000) >>> 13;
            int rest = abs & 0x1fff;
            if (rest > 0x1000 || (rest == 0x1000 && (h & 1) != 0)) {
                h++;
            }
            return (short) (sign | h);
        }
        if (abs <= 0x33000000) {
            // At most 2^-25, half the smallest subnormal: ties to even, which is zero.
            return (short) sign;
        }
        // Subnormal half: the value in units of 2^-24 is m · 2^(e - 126), e <= 112, so shift right by 126 - e.
        int e = abs >>> 23;
        int m = (abs & 0x7fffff) | 0x800000;
        int shift = 126 - e;
        int h = m >>> shift;
        int rest = m & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (rest > half || (rest == half && (h & 1) != 0)) {
            h++;
        }
        return (short) (sign | h);
    }

    /** The float32 value of half {@code h}, exactly (infinities and NaN included). */
    public static float toFloat(short h) {
        int magnitude = h & 0x7fff;
        if (magnitude >= POSITIVE_INFINITY) {
            return Float.intBitsToFloat(((h & 0x8000) << 16) | 0x7f800000 | ((magnitude & 0x3ff) << 13));
        }
        return toFloatFinite(h);
    }

    /**
     * {@link #toFloat} for a finite half, without a branch: the kernels' decoding. Its magnitude bits moved
     * into float32 position read as the value times 2^-112 (subnormals included), which one exact multiply undoes.
     */
    public static float toFloatFinite(int h) {
        return Float.intBitsToFloat(((h & 0x8000) << 16) | ((h & 0x7fff) << 13)) * REBIAS;
    }

    /** Whether half {@code h} is finite (not an infinity or NaN). */
    public static boolean isFinite(short h) {
        return (h & 0x7c00) != 0x7c00;
    }
}
