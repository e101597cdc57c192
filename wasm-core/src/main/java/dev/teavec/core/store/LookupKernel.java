package dev.teavec.core.store;

import dev.teavec.core.quant.ProductQuantizer;

/**
 * Table-lookup sums over stored byte codes (PQ's asymmetric distances): for a row of {@code m} codes,
 * {@code Σ_s table[s · 256 + c_s]}, summed in sub-space order from 0f, so every kernel gives the bits of the
 * plain Java loop ({@link HeapLookupKernel}, the reference) — float addition is not associative, so the
 * order is part of the contract. The kernel also holds the query's table and fills it.
 */
public interface LookupKernel extends KernelBuffers {
    /** Entries per sub-space: one per possible code byte. */
    int ENTRIES = 256;

    /**
     * Makes the table of query {@code q} the current one: {@link ProductQuantizer#fillTable}'s for the quantizer of
     * the {@link LookupTables} that made this kernel, to the bit.
     */
    void setQuery(float[] q, boolean l2);

    float sum(int ord);

    /**
     * Writes {@link ProductQuantizer#encode}'s code of {@code v} to {@code out[0..m)}: the nearest centroids are the
     * least entries of {@code v}'s l2 table, whose sums are KMeans.nearest's. Replaces the current table.
     */
    void encode(float[] v, byte[] out);

    /**
     * Makes {@code q} the current query without a table, for {@link #direct}: a stored query that scores a few rows
     * (cheaper than a table of 256 terms per sub-space). {@link #sum} is undefined until {@link #setQuery}.
     */
    void setDirectQuery(float[] q, boolean l2);

    /**
     * The distance {@link #sum} would give, computed without a table: {@code Σ_s ProductQuantizer.partial(s, q, c_s,
     * l2)} in sub-space order from 0f, each partial as {@link ProductQuantizer#partial} sums it (the same bits).
     */
    float direct(int ord);

    /** {@code out[i] = sum(ords[i])} for {@code i < count}. */
    void sum(int[] ords, int count, float[] out);
}
