package dev.teavec.core.index;

import dev.teavec.core.vector.Metric;

/** What every index variant offers. Ids are the dense ordinals assigned by {@link #add(float[])}. */
public interface VectorIndex {
    int dimensions();

    Metric metric();

    /** Number of vectors held. */
    int size();

    /** Validates and stores a copy of {@code vector}; returns its id. Throws before changing anything. */
    int add(float[] vector);

    /** The k nearest ids with their distances, best first; fewer when the index holds fewer. */
    SearchResult search(float[] query, int k);

    /** A copy of the stored vector. */
    float[] get(int id);

    /** Bytes of memory held by vectors and index structures. */
    long memoryBytes();
}
