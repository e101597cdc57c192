package dev.teavec.core.store;

/**
 * Integer dot products {@code Σ w_i · c_i} between 16-bit query weights and stored 4-bit codes, two a byte
 * (dimension {@code 2j} in the low nibble of byte {@code j}, {@code 2j+1} in the high one: SQ4's layout). The
 * caller bounds the weights so that no sum overflows an int (SQ8's bound, whose codes reach 255, holds a
 * fortiori); the result is then exact in any summation order, so the scalar kernel ({@link HeapNibbleKernel},
 * the reference) and the SIMD one of the browser build agree to the bit.
 */
public interface NibbleKernel extends KernelBuffers {
    /** Copies {@code weights[0..2 · dimensions())} in as the current query (one weight per nibble). */
    void setWeights(short[] weights);

    int dot(int ord);

    /** {@code out[i] = dot(ords[i])} for {@code i < count}. */
    void dot(int[] ords, int count, int[] out);
}
