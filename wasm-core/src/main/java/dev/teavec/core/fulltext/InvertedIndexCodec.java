package dev.teavec.core.fulltext;

/**
 * The byte layout of an {@link InvertedIndex}. Varints are unsigned LEB128 in their shortest form, at
 * most 5 bytes, value ≤ 2^31 − 1:
 * <pre>
 *   u8      layout version = 1
 *   u8      analyzer flags (bit 0: English stemming; other bits 0)
 *   varint  D, the number of documents
 *   D ×     varint  document id gap (the first id itself, then id − previous − 1: ids strictly increase)
 *   varint  T, the number of terms
 *   T ×     term, in strictly increasing {@link String#compareTo} (UTF-16 code unit) order:
 *             varint  UTF-16 units shared with the previous term (0 for the first)
 *             varint  suffix length in units (≥ 1), then each unit of the suffix as a varint
 *             varint  df (1..D)
 *             df ×    varint rank gap (rank = position in the document list; the first rank itself,
 *                     then rank − previous − 1), varint tf (≥ 1)
 * </pre>
 * Document lengths are not stored: a document's length is the sum of its tf. A document with no
 * terms (an empty text) is in the list and in no posting. Terms are 1..64 units with no unpaired
 * surrogate. Nothing may follow. ASCII and Latin terms cost a byte a character, CJK three.
 */
public final class InvertedIndexCodec {
    public static final int VERSION = 1;

    private InvertedIndexCodec() {
    }

    public static byte[] encode(InvertedIndex index) {
        int docLimit = index.docLimit();
        TermDictionary terms = index.terms();
        PostingLists postings = index.postings();
        // Postings in rank order without sorting them: walk the documents in id order and append.
        int[][] ranked = new int[terms.limit()][];
        int[] filled = new int[terms.limit()];
        ByteWriter out = new ByteWriter();
        out.u8(VERSION);
        out.u8(index.analyzer().flags());
        out.varint(index.documentCount());
        int previous = -1;
        int rank = 0;
        for (int doc = 0; doc < docLimit; doc++) {
            if (!index.contains(doc)) {
                continue;
            }
            out.varint(doc - previous - 1);
            previous = doc;
            int[] entry = index.entry(doc);
            for (int j = 0; j < entry.length; j += 2) {
                int term = entry[j];
                if (ranked[term] == null) {
                    ranked[term] = new int[2 * postings.count(term)];
                }
                ranked[term][filled[term]++] = rank;
                ranked[term][filled[term]++] = postings.pairs(term)[2 * entry[j + 1] + 1];
            }
            rank++;
        }
        int[] order = new int[terms.size()];
        int t = 0;
        for (int id = 0; id < terms.limit(); id++) {
            if (terms.name(id) != null) {
                order[t++] = id;
            }
        }
        IntSort.sort(order, t, (a, b) -> terms.name(a).compareTo(terms.name(b)));
        out.varint(t);
        String last = "";
        for (int i = 0; i < t; i++) {
            int term = order[i];
            String name = terms.name(term);
            int shared = 0;
            while (shared < last.length() && shared < name.length() && last.charAt(shared) == name.charAt(shared)) {
                shared++;
            }
            out.varint(shared);
            out.varint(name.length() - shared);
            for (int c = shared; c < name.length(); c++) {
                out.varint(name.charAt(c));
            }
            last = name;
            int[] list = ranked[term];
            out.varint(list.length / 2);
            int previousRank = -1;
            for (int p = 0; p < list.length; p += 2) {
                out.varint(list[p] - previousRank - 1);
                out.varint(list[p + 1]);
                previousRank = list[p];
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
        in.varint("the layout version", VERSION, VERSION);
        int flags = in.varint("the analyzer flags", 0, TextAnalyzer.KNOWN_FLAGS);
        InvertedIndex index = new InvertedIndex(TextAnalyzer.ofFlags(flags));
        int docs = in.varint("the document count", 0, Math.min(in.remaining(), docIdLimit));
        int[] docIds = new int[docs];
        int previous = -1;
        for (int i = 0; i < docs; i++) {
            previous += 1 + in.varint("a document id gap", 0, docIdLimit - previous - 2);
            docIds[i] = previous;
        }
        int termCount = in.varint("the term count", 0, in.remaining() / 4);
        int[][] termRanks = new int[termCount][];
        int[] docTermCounts = new int[docs];
        long[] lengths = new long[docs];
        String last = "";
        StringBuilder name = new StringBuilder();
        for (int t = 0; t < termCount; t++) {
            int at = in.position();
            int shared = in.varint("a shared prefix length", 0, last.length());
            name.setLength(0);
            name.append(last, 0, shared);
            int suffix = in.varint("a term suffix length", 1, Tokenizer.MAX_TERM_CHARS - name.length());
            for (int c = 0; c < suffix; c++) {
                name.append((char) in.varint("a term character", 0, 0xFFFF));
            }
            String term = name.toString();
            if (!wellFormed(term) || (t > 0 && last.compareTo(term) >= 0)) {
                throw in.corrupt(at, "a term is out of order or holds an unpaired surrogate");
            }
            last = term;
            int termId = index.terms().intern(term);
            int df = in.varint("a document frequency", 1, Math.min(docs, in.remaining() / 2));
            int[] ranks = new int[df];
            int rank = -1;
            for (int p = 0; p < df; p++) {
                rank += 1 + in.varint("a rank gap", 0, docs - rank - 2);
                int tf = in.varint("a term frequency", 1, Integer.MAX_VALUE);
                index.postings().add(termId, docIds[rank], tf);
                ranks[p] = rank;
                docTermCounts[rank]++;
                lengths[rank] += tf;
                if (lengths[rank] > Integer.MAX_VALUE) {
                    throw in.corrupt(in.position(), "a document is longer than 2^31 - 1 terms");
                }
            }
            termRanks[t] = ranks;
        }
        in.expectEnd();
        int[][] entries = new int[docs][];
        for (int r = 0; r < docs; r++) {
            entries[r] = new int[2 * docTermCounts[r]];
            docTermCounts[r] = 0;
        }
        // Term ids were assigned 0, 1, 2... in file order, so each document's entry comes out sorted.
        for (int t = 0; t < termCount; t++) {
            int[] ranks = termRanks[t];
            for (int slot = 0; slot < ranks.length; slot++) {
                int r = ranks[slot];
                int j = docTermCounts[r]++;
                entries[r][2 * j] = t;
                entries[r][2 * j + 1] = slot;
            }
        }
        for (int r = 0; r < docs; r++) {
            index.setDocument(docIds[r], entries[r], (int) lengths[r]);
        }
        return index;
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0xD800 && c <= 0xDBFF) {
                if (++i >= s.length() || s.charAt(i) < 0xDC00 || s.charAt(i) > 0xDFFF) {
                    return false;
                }
            } else if (c >= 0xDC00 && c <= 0xDFFF) {
                return false;
            }
        }
        return true;
    }
}
