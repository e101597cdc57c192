package dev.teavec.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterParserTest {
    private static String parsed(String text) {
        return FilterPrinter.print(Filter.parse(text, Filter.EDGEVEC));
    }

    private static String error(String text) {
        TeaVecException e = assertThrows(TeaVecException.class, () -> Filter.parse(text, Filter.EDGEVEC));
        assertEquals(ErrorCode.INVALID_FILTER, e.code());
        return e.getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a = 1| a = 1",
        "a == 'x'| a = \"x\"",
        "a != \"x\"| a != \"x\"",
        "a < -1.5| a < -1.5",
        "a <= 2e3| a <= 2000",
        "a > 'm'| a > \"m\"",
        "a >= 0| a >= 0",
        "a = true| a = true",
        "a = FALSE| a = false",
        "a = null| a IS NULL",
        "a != NULL| a IS NOT NULL",
        "a IS NULL| a IS NULL",
        "a is not null| a IS NOT NULL",
        "a IN [1, 'b', true]| a IN [1, \"b\", true]",
        "a in ('x')| a IN [\"x\"]",
        "a IN []| a IN []",
        "a NOT IN [1,2]| a NOT IN [1, 2]",
        "a not in ('x', 'y')| a NOT IN [\"x\", \"y\"]",
        "a BETWEEN 1 AND 5| AND(a >= 1, a <= 5)",
        "a between 'a' and 'f'| AND(a >= \"a\", a <= \"f\")",
        "tags CONTAINS 'x'| tags CONTAINS \"x\"",
        "a STARTS_WITH 'pre'| a STARTS_WITH \"pre\"",
        "a ends_with 'fix'| a ENDS_WITH \"fix\"",
        "a LIKE 'a%b_'| a LIKE \"a%b_\"",
        "meta.price_2 = 1| meta.price_2 = 1",
        "caf\u00e9 = 1| caf\u00e9 = 1",
    })
    void parsesEveryOperator(String text, String tree) {
        assertEquals(tree, parsed(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a = 1 OR b = 2 AND c = 3| OR(a = 1, AND(b = 2, c = 3))",
        "a = 1 AND b = 2 OR c = 3| OR(AND(a = 1, b = 2), c = 3)",
        "(a = 1 OR b = 2) AND c = 3| AND(OR(a = 1, b = 2), c = 3)",
        "NOT a = 1 AND b = 2| AND(NOT(a = 1), b = 2)",
        "NOT (a = 1 AND b = 2)| NOT(AND(a = 1, b = 2))",
        "!a = 1| NOT(a = 1)",
        "! (a = 1)| NOT(a = 1)",
        "not not a = 1| NOT(NOT(a = 1))",
        "a = 1 and b = 2 and c = 3 or d = 4 or e = 5| OR(AND(a = 1, b = 2, c = 3), d = 4, e = 5)",
        "((((a = 1))))| a = 1",
        "a BETWEEN 1 AND 2 AND b = 1| AND(AND(a >= 1, a <= 2), b = 1)",
        "a=1&&b!=2| AND(a = 1, b != 2)",
    })
    void honoursPrecedenceAndGrouping(String text, String tree) {
        assertEquals(tree, parsed(text));
    }

    @Test
    void decodesStringEscapes() {
        assertEquals("a = \"it's \\\"q\\\" \\\\ \\n\\t\\r\u00e9/%_\"",
                parsed("a = 'it\\'s \\\"q\\\" \\\\ \\n\\t\\r\\u00e9\\/\\%\\_'"));
        assertEquals("a = \"say \\\"hi\\\"\"", parsed("a = \"say \\\"hi\\\"\""));
        assertEquals("a = \"\"", parsed("a = ''"));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertEquals(parsed("a IN [1] AND NOT b IS NULL OR c BETWEEN 1 AND 2"),
                parsed("a iN [1] aNd NoT b Is NuLl oR c BeTwEeN 1 AnD 2"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''| expected a condition at position 0",
        "'  '| expected a condition at position 2",
        "a| expected an operator (= != < <= > >= IN NOT IN BETWEEN CONTAINS STARTS_WITH ENDS_WITH LIKE IS) at position 1",
        "a =| expected a value after '=' at position 3",
        "a = 1 AND| expected a condition at position 9",
        "a = 1 b = 2| expected AND, OR or the end of the filter at position 6",
        "(a = 1| expected ')' at position 6",
        "a = 1)| expected AND, OR or the end of the filter at position 5",
        "= 1| expected a field name at position 0",
        "a = 'x| expected ' closing the string that starts at position 4",
        "a = \"x| expected \" closing the string that starts at position 4",
        "a = 'x\\q'| expected a valid escape (\\\\ \\' \\\" \\n \\t \\r \\uXXXX) at position 6",
        "a = '\\u12'| expected 4 hex digits after \\u at position 9",
        "a < true| expected a number or string after '<' at position 4",
        "a >= null| expected a number or string after '>=' at position 5",
        "a IN 1| expected '[' or '(' starting a list at position 5",
        "a IN [1 2]| expected ',' or ']' at position 8",
        "a IN [1, null]| expected a value in the list other than NULL at position 9",
        "a IN (1]| expected ',' or ')' at position 7",
        "a NOT 1| expected IN after NOT at position 6",
        "a BETWEEN 1 OR 2| expected AND in BETWEEN ... AND ... at position 12",
        "a BETWEEN 1 AND 'z'| expected an upper bound of the same type as the lower bound at position 16",
        "a BETWEEN true AND false| expected a number or string after BETWEEN at position 10",
        "a IS 1| expected NULL at position 5",
        "a LIKE 1| expected a string after LIKE at position 7",
        "a STARTS_WITH x| expected a string after STARTS_WITH at position 14",
        "a CONTAINS| expected a value after CONTAINS at position 10",
        "a = 1.| expected a digit after '.' at position 6",
        "a = 1e+| expected a digit in the exponent at position 7",
        "a = 12abc| expected a number at position 4",
        "a = 1e999| expected a finite number at position 4",
        "a # 1| expected a field, value, operator or parenthesis (unexpected '#') at position 2",
        "a = 1 & b = 2| expected a field, value, operator or parenthesis (unexpected '&') at position 6",
        "a = [1]| expected a value after '=' at position 4",
    })
    void reportsWhatWasExpectedAndWhere(String text, String message) {
        assertEquals("INVALID_FILTER: " + message, error(text));
    }

    @Test
    void rejectsNull() {
        assertEquals("INVALID_FILTER: expected a filter string, got null at position 0", error(null));
    }

    @Test
    void symbolicOperatorsWithPipes() {
        assertEquals("OR(AND(a = 1, b = 2), c = 3)", parsed("a = 1 && b = 2 || c = 3"));
        assertEquals("OR(a = 1, NOT(b = 2))", parsed("a=1||!b=2"));
        assertEquals("INVALID_FILTER: expected a field, value, operator or parenthesis (unexpected '|') at position 6",
                error("a = 1 | b = 2"));
    }

    @Test
    void hostileNestingFailsCleanly() {
        int max = Filter.MAX_NESTING;
        String ok = "(".repeat(max - 1) + "a = 1" + ")".repeat(max - 1);
        assertEquals("a = 1", parsed(ok));
        assertEquals("INVALID_FILTER: expected nesting of at most 64 levels at position 64",
                error("(".repeat(max) + "a = 1" + ")".repeat(max)));
        assertEquals("INVALID_FILTER: expected nesting of at most 64 levels at position 64", error("(".repeat(1_000_000)));
        assertEquals("INVALID_FILTER: expected nesting of at most 64 levels at position 256",
                error("NOT ".repeat(200_000) + "a = 1"));
        assertEquals("INVALID_FILTER: expected nesting of at most 64 levels at position 64", error("!".repeat(100_000)));
        String longChain = "a = 1" + " OR a = 1".repeat(100_000);
        assertEquals(FilterNode.OR, Filter.parse(longChain, Filter.EDGEVEC).root().kind(), "long flat chains are fine");
        assertEquals("INVALID_FILTER: expected a filter of at most 1048576 characters at position 1048576",
                error("a".repeat((1 << 20) + 1)));
    }

    @Test
    void collectsDistinctFields() {
        Filter f = Filter.parse("b = 1 AND a = 2 OR b = 3", Filter.EDGEVEC);
        assertEquals(2, f.fields().length);
        assertEquals("b", f.fields()[0]);
        assertEquals("a", f.fields()[1]);
    }

    @Test
    void rejectsUnknownKinds() {
        TeaVecException e = assertThrows(TeaVecException.class, () -> Filter.parse("a = 1", 2));
        assertEquals("INVALID_ARGUMENT: filter kind must be 0 (filter string) or 1 (where object), got 2", e.getMessage());
    }
}
