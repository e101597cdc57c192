package dev.teavec.core.meta;

import dev.teavec.core.number.Decimal;

/** Writes metadata values as JSON that JavaScript's {@code JSON.parse} reads back to the same values. */
public final class JsonWriter {
    /** Integers up to 2^53 are exact doubles and JS prints them without a fraction: so do we. */
    private static final double MAX_SAFE = 9007199254740992.0;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    public static void writeValue(StringBuilder sb, MetaValue v) {
        switch (v.kind()) {
            case MetaValue.STRING:
                writeString(sb, v.text());
                break;
            case MetaValue.NUMBER:
                writeNumber(sb, v.number());
                break;
            case MetaValue.BOOLEAN:
                sb.append(v.bool() ? "true" : "false");
                break;
            case MetaValue.STRING_LIST:
                sb.append('[');
                for (int i = 0; i < v.listSize(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    writeString(sb, v.listItem(i));
                }
                sb.append(']');
                break;
            default:
                sb.append("null");
        }
    }

    public static void writeNumber(StringBuilder sb, double d) {
        if (d == Math.rint(d) && Math.abs(d) <= MAX_SAFE) {
            sb.append((long) d);
        } else {
            Decimal.append(sb, d);
        }
    }

    public static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /** A JSON array of strings, with null for null entries. */
    public static String stringArray(String[] items) {
        StringBuilder sb = new StringBuilder();
        sb.append('[');
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (items[i] == null) {
                sb.append("null");
            } else {
                writeString(sb, items[i]);
            }
        }
        return sb.append(']').toString();
    }
}
