package dev.teavec.core.meta;

/**
 * One metadata value: a string, a number (a JS number, so one double; integral values are written
 * back without a fraction), a boolean, a list of strings, or null. Immutable.
 */
public final class MetaValue {
    public static final int NULL = 0;
    public static final int STRING = 1;
    public static final int NUMBER = 2;
    public static final int BOOLEAN = 3;
    public static final int STRING_LIST = 4;

    public static final MetaValue NULL_VALUE = new MetaValue(NULL, null, 0, null);
    public static final MetaValue TRUE = new MetaValue(BOOLEAN, null, 1, null);
    public static final MetaValue FALSE = new MetaValue(BOOLEAN, null, 0, null);

    private final int kind;
    private final String text;
    private final double number;
    private final String[] list;

    private MetaValue(int kind, String text, double number, String[] list) {
        this.kind = kind;
        this.text = text;
        this.number = number;
        this.list = list;
    }

    public static MetaValue of(String s) {
        assert s != null : "use NULL_VALUE for null";
        return new MetaValue(STRING, s, 0, null);
    }

    public static MetaValue of(double d) {
        assert !Double.isNaN(d) && !Double.isInfinite(d) : "metadata numbers are finite";
        return new MetaValue(NUMBER, null, d, null);
    }

    public static MetaValue of(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** Takes ownership of {@code items} (callers pass a fresh array). */
    public static MetaValue ofList(String[] items) {
        return new MetaValue(STRING_LIST, null, 0, items);
    }

    public int kind() {
        return kind;
    }

    public boolean isNull() {
        return kind == NULL;
    }

    public String text() {
        return text;
    }

    public double number() {
        return number;
    }

    public boolean bool() {
        return kind == BOOLEAN && number != 0;
    }

    public int listSize() {
        return list.length;
    }

    public String listItem(int i) {
        return list[i];
    }

    /** Equality of two scalar or list values of the same kind; values of different kinds are never equal. */
    public boolean sameAs(MetaValue o) {
        if (o == null || o.kind != kind) {
            return false;
        }
        switch (kind) {
            case STRING:
                return text.equals(o.text);
            case NUMBER:
            case BOOLEAN:
                return number == o.number;
            case STRING_LIST:
                if (list.length != o.list.length) {
                    return false;
                }
                for (int i = 0; i < list.length; i++) {
                    if (!list[i].equals(o.list[i])) {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }

    /** Rough heap bytes, for the memory report. */
    long bytesEstimate() {
        switch (kind) {
            case STRING:
                return 40 + 2L * text.length();
            case STRING_LIST:
                long b = 40 + 4L * list.length;
                for (String s : list) {
                    b += 24 + 2L * s.length();
                }
                return b;
            case NUMBER:
                return 40;
            default:
                return 0;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        JsonWriter.writeValue(sb, this);
        return sb.toString();
    }
}
