package dev.teavec.bindings.text;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.fulltext.InvertedIndex;
import dev.teavec.core.fulltext.InvertedIndexCodec;
import dev.teavec.core.fulltext.RankFusion;
import dev.teavec.core.fulltext.ScoredIds;
import dev.teavec.core.fulltext.TextAnalyzer;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Float64Array;
import java.util.Arrays;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Entry point of teavec-text.wasm, full-text search's own Wasm module: the tokenizer, stemmer, inverted index,
 * BM25 and reciprocal rank fusion of {@code dev.teavec.core.fulltext}. Compiled apart from the engine
 * (teavec.wasm) and loaded only when a collection first searches by text, so the core bundle does not carry
 * it; the two meet in JavaScript through the engine's record ids.
 */
public final class TextModule {
    private TextModule() {
    }

    /** An empty index; {@code englishStemming}: Porter2 stems ("running" finds "runs"), else folded words. */
    @JSExport
    public static TextIndex textIndex(boolean englishStemming) {
        return new TextIndex(englishStemming ? TextAnalyzer.english() : TextAnalyzer.plain());
    }

    /** The analyzer flags an index of {@link #textIndex}{@code (englishStemming)} saves (its bytes' second byte). */
    @JSExport
    public static int analyzerFlags(boolean englishStemming) {
        return (englishStemming ? TextAnalyzer.english() : TextAnalyzer.plain()).flags();
    }

    /**
     * The index {@link TextIndex#toBytes} saved, for a collection whose live record ids are {@code liveIds}:
     * CORRUPT_SNAPSHOT when the bytes are malformed or index a record that is not live.
     */
    @JSExport
    public static TextIndex textIndexFromBytes(Int8Array bytes, Int32Array liveIds) {
        int[] live = liveIds.copyToJavaArray();
        Arrays.sort(live);
        int limit = live.length == 0 ? 0 : live[live.length - 1] + 1;
        InvertedIndex index = InvertedIndexCodec.decode(bytes.copyToJavaArray(), limit);
        for (int id = 0; id < limit; id++) {
            if (index.contains(id) && Arrays.binarySearch(live, id) < 0) {
                throw new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, "full-text index: it indexes record " + id
                        + ", which the collection does not hold");
            }
        }
        return new TextIndex(index);
    }

    /**
     * Reciprocal rank fusion of two rankings (ids best first): the {@code limit} best fused ids, packed as
     * {@link TextIndex#pack} lays out.
     */
    @JSExport
    public static Float64Array fuse(Int32Array first, Int32Array second, double firstWeight, double secondWeight, int k,
            int limit) {
        ScoredIds fused = RankFusion.reciprocalRank(new int[][] {first.copyToJavaArray(), second.copyToJavaArray()},
                new double[] {firstWeight, secondWeight}, k, limit);
        return Float64Array.copyFromJavaArray(TextIndex.pack(fused));
    }

    /** RankFusion's default k (the paper's 60), read by the JavaScript side rather than written again there. */
    @JSExport
    public static int defaultFusionK() {
        return RankFusion.DEFAULT_K;
    }

    /** Version of this module's API, checked by npm-package/src/text-init.js. */
    @JSExport
    public static int apiVersion() {
        return 2;
    }
}
