package dev.teavec.bindings.simd;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.interop.Address;

/**
 * Fixed-size rows by dense ordinal in Wasm linear memory, in chunks of a power-of-two number of rows
 * (an address is a shift, a mask and a multiply away). A chunk never moves once full; the last one
 * starts small and doubles, so a small index does not pay for a whole chunk. Chunks keep the largest
 * single allocation small, so the heap can grow without one huge contiguous block.
 *
 * <p>Rows below {@link #size} are written or zeroed; the rows a {@link #reserve} allocated beyond it are not
 * (the snapshot's bulk copy overwrites them whole): {@link #append} zeroes its row, {@link #appendAll}'s caller
 * writes every byte of its rows.
 */
final class LinearRows {
    /** At most 4 MiB per chunk. */
    private static final int CHUNK_BYTES = 1 << 22;

    private final LinearArena arena;
    private final int rowBytes;
    private final int shift;
    private final int mask;
    private LinearBlock[] chunks = new LinearBlock[0];
    /** Address of each chunk's first row, read on every distance: kept apart from the blocks. */
    private int[] bases = new int[0];
    private int size;

    LinearRows(LinearArena arena, int rowBytes) {
        this.arena = arena;
        this.rowBytes = rowBytes;
        int rows = Integer.highestOneBit(Math.max(1, CHUNK_BYTES / rowBytes));
        this.shift = Integer.numberOfTrailingZeros(rows);
        this.mask = rows - 1;
    }

    int size() {
        return size;
    }

    int rowBytes() {
        return rowBytes;
    }

    int address(int ord) {
        assert ord >= 0 && ord < size : "ordinal out of range: " + ord + " of " + size;
        return bases[ord >>> shift] + (ord & mask) * rowBytes;
    }

    /** Reserves the next row (zeroed: it may lie in a chunk {@link #reserve} left uncleared) and returns its ordinal. */
    int append() {
        if (size == Integer.MAX_VALUE) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "the index holds the maximum number of vectors");
        }
        int chunk = size >>> shift;
        int slot = size & mask;
        int perChunk = mask + 1;
        if (chunk == chunks.length) {
            LinearBlock[] grown = new LinearBlock[chunk + 1];
            System.arraycopy(chunks, 0, grown, 0, chunk);
            int[] grownBases = new int[chunk + 1];
            System.arraycopy(bases, 0, grownBases, 0, chunk);
            grown[chunk] = arena.alloc(Math.min(perChunk, 16) * rowBytes);
            grownBases[chunk] = grown[chunk].address;
            chunks = grown;
            bases = grownBases;
        } else if ((slot + 1) * rowBytes > chunks[chunk].bytes) {
            int rows = Math.min(perChunk, 2 * (chunks[chunk].bytes / rowBytes));
            chunks[chunk] = chunks[chunk].grow(rows * rowBytes, slot * rowBytes);
            bases[chunk] = chunks[chunk].address;
        }
        int ord = size++;
        Address.fillZero(Address.fromInt(address(ord)), rowBytes);
        return ord;
    }

    /**
     * Allocates the chunks that rows up to {@code total} will fill at their final size now, rather than
     * doubling them up row by row (which zeroes and copies each chunk's bytes about twice more). New chunks
     * are not zeroed: each row is, or is written whole, as it is appended.
     */
    void reserve(int total) {
        if (total <= size) {
            return;
        }
        int last = (total - 1) >>> shift;
        if (last >= chunks.length) {
            LinearBlock[] grown = new LinearBlock[last + 1];
            System.arraycopy(chunks, 0, grown, 0, chunks.length);
            int[] grownBases = new int[last + 1];
            System.arraycopy(bases, 0, grownBases, 0, bases.length);
            chunks = grown;
            bases = grownBases;
        }
        int perChunk = mask + 1;
        for (int chunk = size >>> shift; chunk <= last; chunk++) {
            int bytes = (chunk < last ? perChunk : ((total - 1) & mask) + 1) * rowBytes;
            if (chunks[chunk] == null) {
                chunks[chunk] = arena.allocUncleared(bytes);
            } else if (chunks[chunk].bytes < bytes) {
                chunks[chunk] = chunks[chunk].grow(bytes, (size - (chunk << shift)) * rowBytes);
            } else {
                continue;
            }
            bases[chunk] = chunks[chunk].address;
        }
    }

    /**
     * Appends {@code count} rows at once and returns the first one's ordinal; they are not zeroed: the caller
     * writes every byte of them, padding included. Rows are contiguous within a chunk: {@link #runFrom} says how
     * many follow an ordinal there.
     */
    int appendAll(int count) {
        if (count > Integer.MAX_VALUE - size) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "the index holds the maximum number of vectors");
        }
        reserve(size + count);
        int first = size;
        size += count;
        return first;
    }

    /** How many rows from {@code ord} on lie end to end in its chunk (at most {@code limit}). */
    int runFrom(int ord, int limit) {
        return Math.min(limit, (mask + 1) - (ord & mask));
    }

    /** Returns every chunk; again is a no-op. Afterwards the rows are empty (an address fails the assert). */
    void release() {
        for (LinearBlock c : chunks) {
            c.release();
        }
        chunks = new LinearBlock[0];
        bases = new int[0];
        size = 0;
    }

    long bytesUsed() {
        long bytes = 0;
        for (LinearBlock c : chunks) {
            bytes += c.bytes;
        }
        return bytes;
    }
}
