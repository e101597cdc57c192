package dev.teavec.core.index;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.number.Decimal;

/**
 * The numeric settings of an index, one row each: the name users write (JavaScript's spelling, which is
 * EdgeVec's where EdgeVec has the setting), its default and its range. Every check, default and message
 * about these settings comes from here, in Java ({@link IndexConfig.Builder#build()}, {@link IndexSettings})
 * and in JavaScript, whose copy is generated from this table when the package is built.
 */
public enum ConfigField {
    /** Length of every vector. Required: it has no default. */
    DIMENSIONS("dimensions", true, 1, false, ConfigField.MAX_DIMENSIONS, Double.NaN),
    /** Neighbours per node on the levels above 0. */
    M("m", true, 2, false, 512, 16),
    /** Neighbour capacity on level 0: at least m; by default 2·m (it follows m when only m is set). */
    M0("m0", true, M, 1024, M, 2),
    /**
     * Beam width while building. 10,000 bounds the candidate lists a single insert may allocate; the
     * snapshot format has always checked this range, so every snapshot loads in every version.
     */
    EF_CONSTRUCTION("ef_construction", true, 1, false, ConfigField.MAX_EF, 200),
    /** Beam width of a search (a search of k uses max(ef_search, k)); bounded as ef_construction. */
    EF_SEARCH("ef_search", true, 1, false, ConfigField.MAX_EF, 50),
    /** Tombstone ratio from which an index reports that it needs compaction. */
    COMPACTION_THRESHOLD("compactionThreshold", false, 0, true, 1, 0.3),
    /**
     * Seed of the HNSW level generator. The range is that of integers a JavaScript number holds exactly;
     * Java callers of the builder may use any long.
     */
    SEED("seed", true, 0, false, 9007199254740991.0, 42),
    /**
     * Sub-spaces of product quantization ({@code quantization: 'pq'}): bytes per vector once trained. At most
     * the dimensions (checked by {@link IndexConfig.Builder#build()}); they need not divide them. Default
     * ⌈dimensions / 8⌉: 8 dimensions per sub-space (see docs/quantization-pq.md for the measurements).
     */
    PQ_SUBSPACES("pqSubspaces", 1, ConfigField.MAX_DIMENSIONS, DIMENSIONS, 8);

    /**
     * The upper bounds other code shares (the WAL's batch format, the snapshot limits, the widened beam of a
     * filtered search), as constants: javac inlines them, so those users do not load this enum.
     */
    public static final int MAX_DIMENSIONS = 65536;
    public static final int MAX_EF = 10000;

    private final String userName;
    private final boolean integer;
    private final double min;
    private final boolean minExclusive;
    /** When set, the lower bound is this field's value (m0 ≥ m) instead of {@link #min}. */
    private final ConfigField minField;
    private final double max;
    private final double defaultValue;
    /** When set, the default is {@link #defaultFactor} × this field's value (m0 = 2·m). */
    private final ConfigField defaultOf;
    private final int defaultFactor;
    /** When set, the default is ⌈{@link #defaultOf}'s value / this⌉ (pqSubspaces = ⌈dimensions / 8⌉). */
    private final int defaultDivisor;

    /** An integer whose default is ⌈{@code defaultOf}'s value / {@code defaultDivisor}⌉. */
    ConfigField(String userName, double min, double max, ConfigField defaultOf, int defaultDivisor) {
        this(userName, true, min, false, null, max, Double.NaN, defaultOf, 0, defaultDivisor);
    }

    ConfigField(String userName, boolean integer, double min, boolean minExclusive, double max, double defaultValue) {
        this(userName, integer, min, minExclusive, null, max, defaultValue, null, 0, 0);
    }

    ConfigField(String userName, boolean integer, ConfigField minField, double max, ConfigField defaultOf,
            int defaultFactor) {
        this(userName, integer, Double.NaN, false, minField, max, Double.NaN, defaultOf, defaultFactor, 0);
    }

    ConfigField(String userName, boolean integer, double min, boolean minExclusive, ConfigField minField, double max,
            double defaultValue, ConfigField defaultOf, int defaultFactor, int defaultDivisor) {
        this.userName = userName;
        this.integer = integer;
        this.min = min;
        this.minExclusive = minExclusive;
        this.minField = minField;
        this.max = max;
        this.defaultValue = defaultValue;
        this.defaultOf = defaultOf;
        this.defaultFactor = defaultFactor;
        this.defaultDivisor = defaultDivisor;
    }

    /** The name as users write it in JavaScript ({@code ef_search}, {@code compactionThreshold}). */
    public String userName() {
        return userName;
    }

    /** True when only integers are allowed. */
    public boolean integer() {
        return integer;
    }

    /** The lowest value allowed, NaN when the bound is another field ({@link #minField()}). */
    public double min() {
        return min;
    }

    /** True when {@link #min()} itself is not allowed. */
    public boolean minExclusive() {
        return minExclusive;
    }

    /** The field whose value is the lower bound, or null. */
    public ConfigField minField() {
        return minField;
    }

    public double max() {
        return max;
    }

    /** The default, NaN when there is none ({@link #DIMENSIONS}) or it is derived ({@link #defaultOf()}). */
    public double defaultValue() {
        return defaultValue;
    }

    /** The field the default is derived from ({@link #defaultFactor()} × its value, or ⌈its value / {@link #defaultDivisor()}⌉), or null. */
    public ConfigField defaultOf() {
        return defaultOf;
    }

    public int defaultFactor() {
        return defaultFactor;
    }

    /** The divisor of a default derived by division, else 0. */
    public int defaultDivisor() {
        return defaultDivisor;
    }

    /** The default derived from {@code base}, the value of {@link #defaultOf()}. */
    int derivedDefault(int base) {
        return defaultDivisor > 0 ? (base + defaultDivisor - 1) / defaultDivisor : defaultFactor * base;
    }

    int defaultInt() {
        return (int) defaultValue;
    }

    /** The field users spell {@code name}, or null. */
    public static ConfigField byUserName(String name) {
        for (ConfigField f : values()) {
            if (f.userName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** INVALID_CONFIG unless {@code value} is in range; for a field bounded by another, {@code bound} is that field's value. */
    public void check(double value, double bound) {
        double low = minField == null ? min : bound;
        boolean ok = (!integer || value == Math.rint(value)) && (minExclusive ? value > low : value >= low)
                && value <= max;
        if (!ok) {
            throw invalid(format(value), bound);
        }
    }

    /** {@link #check(double, double)} for a field with a fixed range. */
    public void check(double value) {
        check(value, Double.NaN);
    }

    /** "NAME must be an integer in A..B, got WHAT": the error for a value described by {@code got}. */
    public TeaVecException invalid(String got, double bound) {
        return new TeaVecException(ErrorCode.INVALID_CONFIG, userName + " must be " + range(bound) + ", got " + got);
    }

    /** "an integer in 1..10000", "an integer in m..1024 (m = 16)", "a number in (0, 1]". */
    private String range(double bound) {
        String low = minField == null ? format(min) : minField.userName;
        String text = integer
                ? "an integer in " + low + ".." + format(max)
                : "a number in " + (minExclusive ? "(" : "[") + low + ", " + format(max) + "]";
        return minField == null || Double.isNaN(bound) ? text : text + " (" + minField.userName + " = " + format(bound) + ")";
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e16 ? Long.toString((long) v) : Decimal.format(v);
    }
}
