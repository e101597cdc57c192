package dev.teavec.core.meta;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.number.Decimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict JSON parser (RFC 8259: no comments, trailing commas, NaN or leading zeros) with hard
 * limits, so hostile input fails fast with a clear error instead of exhausting stack or memory.
 * Errors carry the 0-based character offset: {@code "<code>: expected ... at position N"}.
 */
public final class JsonReader {
    public static final int MAX_DEPTH = 32;
    public static final int MAX_KEYS = 64;
    public static final int MAX_KEY_LENGTH = 256;
    public static final int MAX_STRING_LENGTH = 65536;
    public static final int DEFAULT_MAX_ARRAY = 1024;

    private final String text;
    private final ErrorCode code;
    private final String context;
    private final int maxTopArray;
    private final int maxArray;
    private final int maxString;
    private final int maxDepth;
    /** The depth limit as the caller's errors state it (its levels may span several JSON levels). */
    private final int statedDepth;
    private int pos;
    private int depth;

    private JsonReader(String text, ErrorCode code, String context, int maxTopArray, int maxArray, int maxString,
            int maxDepth, int statedDepth) {
        this.text = text;
        this.code = code;
        this.context = context;
        this.maxTopArray = maxTopArray;
        this.maxArray = maxArray;
        this.maxString = maxString;
        this.maxDepth = maxDepth;
        this.statedDepth = statedDepth;
    }

    /** Parses one JSON value spanning all of {@code text}; errors are thrown with {@code code}. */
    public static JsonNode parse(String text, ErrorCode code, String context) {
        return parse(text, code, context, DEFAULT_MAX_ARRAY, DEFAULT_MAX_ARRAY);
    }

    /**
     * As {@link #parse(String, ErrorCode, String)} with array limits: {@code maxTopArray} for a
     * top-level array, {@code maxArray} below. {@code context} prefixes every error detail.
     */
    public static JsonNode parse(String text, ErrorCode code, String context, int maxTopArray, int maxArray) {
        return parse(text, code, context, maxTopArray, maxArray, MAX_STRING_LENGTH, MAX_DEPTH, MAX_DEPTH);
    }

    /**
     * As {@link #parse(String, ErrorCode, String, int, int)} with a limit on string values (keys keep
     * theirs): a batch of records carries documents longer than a metadata value may be.
     */
    public static JsonNode parse(String text, ErrorCode code, String context, int maxTopArray, int maxArray,
            int maxString) {
        return parse(text, code, context, maxTopArray, maxArray, maxString, MAX_DEPTH, MAX_DEPTH);
    }

    /**
     * As {@link #parse(String, ErrorCode, String, int, int)}, nesting at most {@code maxDepth} JSON levels;
     * deeper input fails with "expected nesting of at most {@code statedDepth} levels", the limit in the
     * caller's own levels.
     */
    public static JsonNode parse(String text, ErrorCode code, String context, int maxTopArray, int maxArray, int maxDepth,
            int statedDepth) {
        return parse(text, code, context, maxTopArray, maxArray, MAX_STRING_LENGTH, maxDepth, statedDepth);
    }

    private static JsonNode parse(String text, ErrorCode code, String context, int maxTopArray, int maxArray,
            int maxString, int maxDepth, int statedDepth) {
        if (text == null) {
            throw new TeaVecException(code, context + "expected JSON text, got null");
        }
        JsonReader r = new JsonReader(text, code, context, maxTopArray, maxArray, maxString, maxDepth, statedDepth);
        JsonNode value = r.value();
        r.skipSpace();
        if (r.pos < text.length()) {
            throw r.error("expected end of input");
        }
        return value;
    }

    TeaVecException error(String what) {
        return error(what, pos);
    }

    private TeaVecException error(String what, int at) {
        return new TeaVecException(code, context + what + " at position " + at);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private JsonNode value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("expected a JSON value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                int start = pos;
                return JsonNode.scalar(JsonNode.STRING, start, string(maxString, "string"), 0);
            case 't':
                return literal("true", JsonNode.BOOLEAN, 1);
            case 'f':
                return literal("false", JsonNode.BOOLEAN, 0);
            case 'n':
                return literal("null", JsonNode.NULL, 0);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("expected a JSON value");
        }
    }

    private JsonNode literal(String word, int kind, double number) {
        if (!text.startsWith(word, pos)) {
            throw error("expected a JSON value");
        }
        int start = pos;
        pos += word.length();
        return JsonNode.scalar(kind, start, null, number);
    }

    private void enter() {
        if (++depth > maxDepth) {
            throw error("expected nesting of at most " + statedDepth + " levels");
        }
    }

    private JsonNode object() {
        int start = pos;
        enter();
        pos++;
        List<String> keys = new ArrayList<>();
        List<JsonNode> values = JsonNode.newList();
        int[] keyPositions = new int[4];
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return JsonNode.object(start, keys, keyPositions, values);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            int keyAt = pos;
            if (keys.size() == MAX_KEYS) {
                throw error("expected at most " + MAX_KEYS + " keys in an object");
            }
            String key = string(MAX_KEY_LENGTH, "key");
            if (keys.contains(key)) {
                throw error("expected no duplicate key (\"" + key + "\" repeats)", keyAt);
            }
            skipSpace();
            if (peek() != ':') {
                throw error("expected ':'");
            }
            pos++;
            JsonNode v = value();
            if (keys.size() == keyPositions.length) {
                int[] grown = new int[keyPositions.length * 2];
                System.arraycopy(keyPositions, 0, grown, 0, keyPositions.length);
                keyPositions = grown;
            }
            keyPositions[keys.size()] = keyAt;
            keys.add(key);
            values.add(v);
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return JsonNode.object(start, keys, keyPositions, values);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private JsonNode array() {
        int start = pos;
        int limit = depth == 0 ? maxTopArray : maxArray;
        enter();
        pos++;
        List<JsonNode> items = JsonNode.newList();
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return JsonNode.array(start, items);
        }
        while (true) {
            if (items.size() == limit) {
                throw error("expected at most " + limit + " array elements");
            }
            items.add(value());
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return JsonNode.array(start, items);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    /** Reads a string literal at {@code pos} (its opening quote). */
    private String string(int maxLength, String what) {
        int start = pos++;
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) {
                throw error("expected '\"' closing the string that starts", start);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
                pos++;
                if (s.length() > maxLength) {
                    throw error("expected a " + what + " of at most " + maxLength + " characters", start);
                }
                return s;
            }
            if (c < 0x20) {
                throw error("expected no raw control character in a string (escape it)");
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, runStart, pos);
                sb.append(escape());
                runStart = pos;
            } else {
                pos++;
            }
            if (pos - start > 6L * maxLength + 2) {
                throw error("expected a " + what + " of at most " + maxLength + " characters", start);
            }
        }
    }

    /** Decodes the escape at {@code pos} (its backslash) and moves past it. */
    private char escape() {
        int at = pos;
        pos++;
        char e = peek();
        pos++;
        switch (e) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int d = hexDigit(peek());
                    if (d < 0) {
                        throw error("expected 4 hex digits after \\u");
                    }
                    v = v * 16 + d;
                    pos++;
                }
                return (char) v;
            default:
                throw error("expected a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", at);
        }
    }

    /** The value of a hex digit, or -1 (Character.digit would pull Unicode tables into the .wasm). */
    public static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private JsonNode number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error("expected a digit after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("expected a digit in the exponent");
            }
        }
        if (pos - start > 400) {
            throw error("expected a number of at most 400 characters", start);
        }
        double d = Decimal.parse(text, start, pos);
        if (Double.isInfinite(d)) {
            throw error("expected a finite number", start);
        }
        return JsonNode.scalar(JsonNode.NUMBER, start, null, d);
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }
}
