package dev.teavec.bindings.simd;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import java.lang.ref.Cleaner;
import org.teavm.interop.Address;
import org.teavm.runtime.heap.Heap;

/**
 * A zeroed block of Wasm linear memory from TeaVM's heap (the allocator behind its direct buffers).
 * It is released when {@link #release()} is called or, failing that, once the block is garbage: an index
 * the app drops leaks nothing. (A direct ByteBuffer would do the same, but user code cannot reach its
 * address: TeaVM's classlib classes are renamed to java.* and their address accessor with them.)
 */
final class LinearBlock {
    /** Stateless in TeaVM (one JS FinalizationRegistry underneath): a constant, not shared state. */
    private static final Cleaner CLEANER = Cleaner.create();

    final int address;
    final int bytes;
    private final Cleaner.Cleanable cleanable;

    LinearBlock(int bytes) {
        Address block = Heap.alloc(bytes);
        if (block == null) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED,
                    "Wasm linear memory is exhausted (" + bytes + " more bytes requested)");
        }
        this.address = block.toInt();
        this.bytes = bytes;
        // Freed memory is reused without clearing, and padding must read as zeros.
        Address.fillZero(block, bytes);
        this.cleanable = CLEANER.register(this, new Release(address));
    }

    /** A larger zeroed block holding a copy of this one's first {@code used} bytes; this one is released. */
    LinearBlock grow(int newBytes, int used) {
        LinearBlock bigger = new LinearBlock(newBytes);
        Address.moveMemoryBlock(Address.fromInt(address), Address.fromInt(bigger.address), used);
        release();
        return bigger;
    }

    /** Returns the memory to the heap now; the block must not be used afterwards. Idempotent. */
    void release() {
        cleanable.clean();
    }

    /** Holds only the address, never the block, or the block could not become garbage. */
    private static final class Release implements Runnable {
        private final int address;

        Release(int address) {
            this.address = address;
        }

        @Override
        public void run() {
            Heap.release(Address.fromInt(address));
        }
    }
}
