package dev.teavec.core.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReaderTest {
    private static JsonNode parse(String text) {
        return JsonReader.parse(text, ErrorCode.INVALID_ARGUMENT, "");
    }

    private static String error(String text) {
        return assertThrows(TeaVecException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsEveryKindWithPositions() {
        JsonNode o = parse(" {\"s\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\", \"n\": -1.5e2, \"z\": 0, \"t\": true,"
                + " \"f\": false, \"null\": null, \"a\": [\"p\", 1, [ ]], \"o\": {}}\n");
        assertEquals(JsonNode.OBJECT, o.kind());
        assertEquals(1, o.position());
        assertEquals(8, o.size());
        assertEquals("s", o.key(0));
        assertEquals(2, o.keyPosition(0));
        assertEquals("x\"\\/\b\f\n\r\t\u00e9", o.item(0).text());
        assertEquals(-150.0, o.item(1).number());
        assertEquals(0.0, o.item(2).number());
        assertEquals(true, o.item(3).bool());
        assertEquals(false, o.item(4).bool());
        assertEquals(JsonNode.NULL, o.item(5).kind());
        JsonNode a = o.item(6);
        assertEquals(JsonNode.ARRAY, a.kind());
        assertEquals(3, a.size());
        assertEquals(0, a.item(2).size());
        assertEquals(JsonNode.OBJECT, o.item(7).kind());
        assertEquals(0, o.item(7).size());
    }

    @Test
    void readsScalarsAtTopLevel() {
        assertEquals(12345678901234.0, parse("12345678901234").number());
        assertEquals(0.1, parse("0.1").number());
        assertEquals(1e-7, parse("1E-7").number());
        assertEquals(-0.0, parse("-0").number());
        assertEquals("\ud83d\ude00", parse("\"\\ud83d\\ude00\"").text());
        assertEquals("\ud83d\ude00", parse("\"\ud83d\ude00\"").text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''| expected a JSON value at position 0",
        "'   '| expected a JSON value at position 3",
        "{| expected a string key at position 1",
        "{\"a\" 1}| expected ':' at position 5",
        "{\"a\":1,}| expected a string key at position 7",
        "{\"a\":1 \"b\":2}| expected ',' or '}' at position 7",
        "[1,]| expected a JSON value at position 3",
        "[1 2]| expected ',' or ']' at position 3",
        "[1,2| expected ',' or ']' at position 4",
        "01| expected end of input at position 1",
        "+1| expected a JSON value at position 0",
        "-| expected a digit at position 1",
        "1.| expected a digit after '.' at position 2",
        "1e| expected a digit in the exponent at position 2",
        ".5| expected a JSON value at position 0",
        "NaN| expected a JSON value at position 0",
        "tru| expected a JSON value at position 0",
        "nul| expected a JSON value at position 0",
        "1e400| expected a finite number at position 0",
        "\"abc| expected '\"' closing the string that starts at position 0",
        "\"a\\x\"| expected a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) at position 2",
        "\"\\u12G4\"| expected 4 hex digits after \\u at position 5",
        "{\"a\":1,\"a\":2}| expected no duplicate key (\"a\" repeats) at position 7",
        "{} x| expected end of input at position 3",
        "// c| expected a JSON value at position 0",
    })
    void rejectsMalformedInputWithItsPosition(String text, String message) {
        assertEquals("INVALID_ARGUMENT: " + message, error(text));
    }

    @Test
    void rejectsRawControlCharacters() {
        assertEquals("INVALID_ARGUMENT: expected no raw control character in a string (escape it) at position 2",
                error("\"a\nb\""));
    }

    @Test
    void errorsCarryTheCodeAndContextGiven() {
        TeaVecException e = assertThrows(TeaVecException.class,
                () -> JsonReader.parse("[", ErrorCode.INVALID_FILTER, "where: "));
        assertEquals(ErrorCode.INVALID_FILTER, e.code());
        assertEquals("INVALID_FILTER: where: expected a JSON value at position 1", e.getMessage());
        assertEquals("INVALID_FILTER: where: expected JSON text, got null",
                assertThrows(TeaVecException.class, () -> JsonReader.parse(null, ErrorCode.INVALID_FILTER, "where: "))
                        .getMessage());
    }

    @Test
    void enforcesDepthLimitWithoutOverflowingTheStack() {
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertEquals(JsonNode.ARRAY, parse(ok).kind());
        assertEquals("INVALID_ARGUMENT: expected nesting of at most 32 levels at position 32",
                error("[".repeat(JsonReader.MAX_DEPTH + 1)));
        assertEquals("INVALID_ARGUMENT: expected nesting of at most 32 levels at position 160",
                error("{\"a\":".repeat(200_000)));
        assertEquals("INVALID_ARGUMENT: expected nesting of at most 32 levels at position 32", error("[".repeat(1_000_000)));
    }

    @Test
    void enforcesSizeLimits() {
        StringBuilder keys = new StringBuilder("{");
        for (int i = 0; i <= JsonReader.MAX_KEYS; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        String many = keys.append('}').toString();
        assertEquals("INVALID_ARGUMENT: expected at most 64 keys in an object at position " + many.indexOf("\"k64\""),
                error(many));
        String longKey = "{\"" + "k".repeat(257) + "\":1}";
        assertEquals("INVALID_ARGUMENT: expected a key of at most 256 characters at position 1", error(longKey));
        assertEquals(JsonNode.OBJECT, parse("{\"" + "k".repeat(256) + "\":1}").kind());
        assertEquals(65536, parse("\"" + "s".repeat(65536) + "\"").text().length());
        assertEquals("INVALID_ARGUMENT: expected a string of at most 65536 characters at position 0",
                error("\"" + "s".repeat(65537) + "\""));
        assertEquals("INVALID_ARGUMENT: expected a string of at most 65536 characters at position 0",
                error("\"" + "\\n".repeat(65537) + "\""));
        String arr = "[" + "1,".repeat(1024) + "1]";
        assertEquals("INVALID_ARGUMENT: expected at most 1024 array elements at position " + (1 + 2 * 1024), error(arr));
        assertEquals(1025, JsonReader.parse(arr, ErrorCode.INVALID_ARGUMENT, "", 1025, 2).size());
        assertEquals("INVALID_ARGUMENT: expected at most 2 array elements at position 6",
                assertThrows(TeaVecException.class,
                        () -> JsonReader.parse("[[1,2,3]]", ErrorCode.INVALID_ARGUMENT, "", 1025, 2)).getMessage());
        assertEquals("INVALID_ARGUMENT: expected a number of at most 400 characters at position 0",
                error("1" + "0".repeat(400)));
    }
}
