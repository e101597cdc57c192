package dev.teavec.bindings.text;

import dev.teavec.core.fulltext.Bm25;
import dev.teavec.core.fulltext.InvertedIndex;
import dev.teavec.core.fulltext.InvertedIndexCodec;
import dev.teavec.core.fulltext.ScoredIds;
import dev.teavec.core.fulltext.TextAnalyzer;
import dev.teavec.core.index.IdFilter;
import java.util.Arrays;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/** A collection's inverted index, keyed by the engine's record ids, as JavaScript sees it. */
public final class TextIndex {
    private final InvertedIndex index;

    TextIndex(TextAnalyzer analyzer) {
        this(new InvertedIndex(analyzer));
    }

    TextIndex(InvertedIndex index) {
        this.index = index;
    }

    /** The index in {@link InvertedIndexCodec}'s layout, as a database snapshot keeps it (TEXT_INDEXES). */
    @JSExport
    public Int8Array toBytes() {
        return Int8Array.copyFromJavaArray(InvertedIndexCodec.encode(index));
    }

    /** Indexes {@code text} as record {@code id}, replacing what it held. */
    @JSExport
    public void put(int id, String text) {
        index.put(id, text);
    }

    /** Takes record {@code id} out; false when it was not indexed. */
    @JSExport
    public boolean remove(int id) {
        return index.remove(id);
    }

    @JSExport
    public int documentCount() {
        return index.documentCount();
    }

    @JSExport
    public double bytesEstimate() {
        return index.bytesEstimate();
    }

    @JSExport
    public void checkIntegrity() {
        index.checkIntegrity();
    }

    /**
     * The {@code k} best records by BM25 (default k1, b) for {@code query}, packed; only ids in
     * {@code allowed} (ascending) when {@code filtered}.
     */
    @JSExport
    public Float64Array search(String query, int k, boolean filtered, Int32Array allowed) {
        IdFilter filter = null;
        if (filtered) {
            int[] ids = allowed.copyToJavaArray();
            filter = id -> Arrays.binarySearch(ids, id) >= 0;
        }
        return Float64Array.copyFromJavaArray(pack(index.search(query, k, Bm25.DEFAULT, filter)));
    }

    /** {@code [n, id0, score0, id1, score1, ...]}: best first. */
    static double[] pack(ScoredIds hits) {
        double[] out = new double[1 + 2 * hits.size()];
        out[0] = hits.size();
        for (int i = 0; i < hits.size(); i++) {
            out[1 + 2 * i] = hits.id(i);
            out[2 + 2 * i] = hits.score(i);
        }
        return out;
    }
}
