package dev.teavec.bindings.simd;

import dev.teavec.core.store.BinaryKernel;
import dev.teavec.core.store.CodeKernel;
import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.RowSource;
import dev.teavec.core.vector.VectorOps;
import org.teavm.interop.Address;

/** SQ8 codes in Wasm linear memory, each zero-padded to a multiple of 16 bytes, scored by SIMD. */
final class LinearCodeStorage implements CodeStorage {
    private final int dim;
    final int blocks;
    final LinearRows rows;
    /** Where this index's blocks are recorded: shared with its kernels and the storages it makes. */
    final LinearArena arena;

    LinearCodeStorage(LinearArena arena, int dim) {
        this.arena = arena;
        this.dim = dim;
        this.blocks = VectorOps.padded(dim) / VectorOps.LANES;
        this.rows = new LinearRows(arena, blocks * VectorOps.LANES);
    }

    @Override
    public int dimensions() {
        return dim;
    }

    @Override
    public int size() {
        return rows.size();
    }

    int address(int ord) {
        return rows.address(ord);
    }

    @Override
    public int append() {
        return rows.append();
    }

    @Override
    public void write(int ord, byte[] codes) {
        Address a = Address.fromInt(rows.address(ord));
        for (int i = 0; i < dim; i++) {
            a.add(i).putByte(codes[i]);
        }
    }

    /** From JavaScript bytes: one typed-array copy per run of rows (per row when rows are padded). */
    @Override
    public void appendRows(RowSource source, int pos, int count) {
        if (!(source instanceof JsRows)) {
            CodeStorage.super.appendRows(source, pos, count);
            return;
        }
        LinearRowCopy.append(rows, (JsRows) source, pos, count, dim);
    }

    @Override
    public void reserve(int count) {
        rows.reserve(count);
    }

    @Override
    public void read(int ord, byte[] out) {
        Address a = Address.fromInt(rows.address(ord));
        for (int i = 0; i < dim; i++) {
            out[i] = a.add(i).getByte();
        }
    }

    @Override
    public LinearCodeStorage newEmpty() {
        return new LinearCodeStorage(arena, dim);
    }

    @Override
    public CodeKernel newKernel() {
        return new LinearCodeKernel(this);
    }

    // ---- binary codes
    @Override
    public BinaryKernel newBinaryKernel() {
        return new LinearBinaryKernel(this);
    }
    // ---- end binary codes

    @Override
    public long bytesUsed() {
        return rows.bytesUsed();
    }

    /** Returns the vectors' chunks (not the kernels': each kernel's owner releases it). */
    @Override
    public void release() {
        rows.release();
    }
}
