package dev.teavec.core.fulltext;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.number.Decimal;

/**
 * Okapi BM25's two parameters. A document d scores, for a query q:
 * <pre>
 *   score(d, q) = Σ over distinct terms t of q:  qtf(t) · idf(t) · tf(t,d)·(k1 + 1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl))
 *   idf(t)      = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
 * </pre>
 * with N the live documents, df(t) those holding t, |d| the document's term count, avgdl their
 * mean, and qtf(t) how often t occurs in the query. This idf (Lucene's) is never negative, so a
 * term in most documents still adds a little. Defaults k1 = 1.2, b = 0.75 (Lucene's, Elasticsearch's).
 */
public final class Bm25 {
    public static final double DEFAULT_K1 = 1.2;
    public static final double DEFAULT_B = 0.75;
    /** k1 above this saturates nothing: a typo (12 for 1.2) rather than a choice. */
    public static final double MAX_K1 = 100;
    public static final Bm25 DEFAULT = new Bm25(DEFAULT_K1, DEFAULT_B);

    private final double k1;
    private final double b;

    private Bm25(double k1, double b) {
        this.k1 = k1;
        this.b = b;
    }

    /** Term-frequency saturation k1 in [0, 100] and length normalisation b in [0, 1]. */
    public static Bm25 of(double k1, double b) {
        if (!(k1 >= 0 && k1 <= MAX_K1)) {
            throw new TeaVecException(ErrorCode.INVALID_CONFIG, "bm25 k1 must be a number in [0, 100], got "
                    + Decimal.format(k1));
        }
        if (!(b >= 0 && b <= 1)) {
            throw new TeaVecException(ErrorCode.INVALID_CONFIG, "bm25 b must be a number in [0, 1], got "
                    + Decimal.format(b));
        }
        return new Bm25(k1, b);
    }

    public double k1() {
        return k1;
    }

    public double b() {
        return b;
    }

    static double idf(int documents, int documentFrequency) {
        return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
    }
}
