package dev.teavec.core.fulltext;

import java.util.Arrays;

/**
 * The byte layout of an {@link InvertedIndex} (little-endian varints = unsigned LEB128, shortest
 * form, at most 5 bytes, value ≤ 2^31 − 1):
 * <pre>
 *   u8      layout version = 1
 *   u8      analyzer flags (bit 0: English stemming; other bits 0)
 *   varint  D, the number of documents
 *   D ×     varint  document id gap (the first id itself, then id − previous − 1: ids strictly increase)
 *   varint  T, the number of terms
 *   T ×     term, in increasing order of their UTF-8 bytes (unsigned):
 *             varint  bytes shared with the previous term's UTF-8 (0 for the first)
 *             varint  suffix length (≥ 1), then that many bytes: the rest of the term's UTF-8
 *             varint  df (1..D)
 *             df ×    varint rank gap (rank = position in the document list; first rank itself, then
 *                     rank − previous − 1), varint tf (≥ 1)
 * </pre>
 * Document lengths are not stored: a document's length is the sum of its tf. A document with no
 * terms (an empty text) is in the list and in no posting. Terms are 1..64 UTF-16 units of strict
 * UTF-8. Nothing may follow. About 2.5 bytes per (document, distinct term) pair on English text.
 */
public final class InvertedIndexCodec {
    public static final int VERSION = 1;

    private InvertedIndexCodec() {
    }

    public static byte[] encode(InvertedIndex index) {
        int docLimit = index.docLimit();
        int[] docIds = new int[index.documentCount()];
        int[] rankOf = new int[docLimit];
        int n = 0;
        for (int doc = 0; doc < docLimit; doc++) {
            if (index.contains(doc)) {
                rankOf[doc] = n;
                docIds[n++] = doc;
            }
        }
        ByteWriter out = new ByteWriter();
        out.u8(VERSION);
        out.u8(index.analyzer().flags());
        out.varint(docIds.length);
        int previous = -1;
        for (int doc : docIds) {
            out.varint(doc - previous - 1);
            previous = doc;
        }
        TermDictionary terms = index.terms();
        int[] termIds = new int[terms.size()];
        byte[][] utf8 = new byte[terms.limit()][];
        int t = 0;
        for (int id = 0; id < terms.limit(); id++) {
            if (terms.name(id) != null) {
                termIds[t++] = id;
                utf8[id] = ByteWriter.utf8(terms.name(id));
            }
        }
        Integer[] order = new Integer[termIds.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = termIds[i];
        }
        Arrays.sort(order, (a, b) -> compareBytes(utf8[a], utf8[b]));
        out.varint(order.length);
        byte[] last = new byte[0];
        long[] sorted = new long[16];
        for (Integer boxed : order) {
            int term = boxed;
            byte[] name = utf8[term];
            int shared = 0;
            while (shared < last.length && shared < name.length && last[shared] == name[shared]) {
                shared++;
            }
            out.varint(shared);
            out.varint(name.length - shared);
            out.bytes(name, shared, name.length - shared);
            last = name;
            int df = index.postings().count(term);
            int[] pairs = index.postings().pairs(term);
            if (sorted.length < df) {
                sorted = new long[Math.max(df, sorted.length * 2)];
            }
            for (int p = 0; p < df; p++) {
                sorted[p] = ((long) rankOf[pairs[2 * p]] << 32) | pairs[2 * p + 1];
            }
            Arrays.sort(sorted, 0, df);
            out.varint(df);
            int previousRank = -1;
            for (int p = 0; p < df; p++) {
                int rank = (int) (sorted[p] >>> 32);
                out.varint(rank - previousRank - 1);
                out.varint((int) sorted[p]);
                previousRank = rank;
            }
        }
        return out.toArray();
    }

    /**
     * Rebuilds an index from {@link #encode}'s bytes. Document ids must be below {@code docIdLimit}
     * (the owner's id bound: a hostile id cannot make the decoder allocate more). Any inconsistency is
     * CORRUPT_SNAPSHOT; the result passes {@link InvertedIndex#checkIntegrity}.
     */
    public static InvertedIndex decode(byte[] bytes, int docIdLimit) {
        ByteReader in = new ByteReader(bytes);
        int at = in.position();
        int version = in.u8("the layout version");
        if (version != VERSION) {
            throw in.corrupt(at, "layout version " + version + " is not " + VERSION);
        }
        at = in.position();
        int flags = in.u8("the analyzer flags");
        if ((flags & ~TextAnalyzer.KNOWN_FLAGS) != 0) {
            throw in.corrupt(at, "unknown analyzer flags " + flags);
        }
        InvertedIndex index = new InvertedIndex(TextAnalyzer.ofFlags(flags));
        int docs = in.varint("the document count", 0, Math.min(in.remaining(), docIdLimit));
        int[] docIds = new int[docs];
        int previous = -1;
        for (int i = 0; i < docs; i++) {
            at = in.position();
            long id = (long) previous + 1 + in.varint("a document id gap");
            if (id >= docIdLimit) {
                throw in.corrupt(at, "document id " + id + " is not below " + docIdLimit);
            }
            docIds[i] = (int) id;
            previous = (int) id;
        }
        int termCount = in.varint("the term count", 0, in.remaining() / 4);
        int[][] termRanks = new int[termCount][];
        int[] docTermCounts = new int[docs];
        long[] lengths = new long[docs];
        byte[] last = new byte[0];
        for (int t = 0; t < termCount; t++) {
            at = in.position();
            int shared = in.varint("a shared prefix length", 0, last.length);
            int suffix = in.varint("a term suffix length", 1, 4 * Tokenizer.MAX_TERM_CHARS);
            byte[] name = Arrays.copyOf(last, shared + suffix);
            System.arraycopy(in.bytes(suffix, "a term"), 0, name, shared, suffix);
            if (t > 0 && compareBytes(last, name) >= 0) {
                throw in.corrupt(at, "terms are not in strictly increasing order");
            }
            String term = in.utf8(name, at);
            if (term.length() > Tokenizer.MAX_TERM_CHARS) {
                throw in.corrupt(at, "a term is longer than " + Tokenizer.MAX_TERM_CHARS + " characters");
            }
            int termId = index.terms().intern(term);
            assert termId == t : "a fresh dictionary assigns ids in order";
            last = name;
            int df = in.varint("a document frequency", 1, Math.min(docs, in.remaining() / 2));
            int[] ranks = new int[df];
            int previousRank = -1;
            for (int p = 0; p < df; p++) {
                at = in.position();
                long rank = (long) previousRank + 1 + in.varint("a rank gap");
                if (rank >= docs) {
                    throw in.corrupt(at, "posting rank " + rank + " is not below the " + docs + " documents");
                }
                int tf = in.varint("a term frequency", 1, Integer.MAX_VALUE);
                int r = (int) rank;
                index.postings().add(termId, docIds[r], tf);
                ranks[p] = r;
                docTermCounts[r]++;
                lengths[r] += tf;
                if (lengths[r] > Integer.MAX_VALUE) {
                    throw in.corrupt(at, "document " + docIds[r] + " is longer than 2^31 - 1 terms");
                }
                previousRank = r;
            }
            termRanks[t] = ranks;
        }
        in.expectEnd();
        int[][] entries = new int[docs][];
        for (int r = 0; r < docs; r++) {
            entries[r] = new int[2 * docTermCounts[r]];
            docTermCounts[r] = 0;
        }
        for (int t = 0; t < termCount; t++) {
            int[] ranks = termRanks[t];
            for (int slot = 0; slot < ranks.length; slot++) {
                int r = ranks[slot];
                int j = docTermCounts[r]++;
                entries[r][2 * j] = t;
                entries[r][2 * j + 1] = slot;
            }
            termRanks[t] = null;
        }
        for (int r = 0; r < docs; r++) {
            index.setDocument(docIds[r], entries[r], (int) lengths[r]);
        }
        return index;
    }

    /** Unsigned lexicographic order: UTF-8 byte order is code point order. */
    static int compareBytes(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int d = (a[i] & 0xFF) - (b[i] & 0xFF);
            if (d != 0) {
                return d;
            }
        }
        return a.length - b.length;
    }
}
