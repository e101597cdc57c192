package dev.teavec.bindings.simd;

import dev.teavec.core.quant.ProductQuantizer;
import dev.teavec.core.quant.Sq8Quantizer;
import dev.teavec.core.store.BinaryKernel;
import dev.teavec.core.store.CodeKernel;
import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.Float16Kernel;
import dev.teavec.core.store.LookupTables;
import dev.teavec.core.store.NibbleKernel;
import dev.teavec.core.store.RowSource;
import dev.teavec.core.vector.VectorOps;
import org.teavm.interop.Address;

/** Byte codes (SQ8, SQ4, PQ) in Wasm linear memory, each row zero-padded to a multiple of 16 bytes, scored by SIMD. */
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

    /** One SIMD decode-and-square per code where it lives (a snapshot load's norms). */
    @Override
    public void decodedSquaredNorms(Sq8Quantizer quantizer, int from, int count, float[] out) {
        float[] t = quantizer.decodeTables(blocks * VectorOps.LANES);
        LinearBlock tables = arena.alloc(t.length * 4);
        try {
            LinearFloatStorage.write(tables.address, t, t.length);
            for (int ord = from; ord < from + count; ord++) {
                out[ord] = SimdKernels.normU8(rows.address(ord), tables.address, blocks);
            }
        } finally {
            tables.release();
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

    /** Float16's SIMD kernel (the rows are halves, two bytes a dimension). */
    @Override
    public Float16Kernel newFloat16Kernel() {
        return new LinearFloat16Kernel(this);
    }

    // The extended encodings' kernels (sq4.wat, pq.wat): reached only from teavec/quantization's engine.
    @Override
    public NibbleKernel newNibbleKernel() {
        return new LinearNibbleKernel(this);
    }

    @Override
    public LookupTables newLookupTables(ProductQuantizer pq) {
        return new LinearPqCentroids(this, pq);
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
