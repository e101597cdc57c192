package dev.teavec.core.graph;

/** Which ordinals may appear in results (others are still traversed: they keep the graph navigable). */
public interface OrdinalFilter {
    boolean accept(int ord);
}
