package dev.teavec.core.index;

/** Which live ids a filtered search may return (a metadata filter, seen from the index). */
public interface IdFilter {
    boolean accept(int id);
}
