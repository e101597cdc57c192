package dev.teavec.bindings.simd;

import dev.teavec.core.store.FloatKernel;
import dev.teavec.core.store.FloatStorage;
import dev.teavec.core.store.RowSource;
import dev.teavec.core.vector.VectorOps;
import org.teavm.interop.Address;

/** Float32 vectors in Wasm linear memory, each zero-padded to a multiple of 16 floats, scored by SIMD. */
final class LinearFloatStorage implements FloatStorage {
    private final int dim;
    /** Vector length in 16-float blocks: what the kernels take. */
    final int blocks;
    final LinearRows rows;
    /** Where this index's blocks are recorded: shared with its kernels and the storages it makes. */
    final LinearArena arena;

    LinearFloatStorage(LinearArena arena, int dim) {
        this.arena = arena;
        this.dim = dim;
        this.blocks = VectorOps.padded(dim) / VectorOps.LANES;
        this.rows = new LinearRows(arena, blocks * VectorOps.LANES * 4);
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
    public int add(float[] v) {
        assert v.length == dim : "vector length " + v.length + " != " + dim;
        int ord = rows.append();
        write(rows.address(ord), v, dim);
        return ord;
    }

    static void write(int address, float[] v, int dim) {
        Address a = Address.fromInt(address);
        for (int i = 0; i < dim; i++) {
            a.add(i << 2).putFloat(v[i]);
        }
    }

    @Override
    public void set(int ord, float[] v) {
        write(rows.address(ord), v, dim);
    }

    /** From JavaScript bytes: one typed-array copy per run of rows (per row when rows are padded). */
    @Override
    public void appendRows(RowSource source, int pos, int count) {
        if (!(source instanceof JsRows)) {
            FloatStorage.super.appendRows(source, pos, count);
            return;
        }
        LinearRowCopy.append(rows, (JsRows) source, pos, count, 4 * dim);
    }

    @Override
    public void reserve(int count) {
        rows.reserve(count);
    }

    @Override
    public void read(int ord, float[] out) {
        Address a = Address.fromInt(rows.address(ord));
        for (int i = 0; i < dim; i++) {
            out[i] = a.add(i << 2).getFloat();
        }
    }

    @Override
    public LinearFloatStorage newEmpty() {
        return new LinearFloatStorage(arena, dim);
    }

    @Override
    public FloatKernel newKernel() {
        return new LinearFloatKernel(this);
    }

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
