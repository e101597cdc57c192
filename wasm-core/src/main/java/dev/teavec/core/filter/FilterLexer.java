package dev.teavec.core.filter;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.meta.JsonReader;
import dev.teavec.core.number.Decimal;

/**
 * Tokens of the EdgeVec filter grammar, one at a time: words (field names and keywords), quoted
 * strings with backslash escapes, numbers, punctuation and operators. Keywords stay words; the
 * parser matches them case-insensitively.
 */
final class FilterLexer {
    static final int EOF = 0;
    static final int WORD = 1;
    static final int STRING = 2;
    static final int NUMBER = 3;
    /** Punctuation and operators: ( ) [ ] , = == != < <= > >= && || ! — the text says which. */
    static final int SYMBOL = 4;

    private final String src;
    private int pos;
    int type;
    int start;
    String text;
    double number;

    FilterLexer(String src) {
        this.src = src;
    }

    static TeaVecException error(String what, int at) {
        return new TeaVecException(ErrorCode.INVALID_FILTER, what + " at position " + at);
    }

    boolean isSymbol(String s) {
        return type == SYMBOL && text.equals(s);
    }

    /** True when the current token is the word {@code kw} in any letter case (ASCII). */
    boolean isKeyword(String kw) {
        if (type != WORD || text.length() != kw.length()) {
            return false;
        }
        for (int i = 0; i < kw.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 32);
            }
            if (c != kw.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    void next() {
        while (pos < src.length() && isSpace(src.charAt(pos))) {
            pos++;
        }
        start = pos;
        text = null;
        if (pos >= src.length()) {
            type = EOF;
            return;
        }
        char c = src.charAt(pos);
        if (c == '\'' || c == '"') {
            type = STRING;
            text = string(c);
        } else if ((c >= '0' && c <= '9') || (c == '-' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
            type = NUMBER;
            number = number();
        } else if (isWordStart(c)) {
            while (pos < src.length() && isWordPart(src.charAt(pos))) {
                pos++;
            }
            type = WORD;
            text = src.substring(start, pos);
        } else {
            type = SYMBOL;
            text = symbol(c);
        }
    }

    private String symbol(char c) {
        char d = pos + 1 < src.length() ? src.charAt(pos + 1) : '\0';
        String two = null;
        if ((c == '=' && d == '=') || (c == '!' && d == '=') || (c == '<' && d == '=') || (c == '>' && d == '=')
                || (c == '&' && d == '&') || (c == '|' && d == '|')) {
            two = src.substring(pos, pos + 2);
        }
        if (two != null) {
            pos += 2;
            return two;
        }
        if ("()[],=<>!".indexOf(c) >= 0) {
            pos++;
            return String.valueOf(c);
        }
        throw error("expected a field, value, operator or parenthesis (unexpected '" + c + "')", pos);
    }

    private String string(char quote) {
        int open = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw error("expected " + quote + " closing the string that starts", open);
            }
            char c = src.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            int at = pos - 1;
            char e = pos < src.length() ? src.charAt(pos++) : '\0';
            switch (e) {
                case '\\': case '\'': case '"': case '/': case '%': case '_':
                    sb.append(e);
                    break;
                case 'n':
                    sb.append('\n');
                    break;
                case 't':
                    sb.append('\t');
                    break;
                case 'r':
                    sb.append('\r');
                    break;
                case 'u':
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int h = pos < src.length() ? JsonReader.hexDigit(src.charAt(pos)) : -1;
                        if (h < 0) {
                            throw error("expected 4 hex digits after \\u", pos);
                        }
                        v = v * 16 + h;
                        pos++;
                    }
                    sb.append((char) v);
                    break;
                default:
                    throw error("expected a valid escape (\\\\ \\' \\\" \\n \\t \\r \\uXXXX)", at);
            }
        }
    }

    private double number() {
        if (src.charAt(pos) == '-') {
            pos++;
        }
        digits();
        if (pos < src.length() && src.charAt(pos) == '.') {
            pos++;
            if (!digits()) {
                throw error("expected a digit after '.'", pos);
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (!digits()) {
                throw error("expected a digit in the exponent", pos);
            }
        }
        if (pos < src.length() && isWordPart(src.charAt(pos))) {
            throw error("expected a number", start);
        }
        if (pos - start > 400) {
            throw error("expected a number of at most 400 characters", start);
        }
        double d = Decimal.parse(src, start, pos);
        if (Double.isInfinite(d)) {
            throw error("expected a finite number", start);
        }
        return d;
    }

    private boolean digits() {
        int s = pos;
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
        return pos > s;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** ASCII letters, '_', '$' and any non-ASCII character (no Unicode tables in the .wasm). */
    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '.';
    }
}
