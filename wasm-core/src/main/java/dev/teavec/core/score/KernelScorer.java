package dev.teavec.core.score;

import dev.teavec.core.store.KernelBuffers;

/**
 * What every scorer shares, shape only: it owns one kernel, whose buffers {@link #kernelBytes} counts and
 * {@link #release} returns, and batch scoring's scratch for the kernel's raw results, grown to the largest batch
 * seen. Subclasses keep their own reference to the kernel under its own type, so that the hot paths call it
 * without a cast; the distances themselves are the subclasses' own.
 */
abstract class KernelScorer implements QueryScorer {
    private static final int FIRST_SCRATCH = 64;

    private final KernelBuffers kernel;
    private int[] ints;
    private float[] floats;

    KernelScorer(KernelBuffers kernel) {
        this.kernel = kernel;
    }

    /** Scratch for {@code count} int results of a batch kernel call (code dot products, popcounts). */
    final int[] intScratch(int count) {
        if (ints == null || ints.length < count) {
            ints = new int[Math.max(count, ints == null ? FIRST_SCRATCH : 2 * ints.length)];
        }
        return ints;
    }

    /** Scratch for {@code count} float results of a batch kernel call (table sums). */
    final float[] floatScratch(int count) {
        if (floats == null || floats.length < count) {
            floats = new float[Math.max(count, floats == null ? FIRST_SCRATCH : 2 * floats.length)];
        }
        return floats;
    }

    @Override
    public final long kernelBytes() {
        return kernel.bytesUsed();
    }

    @Override
    public final void release() {
        kernel.release();
    }
}
