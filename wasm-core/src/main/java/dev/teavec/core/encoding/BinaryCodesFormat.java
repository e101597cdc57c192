package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.quant.BinaryQuantizer;
import dev.teavec.core.quant.RandomRotation;
import dev.teavec.core.score.BinaryVectorValues;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * Binary codes with their quantizer (docs/format.md, binary): the count and dimensions, the rotation's seed
 * and rounds ({@link RandomRotation} is a function of them), the centroid, then per vector its
 * {@code ceil(d/64)} code words (little-endian i64, bit i of the code is bit {@code i mod 64} of word
 * {@code i / 64}, padding bits zero) and its three terms (alpha, |r|², r·c). Terms are checked against each
 * other as encoding makes them ({@code |r|²/d ≤ alpha² ≤ |r|²}, {@code |r·c| ≤ |r||c|}), so a damaged
 * snapshot is refused rather than searched with wild estimates.
 */
public final class BinaryCodesFormat {
    /** Relative slack for the term checks: encoding rounds each term to float32 once. */
    private static final float SLACK = 1e-3f;

    private BinaryCodesFormat() {
    }

    public static long size(BinaryVectorValues values) {
        int dim = values.dimensions();
        return 17 + 4L * dim + (long) values.size() * (8L * BinaryQuantizer.words(dim) + 4L * BinaryQuantizer.TERMS);
    }

    public static void write(SectionOutput out, BinaryVectorValues values) {
        int dim = values.dimensions();
        int n = values.size();
        BinaryQuantizer q = values.quantizer();
        out.i32(n);
        out.i32(dim);
        out.i64(q.rotation().seed());
        out.u8(q.rotation().rounds());
        for (int i = 0; i < dim; i++) {
            out.f32(q.centroid(i));
        }
        int words = BinaryQuantizer.words(dim);
        long[] code = new long[words];
        for (int ord = 0; ord < n; ord++) {
            values.readCode(ord, code);
            for (int w = 0; w < words; w++) {
                out.i64(code[w]);
            }
            for (int t = 0; t < BinaryQuantizer.TERMS; t++) {
                out.f32(values.term(ord, t));
            }
        }
    }

    public static BinaryVectorValues read(SectionInput in, int count, int dim, Metric metric,
            VectorStorageFactory storage) {
        in.expect("vector count", count);
        in.expect("dimensions", dim);
        long seed = in.i64("rotation seed");
        int at = in.position();
        int rounds = in.u8("rotation rounds");
        if (rounds < 1 || rounds > RandomRotation.MAX_ROUNDS) {
            throw in.corrupt(at, "rotation rounds is " + rounds + ", not 1.." + RandomRotation.MAX_ROUNDS);
        }
        in.need(4L * dim, "the centroid");
        // The rotation's sign tables, the centroid and the scorers' scratch.
        in.charge(4L * dim * (rounds + 4), "the binary quantizer");
        float[] centroid = new float[dim];
        in.readFinite(centroid, 0, dim, "centroid");
        int words = BinaryQuantizer.words(dim);
        long perVector = 8L * words + 4L * BinaryQuantizer.TERMS;
        in.need(perVector * count, count + " binary codes of " + dim + " bits");
        // Growth by doubling can hold twice the codes.
        in.charge(2 * perVector * count, "the binary codes");
        BinaryQuantizer quantizer = new BinaryQuantizer(centroid, new RandomRotation(dim, seed, rounds));
        float centroidNorm = (float) Math.sqrt(quantizer.centroidSquaredNorm());
        BinaryVectorValues values = new BinaryVectorValues(metric, quantizer, storage);
        values.reserve(Math.max(count, 1));
        long padMask = (dim & 63) == 0 ? 0L : -1L << (dim & 63);
        long[] code = new long[words];
        float[] terms = new float[BinaryQuantizer.TERMS];
        for (int ord = 0; ord < count; ord++) {
            int codeAt = in.position();
            for (int w = 0; w < words; w++) {
                code[w] = in.i64("code word");
            }
            if ((code[words - 1] & padMask) != 0) {
                throw in.corrupt(codeAt, "binary code " + ord + " has bits set beyond dimension " + dim);
            }
            int termsAt = in.position();
            float alpha = in.finite("alpha of vector " + ord);
            float rSq = in.finite("residual norm of vector " + ord);
            float rc = in.finite("residual-centroid product of vector " + ord);
            double alphaSq = (double) alpha * alpha;
            if (alpha < 0f || rSq < 0f || alphaSq > rSq * (1 + SLACK) + 1e-30 || alphaSq * dim < rSq * (1 - SLACK)
                    || Math.abs(rc) > Math.sqrt(rSq) * centroidNorm * (1 + SLACK) + 1e-30) {
                throw in.corrupt(termsAt, "the terms of binary vector " + ord + " (alpha " + alpha + ", |r|² " + rSq
                        + ", r·c " + rc + ") are not those of any vector");
            }
            terms[0] = alpha;
            terms[1] = rSq;
            terms[2] = rc;
            values.appendCode(code, terms);
        }
        return values;
    }
}
