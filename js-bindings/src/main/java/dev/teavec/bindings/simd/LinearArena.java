package dev.teavec.bindings.simd;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * Every live {@link LinearBlock} of one index (its vectors, its kernels' weights, tables and scratch),
 * so that freeing the index returns all of them at once: storages and kernels are dropped by the Java
 * code that made them, which releases each one as it becomes garbage (compaction, SQ8 training, AUTO's
 * switch): the arena is the safety net behind those releases, and its live byte count checks them
 * (NativeIndex#checkIntegrity). A block released early leaves it.
 * After {@link #release()} nothing can be allocated here, so use after free fails loudly instead of
 * writing into memory another index may have been given.
 */
final class LinearArena {
    private LinearBlock[] live = new LinearBlock[8];
    private int count;
    /** Sum of the live blocks' sizes: what {@link LinearMemoryStorage#bytesHeld()} reports. */
    private long heldBytes;
    private boolean released;

    /** A zeroed block of {@code bytes}. */
    LinearBlock alloc(int bytes) {
        return alloc(bytes, true);
    }

    /**
     * A block of {@code bytes} holding whatever the heap left there (freed blocks are reused as they are): for a
     * caller that writes every byte before anything reads it. Zeroing the vectors' chunks of a snapshot's load,
     * about to be overwritten by the stored vectors, cost 0.14 s of a 100,000 × 768 SQ8 reopen (bench/README.md).
     */
    LinearBlock allocUncleared(int bytes) {
        return alloc(bytes, false);
    }

    private LinearBlock alloc(int bytes, boolean zeroed) {
        if (released) {
            throw new TeaVecException(ErrorCode.INDEX_FREED, "the index was freed; its memory is gone");
        }
        LinearBlock block = new LinearBlock(this, bytes, zeroed);
        if (count == live.length) {
            LinearBlock[] grown = new LinearBlock[count * 2];
            System.arraycopy(live, 0, grown, 0, count);
            live = grown;
        }
        block.slot = count;
        live[count++] = block;
        heldBytes += block.bytes;
        return block;
    }

    /** Called by the block as it returns its memory: swap-removes it. */
    void forget(LinearBlock block) {
        int slot = block.slot;
        assert slot >= 0 && slot < count && live[slot] == block : "block not in this arena";
        LinearBlock last = live[--count];
        live[slot] = last;
        last.slot = slot;
        live[count] = null;
        heldBytes -= block.bytes;
    }

    /** Bytes of the blocks still held. */
    long liveBytes() {
        return heldBytes;
    }

    /** Returns every block still held; idempotent. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        while (count > 0) {
            live[count - 1].release();
        }
        live = new LinearBlock[0];
    }
}
