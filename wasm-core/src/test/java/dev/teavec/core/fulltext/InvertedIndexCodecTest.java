package dev.teavec.core.fulltext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InvertedIndexCodecTest {
    private static final long SEED = Long.getLong("teavec.seed", 20261206L);

    static InvertedIndex sample(long seed, TextAnalyzer analyzer, int docs) {
        Random rnd = new Random(seed);
        RandomText text = new RandomText(rnd);
        InvertedIndex ix = new InvertedIndex(analyzer);
        for (int i = 0; i < docs; i++) {
            ix.put(3 * i + rnd.nextInt(3), text.document());
        }
        for (int i = 0; i < docs / 4; i++) {
            ix.remove(3 * rnd.nextInt(docs) + rnd.nextInt(3));
        }
        return ix;
    }

    @Test
    void roundTripsExactly() {
        for (TextAnalyzer analyzer : new TextAnalyzer[] {TextAnalyzer.english(), TextAnalyzer.plain()}) {
            InvertedIndex ix = sample(SEED, analyzer, 400);
            byte[] bytes = InvertedIndexCodec.encode(ix);
            InvertedIndex back = InvertedIndexCodec.decode(bytes, ix.docLimit());
            back.checkIntegrity();
            assertEquals(analyzer.flags(), back.analyzer().flags());
            assertEquals(ix.documentCount(), back.documentCount());
            assertEquals(ix.totalLength(), back.totalLength());
            assertEquals(ix.termCount(), back.termCount());
            for (int doc = 0; doc < ix.docLimit(); doc++) {
                assertEquals(ix.length(doc), back.length(doc), "length of " + doc);
            }
            assertArrayEquals(bytes, InvertedIndexCodec.encode(back), "re-encoding gives the same bytes");
            Random rnd = new Random(SEED);
            RandomText text = new RandomText(rnd);
            for (int q = 0; q < 50; q++) {
                String query = text.query();
                ScoredIds a = ix.search(query, 10, Bm25.DEFAULT, null);
                ScoredIds b = back.search(query, 10, Bm25.DEFAULT, null);
                assertArrayEquals(a.ids(), b.ids(), query);
                assertArrayEquals(a.scores(), b.scores(), query);
            }
            // The decoded index keeps working: changes after a load stay exact.
            back.put(0, "fresh words after loading");
            back.remove(ix.docLimit() - 1);
            back.checkIntegrity();
        }
    }

    @Test
    void emptyIndexAndEmptyDocuments() {
        InvertedIndex empty = new InvertedIndex(TextAnalyzer.plain());
        assertArrayEquals(new byte[] {1, 0, 0, 0}, InvertedIndexCodec.encode(empty));
        InvertedIndex blank = new InvertedIndex(TextAnalyzer.english());
        blank.put(7, "");
        blank.put(9, "  ?! ");
        // version 1, flags 1, two documents (7, then 9 - 7 - 1 = 1), no terms
        assertArrayEquals(new byte[] {1, 1, 2, 7, 1, 0}, InvertedIndexCodec.encode(blank));
        InvertedIndex back = InvertedIndexCodec.decode(InvertedIndexCodec.encode(blank), 10);
        assertTrue(back.contains(7) && back.contains(9) && back.documentCount() == 2);
    }

    @Test
    void writesTheDocumentedLayout() {
        InvertedIndex ix = new InvertedIndex(TextAnalyzer.plain());
        ix.put(2, "b ab ab");
        ix.put(300, "ab");
        byte[] bytes = InvertedIndexCodec.encode(ix);
        // 297 as LEB128: 297 = 0b1_0010_1001 -> 0xA9 0x02
        byte[] head = {1, 0, 2, 2, (byte) 0xA9, 0x02};
        assertArrayEquals(head, Arrays.copyOf(bytes, head.length));
        byte[] terms = {
            2,                  // two terms
            0, 2, 'a', 'b',     // "ab": no shared prefix, 2 suffix bytes
            2, 0, 2, 0, 1,      // df 2: rank 0 tf 2, rank 1 (gap 0) tf 1
            0, 1, 'b',          // "b"
            1, 0, 1,            // df 1: rank 0 tf 1
        };
        assertArrayEquals(terms, Arrays.copyOfRange(bytes, head.length, bytes.length));
    }

    @Test
    void everyTruncationIsCorrupt() {
        byte[] bytes = InvertedIndexCodec.encode(sample(SEED, TextAnalyzer.english(), 60));
        for (int len = 0; len < bytes.length; len++) {
            assertCorrupt(Arrays.copyOf(bytes, len), 1000, "truncated to " + len);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertCorrupt(longer, 1000, "a trailing byte");
    }

    @Test
    void bitFlipsAreCorruptOrDecodeToAConsistentIndex() {
        byte[] bytes = InvertedIndexCodec.encode(sample(SEED, TextAnalyzer.english(), 60));
        Random rnd = new Random(SEED);
        int corrupt = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] flipped = bytes.clone();
            int at = rnd.nextInt(flipped.length);
            flipped[at] ^= (byte) (1 << rnd.nextInt(8));
            try {
                InvertedIndexCodec.decode(flipped, 1000).checkIntegrity();
            } catch (TeaVecException e) {
                assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), e.getMessage());
                corrupt++;
            }
        }
        assertTrue(corrupt > 500, "many flips are detected structurally: " + corrupt);
    }

    @Test
    void hostileCountsAndIdsAreRefused() {
        assertCorrupt(new byte[] {2, 0, 0, 0}, 10, "version 2");
        assertCorrupt(new byte[] {1, 2, 0, 0}, 10, "unknown flags");
        assertCorrupt(new byte[] {1, 0, 1, 10, 0}, 10, "a document id at the limit");
        assertCorrupt(new byte[] {1, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0}, 1 << 30, "2^31 - 1 documents");
        assertCorrupt(new byte[] {1, 0, 1, (byte) 0x80, 0x00, 0}, 10, "an overlong varint");
        assertCorrupt(new byte[] {1, 0, 1, 0, 1, 0, 1, 'a', 2, 0, 1, 0, 1}, 10, "df above the document count");
        assertCorrupt(new byte[] {1, 0, 1, 0, 2, 0, 1, 'b', 1, 0, 1, 0, 1, 'a', 1, 0, 1}, 10, "terms out of order");
        assertCorrupt(new byte[] {1, 0, 1, 0, 1, 0, 1, (byte) 0x80, (byte) 0xB0, 3, 1, 0, 1}, 10, "an unpaired surrogate");
        assertCorrupt(new byte[] {1, 0, 1, 0, 1, 0, 65, 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',
            'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',
            'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',
            'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 1, 0, 1}, 10, "a term of 65 characters");
        assertCorrupt(new byte[] {1, 0, 1, 0, 1, 0, 1, 'a', 1, 0, 0}, 10, "tf 0");
        assertCorrupt(new byte[] {1, 0, 1, 0, 1, 0, 1, 'a', 1, 1, 1}, 10, "a rank past the documents");
    }

    private static void assertCorrupt(byte[] bytes, int limit, String what) {
        try {
            InvertedIndexCodec.decode(bytes, limit);
        } catch (TeaVecException e) {
            assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), what + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("(at byte "), what + ": " + e.getMessage());
            return;
        }
        throw new AssertionError(what + ": decoded without complaint");
    }
}
