package dev.teavec.core.store;

import dev.teavec.core.quant.Sq8Quantizer;

/**
 * Integer dot products {@code Σ w_i · c_i} between 16-bit query weights and stored unsigned 8-bit
 * codes. The caller bounds the weights so that no sum overflows an int (see
 * {@link dev.teavec.core.quant.Sq8Quantizer#maxWeight}); the result is then exact in any summation order.
 */
public interface CodeKernel extends KernelBuffers {
    /** Copies {@code weights[0..dimensions)} in as the current query. */
    void setWeights(short[] weights);

    /**
     * Makes stored vector {@code ord} the query: its codes prepared by {@code quantizer} (exactly
     * {@link Sq8Quantizer#prepareFromCodes} then {@link Sq8Quantizer#toIntWeights}). Afterwards
     * {@link #constant()} and {@link #scale()} complete the dot product: {@code constant + scale · dot}.
     */
    void setQueryFromOrdinal(int ord, Sq8Quantizer quantizer);

    /** The constant term of the query prepared by {@link #setQueryFromOrdinal}. */
    float constant();

    /** The scale of its integer weights. */
    float scale();

    int dot(int ord);

    /** {@code out[i] = dot(ords[i])} for {@code i < count}. */
    void dot(int[] ords, int count, int[] out);
}
