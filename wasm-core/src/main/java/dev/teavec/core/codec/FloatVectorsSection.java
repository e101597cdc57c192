package dev.teavec.core.codec;

import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.vector.Metric;

/**
 * Sections VECTORS_F32 (the vectors an index scores on) and RERANK_F32 (exact floats kept next to
 * SQ8 codes): a count, the dimensions, then every vector as float32, ordinal by ordinal. Every value
 * must be finite and, under cosine, no vector zero, as when it was added.
 */
final class FloatVectorsSection implements SectionPayload {
    private final int id;
    private final FloatVectorValues vectors;

    FloatVectorsSection(int id, FloatVectorValues vectors) {
        this.id = id;
        this.vectors = vectors;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public long size() {
        return 8 + 4L * vectors.size() * vectors.dimensions();
    }

    @Override
    public void write(SnapshotWriter out) {
        int n = vectors.size();
        int dim = vectors.dimensions();
        out.i32(n);
        out.i32(dim);
        float[] v = new float[dim];
        for (int ord = 0; ord < n; ord++) {
            // As added: under cosine the store may hold a rescaled copy (CosineScale), which add() remakes.
            vectors.decode(ord, v);
            out.floats(v, 0, dim);
        }
    }

    /** Reads section {@code id}, which must hold {@code count} vectors of {@code dim} dimensions. */
    static FloatVectorValues read(SnapshotLayout layout, int id, int count, int dim, Metric metric, DecodeBudget budget,
            VectorStorageFactory storage) {
        SnapshotReader in = layout.section(id);
        in.expect("vector count", count);
        in.expect("dimensions", dim);
        in.need(4L * count * dim, count + " vectors of " + dim + " float32");
        // Chunk growth can double the last chunk; cosine adds one inverse norm per vector.
        budget.charge(2 * 4L * count * dim + 8L * count, SectionIds.name(id), in.position());
        FloatVectorValues values = new FloatVectorValues(dim, metric, storage);
        values.reserve(count);
        float[] v = new float[dim];
        for (int ord = 0; ord < count; ord++) {
            int at = in.position();
            in.readFinite(v, 0, dim, "vector " + ord);
            values.add(v);
            // add() took the inverse norm, which is 0 only for the zero vector.
            if (metric.usesNorm() && values.invNorm(ord) == 0f) {
                throw in.corrupt(at, "vector " + ord + " is zero, which cosine cannot hold");
            }
        }
        in.expectEnd();
        return values;
    }
}
