package dev.teavec.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.junit.jupiter.api.Test;

/** Both grammars share one nesting limit and one length limit, with the same messages. */
class FilterLimitsTest {
    private static final String TOO_DEEP = "INVALID_FILTER: expected nesting of at most " + Filter.MAX_NESTING + " levels";

    /** {@code levels} nested groups in the string grammar: parentheses around a condition. */
    private static String nestedString(int levels) {
        return "(".repeat(levels - 1) + "a = 1" + ")".repeat(levels - 1);
    }

    /** {@code levels} nested where objects: $and / $or lists around a condition, its operator object and $in list included. */
    private static String nestedWhere(int levels) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < levels; i++) {
            sb.append(i % 2 == 0 ? "{\"$or\": [" : "{\"$and\": [");
        }
        sb.append("{\"a\": {\"$in\": [1, 2]}}");
        sb.append("]}".repeat(levels - 1));
        return sb.toString();
    }

    private static String error(String text, int kind) {
        TeaVecException e = assertThrows(TeaVecException.class, () -> Filter.parse(text, kind));
        assertEquals(ErrorCode.INVALID_FILTER, e.code());
        return e.getMessage();
    }

    @Test
    void bothGrammarsTakeTheSameNesting() {
        assertEquals(64, Filter.MAX_NESTING);
        for (int levels : new int[] {1, 2, 31, 32, 33, 63, 64}) {
            Filter.parse(nestedString(levels), Filter.EDGEVEC);
            Filter.parse(nestedWhere(levels), Filter.CHROMA_WHERE);
        }
        for (int levels : new int[] {65, 66, 67, 200, 2000, 20_000}) {
            String s = error(nestedString(levels), Filter.EDGEVEC);
            String w = error(nestedWhere(levels), Filter.CHROMA_WHERE);
            assertEquals(TOO_DEEP, s.substring(0, s.indexOf(" at position")), levels + " levels, string grammar");
            assertEquals(TOO_DEEP, w.substring(0, w.indexOf(" at position")), levels + " levels, where object");
        }
    }

    @Test
    void bothGrammarsTakeTheSameLength() {
        String tooLong = "INVALID_FILTER: expected a filter of at most " + Filter.MAX_LENGTH + " characters at position "
                + Filter.MAX_LENGTH;
        String longString = "a = '" + "x".repeat(Filter.MAX_LENGTH) + "'";
        assertEquals(tooLong, error(longString, Filter.EDGEVEC));
        String longWhere = "{\"a\": {\"$in\": [" + "\"xxxxxxxxxxxxxx\",".repeat(Filter.MAX_LENGTH / 17) + "\"x\"]}}";
        assertEquals(tooLong, error(longWhere, Filter.CHROMA_WHERE));
        // A prefix of a longer text is refused on its length alone: how JS hands over a where object it stopped encoding.
        assertEquals(tooLong, error("{\"$and\": [".repeat(Filter.MAX_LENGTH), Filter.CHROMA_WHERE));
    }
}
