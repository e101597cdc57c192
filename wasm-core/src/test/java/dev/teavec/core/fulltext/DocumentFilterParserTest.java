package dev.teavec.core.fulltext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IdFilter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DocumentFilterParserTest {
    /** The JVM's regex standing in for JavaScript's RegExp, which the JS side plugs in. */
    private static final DocumentFilterParser.Patterns JAVA_REGEX = (pattern, position) -> {
        Pattern p = Pattern.compile(pattern);
        return new DocumentFilter() {
            @Override
            public boolean matches(String document) {
                return document != null && p.matcher(document).find();
            }
        };
    };

    private static boolean test(String json, String doc) {
        return DocumentFilterParser.parse(json, JAVA_REGEX).matches(doc);
    }

    @Test
    void matchesLikeChroma() {
        assertTrue(test("{\"$contains\": \"Fox\"}", "The Fox"));
        assertFalse(test("{\"$contains\": \"fox\"}", "The Fox"), "case-sensitive");
        assertFalse(test("{\"$contains\": \"fox\"}", null), "no document contains nothing");
        assertTrue(test("{\"$not_contains\": \"fox\"}", null));
        assertTrue(test("{\"$not_contains\": \"cat\"}", "The Fox"));
        assertTrue(test("{\"$regex\": \"^The\\\\s+F\"}", "The Fox"));
        assertTrue(test("{\"$not_regex\": \"[0-9]\"}", "The Fox"));
        assertTrue(test("{\"$and\": [{\"$contains\": \"The\"}, {\"$not_contains\": \"Dog\"}]}", "The Fox"));
        assertFalse(test("{\"$and\": [{\"$contains\": \"The\"}, {\"$contains\": \"Dog\"}]}", "The Fox"));
        assertTrue(test("{\"$or\": [{\"$contains\": \"Dog\"}, {\"$contains\": \"Fox\"}]}", "The Fox"));
        assertTrue(test("{}", null));
        IdFilter byId = DocumentFilterParser.parse("{\"$contains\": \"a\"}", null).byId(id -> id == 1 ? "a" : "b");
        assertTrue(byId.accept(1));
        assertFalse(byId.accept(2));
    }

    @Test
    void reportsWhereTheFilterIsWrong() {
        assertPosition("{\"$contains\": 3}", 14);
        assertPosition("{\"$contains\": \"a\", \"$not_contains\": \"b\"}", 19);
        assertPosition("{\"$near\": \"a\"}", 1);
        assertPosition("{\"$and\": []}", 9);
        assertPosition("{\"$or\": [{\"$contains\": \"a\"}, 5]}", 29);
        assertPosition("[]", 0);
        TeaVecException e = assertThrows(TeaVecException.class,
                () -> DocumentFilterParser.parse("{\"$regex\": \"a\"}", null));
        assertTrue(e.getMessage().contains("$regex is not available"), e.getMessage());
        assertEquals(ErrorCode.INVALID_FILTER, assertThrows(TeaVecException.class,
                () -> DocumentFilterParser.parse("{\"$contains\": ", null)).code());
    }

    private static void assertPosition(String json, int position) {
        TeaVecException e = assertThrows(TeaVecException.class, () -> DocumentFilterParser.parse(json, JAVA_REGEX));
        assertEquals(ErrorCode.INVALID_FILTER, e.code());
        assertTrue(e.getMessage().endsWith("at position " + position), json + " -> " + e.getMessage());
    }
}
