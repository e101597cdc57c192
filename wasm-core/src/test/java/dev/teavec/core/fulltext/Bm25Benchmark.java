package dev.teavec.core.fulltext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: BM25 over the 25,000 WordNet glosses on the JVM — build rate, index size (heap estimate and
 * encoded bytes), encode/decode time, and query latency (p50/p99, k 10) for long queries (the 1,000 held-out
 * gloss texts, ~15 terms) and one-word queries (each one's first word of 4+ letters). Run through
 * {@code node bench/fulltext.mjs}, or from wasm-core after {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes dev.teavec.core.fulltext.Bm25Benchmark}
 */
public final class Bm25Benchmark {
    private Bm25Benchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<String> base = WordNetTexts.read(WordNetTexts.file("wordnet_minilm_base.jsonl"), "text");
        List<String> longQueries = WordNetTexts.read(WordNetTexts.file("wordnet_minilm_query.jsonl"), "text");
        List<String> shortQueries = new ArrayList<>();
        for (String q : longQueries) {
            for (String w : q.split("[^A-Za-z]+")) {
                if (w.length() >= 4) {
                    shortQueries.add(w);
                    break;
                }
            }
        }
        System.out.printf("BM25 on %d WordNet glosses, JVM %s, %d cores%n", base.size(), Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        for (TextAnalyzer analyzer : new TextAnalyzer[] {TextAnalyzer.plain(), TextAnalyzer.english()}) {
            String name = analyzer.englishStemming() ? "english" : "plain";
            InvertedIndex ix = null;
            long buildNs = Long.MAX_VALUE;
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                ix = new InvertedIndex(analyzer);
                for (int i = 0; i < base.size(); i++) {
                    ix.put(i, base.get(i));
                }
                buildNs = Math.min(buildNs, System.nanoTime() - t0);
            }
            InvertedIndex kept = ix;
            ix = null;
            long before = usedHeap();
            ix = new InvertedIndex(analyzer);
            for (int i = 0; i < base.size(); i++) {
                ix.put(i, base.get(i));
            }
            long retained = usedHeap() - before;
            kept = null;
            byte[] bytes = null;
            long encodeNs = Long.MAX_VALUE;
            long decodeNs = Long.MAX_VALUE;
            for (int rep = 0; rep < 5; rep++) {
                long t0 = System.nanoTime();
                bytes = InvertedIndexCodec.encode(ix);
                long t1 = System.nanoTime();
                InvertedIndexCodec.decode(bytes, base.size());
                long t2 = System.nanoTime();
                encodeNs = Math.min(encodeNs, t1 - t0);
                decodeNs = Math.min(decodeNs, t2 - t1);
            }
            System.out.printf("%-7s build %.0f ms (%.0f docs/s); %d terms; JVM heap retained %.1f MB (estimate %.1f MB); "
                    + "encoded %.0f KB (encode %.1f ms, decode %.1f ms)%n", name, buildNs / 1e6,
                    base.size() / (buildNs / 1e9), ix.termCount(), retained / 1e6, ix.bytesEstimate() / 1e6,
                    bytes.length / 1024.0, encodeNs / 1e6, decodeNs / 1e6);
            report(name, "long queries", ix, longQueries);
            report(name, "1-word queries", ix, shortQueries);
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void report(String analyzer, String what, InvertedIndex ix, List<String> queries) {
        for (String q : queries) {
            ix.search(q, 10, Bm25.DEFAULT, null); // warm-up
        }
        long[] ns = new long[queries.size() * 3];
        int n = 0;
        for (int rep = 0; rep < 3; rep++) {
            for (String q : queries) {
                long t0 = System.nanoTime();
                ix.search(q, 10, Bm25.DEFAULT, null);
                ns[n++] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(ns);
        System.out.printf("%-7s %-15s p50 %6.1f µs  p99 %7.1f µs  (%d searches, k 10)%n", analyzer, what,
                ns[n / 2] / 1e3, ns[(int) (n * 0.99)] / 1e3, n);
    }
}
