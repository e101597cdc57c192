package dev.teavec.bindings.simd;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.interop.Address;
import org.teavm.runtime.heap.Heap;

/**
 * A block of Wasm linear memory from TeaVM's heap (the allocator behind its direct buffers), zeroed unless its
 * maker writes every byte first ({@link LinearArena#allocUncleared}), made by a {@link LinearArena} and returned
 * by {@link #release()}: when a block grows, or when its index is freed ({@code free()} in JavaScript, or the JS
 * wrapper's FinalizationRegistry). Not by a Cleaner: under Wasm GC, TeaVM's Cleaner released blocks that were
 * still reachable (a Database round-trip test read other vectors' bytes after a GC). (A direct ByteBuffer would
 * not help: user code cannot reach its address, TeaVM's classlib classes are renamed to java.* and their accessor
 * with them.)
 */
final class LinearBlock {
    final int address;
    final int bytes;
    private final LinearArena arena;
    /** Index in the arena's live list; -1 once released. */
    int slot = -1;

    LinearBlock(LinearArena arena, int bytes, boolean zeroed) {
        Address block = Heap.alloc(bytes);
        if (block == null) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED,
                    "Wasm linear memory is exhausted (" + bytes + " more bytes requested)");
        }
        this.arena = arena;
        this.address = block.toInt();
        this.bytes = bytes;
        // Freed memory is reused without clearing, and padding must read as zeros.
        if (zeroed) {
            Address.fillZero(block, bytes);
        }
    }

    /** A larger zeroed block holding a copy of this one's first {@code used} bytes; this one is released. */
    LinearBlock grow(int newBytes, int used) {
        LinearBlock bigger = arena.alloc(newBytes);
        Address.moveMemoryBlock(Address.fromInt(address), Address.fromInt(bigger.address), used);
        release();
        return bigger;
    }

    /** Returns the memory to the heap now (once: again is a no-op); the block must not be used afterwards. */
    void release() {
        if (slot < 0) {
            return;
        }
        arena.forget(this);
        slot = -1;
        Heap.release(Address.fromInt(address));
    }
}
