package dev.teavec.core.fulltext;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IdFilter;
import java.util.List;

/**
 * An inverted index over documents keyed by the database's ids (dense non-negative ints, never
 * reused), kept exact on every change: {@link #put} adds or replaces a document, {@link #remove}
 * takes its postings out at once. So N, avgdl and every df count live documents only — there are no
 * tombstoned postings to skew BM25 or to compact later.
 *
 * <p>Layout: a {@link TermDictionary}; per term an unordered list of (doc, tf) pairs
 * ({@link PostingLists}); per document its distinct terms sorted by term id, each with the slot of
 * its posting, so that removal costs O(terms of the document · log) and nothing scans a long list.
 * About 16 bytes per (document, distinct term) pair plus the dictionary.
 */
public final class InvertedIndex {
    private final TextAnalyzer analyzer;
    private final TermDictionary terms = new TermDictionary();
    private final PostingLists postings = new PostingLists();
    /** Per document: (term id, posting slot) pairs sorted by term id; null when absent. */
    private int[][] docTerms = new int[16][];
    private int[] docLengths = new int[16];
    private int documents;
    private long totalLength;
    private Bm25Searcher searcher;

    public InvertedIndex(TextAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    public TextAnalyzer analyzer() {
        return analyzer;
    }

    /** Indexes {@code text} as document {@code doc}, replacing what it held. An empty text is a document of length 0. */
    public void put(int doc, String text) {
        if (doc < 0) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "document ids are non-negative, got " + doc);
        }
        if (text == null) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "expected a document text for id " + doc
                    + ", got null");
        }
        List<String> words = analyzer.terms(text);
        remove(doc);
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = terms.intern(words.get(i));
        }
        IntSort.sort(ids, ids.length, IntSort.NATURAL);
        int distinct = 0;
        for (int i = 0; i < ids.length; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                distinct++;
            }
        }
        int[] entry = new int[2 * distinct];
        int j = 0;
        for (int i = 0; i < ids.length; ) {
            int run = i;
            while (run < ids.length && ids[run] == ids[i]) {
                run++;
            }
            entry[2 * j] = ids[i];
            entry[2 * j + 1] = postings.add(ids[i], doc, run - i);
            j++;
            i = run;
        }
        setDocument(doc, entry, ids.length);
    }

    /** Removes document {@code doc}; false when it was not indexed. */
    public boolean remove(int doc) {
        if (!contains(doc)) {
            return false;
        }
        int[] entry = docTerms[doc];
        for (int j = 0; j < entry.length; j += 2) {
            int term = entry[j];
            int moved = postings.remove(term, entry[j + 1]);
            if (moved >= 0) {
                repoint(moved, term, entry[j + 1]);
            }
            if (postings.count(term) == 0) {
                terms.release(term);
            }
        }
        docTerms[doc] = null;
        documents--;
        totalLength -= docLengths[doc];
        docLengths[doc] = 0;
        return true;
    }

    private void repoint(int doc, int term, int slot) {
        int[] entry = docTerms[doc];
        int lo = 0;
        int hi = entry.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int t = entry[2 * mid];
            if (t < term) {
                lo = mid + 1;
            } else if (t > term) {
                hi = mid - 1;
            } else {
                entry[2 * mid + 1] = slot;
                return;
            }
        }
        throw new AssertionError("document " + doc + " has no entry for term " + term);
    }

    /** Stores a document's entry (codec and put). */
    void setDocument(int doc, int[] entry, int length) {
        if (doc >= docTerms.length) {
            int size = Math.max(doc + 1, docTerms.length * 2);
            int[][] terms = new int[size][];
            System.arraycopy(docTerms, 0, terms, 0, docTerms.length);
            docTerms = terms;
            int[] lengths = new int[size];
            System.arraycopy(docLengths, 0, lengths, 0, docLengths.length);
            docLengths = lengths;
        }
        docTerms[doc] = entry;
        docLengths[doc] = length;
        documents++;
        totalLength += length;
    }

    public boolean contains(int doc) {
        return doc >= 0 && doc < docTerms.length && docTerms[doc] != null;
    }

    /** Live documents (N). */
    public int documentCount() {
        return documents;
    }

    /** Terms over all live documents. */
    public long totalLength() {
        return totalLength;
    }

    /** Terms in {@code doc}, or -1 when it is not indexed. */
    public int length(int doc) {
        return contains(doc) ? docLengths[doc] : -1;
    }

    /** Distinct terms in live documents. */
    public int termCount() {
        return terms.size();
    }

    /** Live documents holding {@code term} (an analyzed term, as {@link TextAnalyzer#terms} gives it). */
    public int documentFrequency(String term) {
        int id = terms.idOf(term);
        return id < 0 ? 0 : postings.count(id);
    }

    /**
     * The {@code k} live documents with the highest BM25 score for {@code query} among those
     * {@code filter} accepts (null: all), best first, ties by increasing id. Only documents holding at
     * least one query term score; a query with no known term finds nothing.
     */
    public ScoredIds search(String query, int k, Bm25 params, IdFilter filter) {
        if (query == null) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "expected a query text, got null");
        }
        if (k < 1) {
            throw new TeaVecException(ErrorCode.INVALID_K, "k must be at least 1, got " + k);
        }
        if (searcher == null) {
            searcher = new Bm25Searcher(this);
        }
        return searcher.search(analyzer.terms(query), k, params, filter);
    }

    /** One past the highest document id that may be indexed. */
    int docLimit() {
        return docTerms.length;
    }

    int[] entry(int doc) {
        return docTerms[doc];
    }

    int docLength(int doc) {
        return docLengths[doc];
    }

    TermDictionary terms() {
        return terms;
    }

    PostingLists postings() {
        return postings;
    }

    /** Rough heap bytes. */
    public long bytesEstimate() {
        long bytes = terms.bytesEstimate() + postings.bytesEstimate() + 12L * docTerms.length;
        for (int[] entry : docTerms) {
            if (entry != null) {
                bytes += 16 + 4L * entry.length;
            }
        }
        return bytes;
    }

    /** Every posting points back at its document's entry and vice versa; counts and lengths add up. */
    public void checkIntegrity() {
        int docs = 0;
        long length = 0;
        long pairs = 0;
        for (int doc = 0; doc < docTerms.length; doc++) {
            int[] entry = docTerms[doc];
            if (entry == null) {
                check(docLengths[doc] == 0, "absent document " + doc + " has a length");
                continue;
            }
            docs++;
            length += docLengths[doc];
            long tfSum = 0;
            for (int j = 0; j < entry.length; j += 2) {
                int term = entry[j];
                check(j == 0 || entry[j - 2] < term, "document " + doc + "'s terms are not strictly increasing");
                check(terms.name(term) != null, "document " + doc + " holds released term " + term);
                int slot = entry[j + 1];
                check(slot >= 0 && slot < postings.count(term), "document " + doc + " points past term " + term);
                int[] list = postings.pairs(term);
                check(list[2 * slot] == doc, "term " + term + " slot " + slot + " is not document " + doc);
                check(list[2 * slot + 1] >= 1, "term " + term + " has a posting with tf < 1");
                tfSum += list[2 * slot + 1];
            }
            check(tfSum == docLengths[doc], "document " + doc + "'s term frequencies do not add up to its length");
            pairs += entry.length / 2;
        }
        long postingCount = 0;
        int liveTerms = 0;
        for (int term = 0; term < terms.limit(); term++) {
            int count = postings.count(term);
            check((count > 0) == (terms.name(term) != null), "term " + term + " is live iff it has postings");
            if (count > 0) {
                liveTerms++;
                check(terms.idOf(terms.name(term)) == term, "term " + term + " is not its name's id");
            }
            postingCount += count;
        }
        check(docs == documents, "document count " + documents + " != " + docs + " entries");
        check(length == totalLength, "total length " + totalLength + " != " + length);
        check(pairs == postingCount, "postings " + postingCount + " != document entries " + pairs);
        check(liveTerms == terms.size(), "dictionary size " + terms.size() + " != live terms " + liveTerms);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("inverted index integrity: " + what);
        }
    }
}
