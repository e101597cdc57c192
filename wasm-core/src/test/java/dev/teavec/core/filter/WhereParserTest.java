package dev.teavec.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhereParserTest {
    private static String parsed(String json) {
        return FilterPrinter.print(Filter.parse(json, Filter.CHROMA_WHERE));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}| ALL",
        "{\"a\": 1}| a = 1",
        "{\"a\": \"x\"}| a = \"x\"",
        "{\"a\": true}| a = true",
        "{\"a\": {\"$eq\": 2.5}}| a = 2.5",
        "{\"a\": {\"$ne\": \"x\"}}| a != \"x\"",
        "{\"a\": {\"$gt\": 1}}| a > 1",
        "{\"a\": {\"$gte\": \"b\"}}| a >= \"b\"",
        "{\"a\": {\"$lt\": -1}}| a < -1",
        "{\"a\": {\"$lte\": 0}}| a <= 0",
        "{\"a\": {\"$in\": [1, \"x\", false]}}| a IN [1, \"x\", false]",
        "{\"a\": {\"$nin\": []}}| a NOT IN []",
        "{\"tags\": {\"$contains\": \"x\"}}| tags CONTAINS \"x\"",
        "{\"a\": {\"$gte\": 1, \"$lt\": 5}}| AND(a >= 1, a < 5)",
        "{\"a\": 1, \"b\": 2}| AND(a = 1, b = 2)",
        "{\"$and\": [{\"a\": 1}, {\"b\": {\"$ne\": 2}}]}| AND(a = 1, b != 2)",
        "{\"$or\": [{\"a\": 1}, {\"$and\": [{\"b\": 2}, {\"c\": 3}]}]}| OR(a = 1, AND(b = 2, c = 3))",
        "{\"$or\": [{\"a\": 1}]}| a = 1",
    })
    void parsesEveryOperator(String json, String tree) {
        assertEquals(tree, parsed(json));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]| expected a where object at position 0",
        "{\"a\": null}| expected a string, number or boolean at position 6",
        "{\"a\": [1]}| expected a string, number or boolean at position 6",
        "{\"a\": {}}| expected an operator ($eq $ne $gt $gte $lt $lte $in $nin $contains) at position 6",
        "{\"a\": {\"$regex\": \"x\"}}| expected an operator ($eq $ne $gt $gte $lt $lte $in $nin $contains), got $regex at position 7",
        "{\"$not\": {}}| expected a field name, $and or $or (unknown operator $not) at position 1",
        "{\"\": 1}| expected a non-empty field name at position 1",
        "{\"a\": {\"$gt\": true}}| expected a number or string after $gt at position 14",
        "{\"a\": {\"$lte\": [1]}}| expected a number or string after $lte at position 15",
        "{\"a\": {\"$eq\": null}}| expected a string, number or boolean at position 14",
        "{\"a\": {\"$in\": 1}}| expected an array after $in at position 14",
        "{\"a\": {\"$in\": [{}]}}| expected a string, number or boolean at position 15",
        "{\"$and\": []}| expected a non-empty array of where objects after $and at position 9",
        "{\"$or\": {\"a\": 1}}| expected a non-empty array of where objects after $or at position 8",
        "{\"$and\": [1]}| expected a where object at position 10",
        "{\"a\": 1,}| expected a string key at position 8",
        "{\"a\" 1}| expected ':' at position 5",
    })
    void reportsWhatWasExpectedAndWhere(String json, String message) {
        TeaVecException e = assertThrows(TeaVecException.class, () -> Filter.parse(json, Filter.CHROMA_WHERE));
        assertEquals(ErrorCode.INVALID_FILTER, e.code());
        assertEquals("INVALID_FILTER: " + message, e.getMessage());
    }

    @Test
    void rejectsNull() {
        TeaVecException e = assertThrows(TeaVecException.class, () -> Filter.parse(null, Filter.CHROMA_WHERE));
        assertEquals("INVALID_FILTER: expected a where object, got null at position 0", e.getMessage());
    }

    @Test
    void hostileNestingFailsCleanly() {
        String deep = "{\"$and\": [".repeat(100_000);
        TeaVecException e = assertThrows(TeaVecException.class, () -> Filter.parse(deep, Filter.CHROMA_WHERE));
        assertEquals("INVALID_FILTER: expected nesting of at most 64 levels at position 649", e.getMessage());
        String ok = "{\"$and\": [".repeat(63) + "{\"a\": 1}" + "]}".repeat(63);
        assertEquals("a = 1", parsed(ok));
    }
}
