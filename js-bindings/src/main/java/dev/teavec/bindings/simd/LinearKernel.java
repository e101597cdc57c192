package dev.teavec.bindings.simd;

import dev.teavec.core.store.KernelBuffers;

/**
 * What every linear-memory kernel shares, shape only: the blocks it allocates for itself (query, weights,
 * tables) and its batch scratch, counted by {@link #bytesUsed} and returned by {@link #release}.
 */
abstract class LinearKernel implements KernelBuffers {
    final BatchScratch scratch;
    private final LinearArena arena;
    /** At most three blocks: no kernel needs more (LinearCodeKernel: weights, preparation, tables). */
    private final LinearBlock[] owned = new LinearBlock[3];
    private int ownedCount;

    LinearKernel(LinearArena arena) {
        this.arena = arena;
        this.scratch = new BatchScratch(arena);
    }

    /** A zeroed block of {@code bytes} that this kernel owns and {@link #release} returns. */
    final LinearBlock alloc(int bytes) {
        LinearBlock block = arena.alloc(bytes);
        owned[ownedCount++] = block;
        return block;
    }

    @Override
    public final long bytesUsed() {
        long bytes = scratch.bytesUsed();
        for (int i = 0; i < ownedCount; i++) {
            bytes += owned[i].bytes;
        }
        return bytes;
    }

    @Override
    public final void release() {
        for (int i = 0; i < ownedCount; i++) {
            owned[i].release();
        }
        scratch.release();
    }
}
