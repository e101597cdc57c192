package dev.teavec.core.codec;

import dev.teavec.core.index.ConfigField;

/**
 * Hard limits a decoder checks every count and length against before it allocates, plus the decode
 * budget: the bytes of engine memory a snapshot may make the decoder allocate, {@code floor +
 * perInputByte × snapshot length}. The default (256 MiB + 64 × length) admits every index the engine
 * builds with sane settings (vectors cost about what they take in the snapshot; graph lists and the
 * id table cost more, but not 64 times more) and stops a small hostile snapshot from claiming gigabytes.
 * Immutable; {@link #withBudget} derives a variant (tests use a small one).
 */
public final class SnapshotLimits {
    /** The range of the dimensions setting ({@link ConfigField#DIMENSIONS}). */
    public static final int MAX_DIMENSIONS = ConfigField.MAX_DIMENSIONS;
    /** Ordinals and ids: a Wasm GC array holds at most 2^27 elements, and the id table is one array. */
    public static final int MAX_IDS = 1 << 27;
    public static final int MAX_SECTIONS = 256;
    public static final int MAX_COLLECTIONS = 1 << 16;
    public static final int MAX_NAME_BYTES = 1024;
    public static final SnapshotLimits DEFAULT = new SnapshotLimits(256L << 20, 64);

    private final long budgetFloor;
    private final long budgetPerInputByte;

    private SnapshotLimits(long budgetFloor, long budgetPerInputByte) {
        this.budgetFloor = budgetFloor;
        this.budgetPerInputByte = budgetPerInputByte;
    }

    public static SnapshotLimits withBudget(long floor, long perInputByte) {
        return new SnapshotLimits(floor, perInputByte);
    }

    DecodeBudget budgetFor(int snapshotLength) {
        return new DecodeBudget(budgetFloor + budgetPerInputByte * snapshotLength);
    }
}
