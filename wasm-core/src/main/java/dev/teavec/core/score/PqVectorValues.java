package dev.teavec.core.score;

import dev.teavec.core.quant.ProductQuantizer;
import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.LookupKernel;
import dev.teavec.core.store.LookupTables;
import dev.teavec.core.store.RowSource;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;

/**
 * PQ codes (one byte per sub-space, {@link ProductQuantizer}) plus, under cosine, the inverse norm of each
 * decoded vector and, under dot, its squared norm (for {@link InnerProductAsL2}); l2 needs none. Float vectors
 * are not kept here.
 *
 * <p>Under cosine only directions matter, so vectors are encoded as unit vectors (brought into
 * {@link CosineScale}'s safe range first): the centroids then spend no precision on norms, and no vector is
 * out of range. {@link #decode} returns that direction.
 */
public final class PqVectorValues implements ScoringVectors {
    private final Metric metric;
    private final int dim;
    private final ProductQuantizer quantizer;
    private final CodeStorage codes;
    private final float[] scratch;
    private final byte[] codeScratch;
    /** Null under l2. */
    private float[] norms;
    private float maxSquaredNorm;
    /** The centroids the scorers' kernels fill tables from; made by the first scorer or encoding. */
    private LookupTables tables;
    /** The kernel that encodes added vectors (ProductQuantizer.encode's codes, by the kernel's table); made on first use. */
    private LookupKernel encoder;

    private PqVectorValues(Metric metric, ProductQuantizer quantizer, CodeStorage codes) {
        assert codes.size() == 0 && codes.dimensions() == quantizer.subspaces() : "codes must start empty";
        this.metric = metric;
        this.dim = quantizer.dimensions();
        this.quantizer = quantizer;
        this.codes = codes;
        this.scratch = new float[dim];
        this.codeScratch = new byte[quantizer.subspaces()];
        this.norms = metric == Metric.L2 ? null : new float[16];
    }

    /** Trains {@code subspaces} sub-quantizers on every vector of {@code sample}, then encodes them all, in order. */
    public static PqVectorValues train(FloatVectorValues sample, int subspaces, long seed, VectorStorageFactory storage) {
        int dim = sample.dimensions();
        int n = sample.size();
        float[] rows = new float[n * dim];
        float[] v = new float[dim];
        for (int ord = 0; ord < n; ord++) {
            sample.decode(ord, v);
            prepare(sample.metric(), v, rows, ord * dim);
        }
        ProductQuantizer pq = ProductQuantizer.train(rows, n, dim, subspaces, seed);
        PqVectorValues values = new PqVectorValues(sample.metric(), pq, storage.codes(subspaces));
        values.reserve(n);
        for (int ord = 0; ord < n; ord++) {
            System.arraycopy(rows, ord * dim, v, 0, dim);
            values.addPrepared(v);
        }
        return values;
    }

    /** Empty values with a trained quantizer, to be filled by {@link #appendCodes}: snapshots. */
    public static PqVectorValues restore(Metric metric, ProductQuantizer quantizer, VectorStorageFactory storage) {
        return new PqVectorValues(metric, quantizer, storage.codes(quantizer.subspaces()));
    }

    /** {@code v} as it is encoded, written to {@code out[off..off+dim)}: a unit vector under cosine, else as is. */
    private static void prepare(Metric metric, float[] v, float[] out, int off) {
        int dim = v.length;
        if (metric != Metric.COSINE) {
            System.arraycopy(v, 0, out, off, dim);
            return;
        }
        float[] scaled = CosineScale.scaled(v);
        float inv = VectorOps.inverseNorm(scaled, 0, dim);
        for (int i = 0; i < dim; i++) {
            out[off + i] = scaled[i] * inv;
        }
    }

    @Override
    public int dimensions() {
        return dim;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public int size() {
        return codes.size();
    }

    public ProductQuantizer quantizer() {
        return quantizer;
    }

    /** Where the codes live: Java arrays or (browser build) Wasm linear memory. */
    public CodeStorage codes() {
        return codes;
    }

    /** Inverse norm (cosine) or squared norm (dot) of decoded vector {@code ord}; unused under l2. */
    public float norm(int ord) {
        return norms[ord];
    }

    /** Under dot: the largest squared norm stored so far, M² of {@link InnerProductAsL2}. */
    float maxSquaredNorm() {
        return maxSquaredNorm;
    }

    public void reserve(int count) {
        codes.reserve(count);
        if (norms != null && norms.length < count) {
            float[] grown = new float[count];
            System.arraycopy(norms, 0, grown, 0, norms.length);
            norms = grown;
        }
    }

    @Override
    public int add(float[] vector) {
        float[] v = new float[dim];
        prepare(metric, vector, v, 0);
        return addPrepared(v);
    }

    private LookupTables tables() {
        if (tables == null) {
            tables = codes.newLookupTables(quantizer);
        }
        return tables;
    }

    private int addPrepared(float[] v) {
        if (encoder == null) {
            encoder = tables().newKernel();
        }
        encoder.encode(v, codeScratch);
        int ord = codes.append();
        codes.write(ord, codeScratch);
        normFromScratch(ord);
        return ord;
    }

    /** Appends {@code count} codes from {@code source} at {@code pos} (a snapshot's bytes) and takes their norms. */
    public void appendCodes(RowSource source, int pos, int count) {
        int first = codes.size();
        codes.appendRows(source, pos, count);
        for (int ord = first; ord < first + count; ord++) {
            codes.read(ord, codeScratch);
            normFromScratch(ord);
        }
    }

    /** Sets the norm of {@code ord} from its code, which {@code codeScratch} holds. */
    private void normFromScratch(int ord) {
        if (norms == null) {
            return;
        }
        if (ord >= norms.length) {
            float[] grown = new float[Math.max(ord + 1, 2 * norms.length)];
            System.arraycopy(norms, 0, grown, 0, norms.length);
            norms = grown;
        }
        quantizer.decode(codeScratch, scratch);
        if (metric == Metric.COSINE) {
            // Centroids of unit vectors average them: a decoded vector is never zero unless they cancel out.
            norms[ord] = VectorOps.inverseNorm(scratch, 0, dim);
            return;
        }
        float squared = VectorOps.dot(scratch, 0, scratch, 0, dim);
        norms[ord] = squared;
        maxSquaredNorm = Math.max(maxSquaredNorm, squared);
    }

    @Override
    public void decode(int ord, float[] out) {
        codes.read(ord, codeScratch);
        quantizer.decode(codeScratch, out);
    }

    @Override
    public PqScorer newScorer() {
        return new PqScorer(this, tables().newKernel());
    }

    @Override
    public PqVectorValues copyOf(int[] ords, int count) {
        // Codes are copied as they are: re-encoding would gain nothing and the centroids are unchanged.
        PqVectorValues copy = new PqVectorValues(metric, quantizer, codes.newEmpty());
        copy.reserve(count);
        for (int i = 0; i < count; i++) {
            codes.read(ords[i], copy.codeScratch);
            int ord = copy.codes.append();
            copy.codes.write(ord, copy.codeScratch);
            copy.normFromScratch(ord);
        }
        return copy;
    }

    @Override
    public long storageBytes() {
        return codes.bytesUsed() + (tables == null ? 0 : tables.bytesUsed()) + (encoder == null ? 0 : encoder.bytesUsed());
    }

    @Override
    public void release() {
        codes.release();
        if (encoder != null) {
            encoder.release();
        }
        if (tables != null) {
            tables.release();
        }
    }

    @Override
    public long bytesUsed() {
        return storageBytes() + (norms == null ? 0 : (long) norms.length * Float.BYTES)
                + quantizer.centroidFloats() * Float.BYTES;
    }
}
