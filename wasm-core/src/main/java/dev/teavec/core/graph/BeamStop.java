package dev.teavec.core.graph;

/** A stop rule a beam search applies besides the plain one ({@link HnswSearcher}); told each expansion's scores. */
public interface BeamStop {
    /** A beam begins on a level whose neighbour lists hold up to {@code capacity} nodes. */
    void begin(int capacity);

    /** After an expansion scored {@code count} fresh nodes ({@code nodes}, {@code keys}): whether the beam stops. */
    boolean stopsAfter(int[] nodes, float[] keys, int count);
}
