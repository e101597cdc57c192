package dev.teavec.core.graph;

/**
 * Stops a construction beam once it has settled: when {@value #EXPANSIONS} expansions in a row have not changed its
 * best 2 × capacity nodes, the pool a new node's neighbours are chosen from. An insert at efConstruction 200 then
 * scores 40-50% fewer rows for a graph searched about as well (measurements: bench/README.md, "A construction beam
 * that stops once settled"). Queries never use it: their ef is the caller's recall knob.
 *
 * <p>Only the engine with every encoding (teavec/quantization, the JVM) holds this: the core engine is compiled with
 * {@link #available()} answering null (js-bindings' build plugin EncodingSelection), as {@code LocalityReorder}.
 */
public final class SettledBeamStop implements BeamStop {
    /** Expansions in a row without a change to the beam's best nodes after which it stops. */
    static final int EXPANSIONS = 16;
    private final NodeQueue best = NodeQueue.maxQueue(64);
    private int size;
    private int unchanged;

    private SettledBeamStop() {
    }

    /** The rule for one builder's beams; null in the core engine's build. */
    public static BeamStop available() {
        return new SettledBeamStop();
    }

    @Override
    public void begin(int capacity) {
        best.clear();
        size = 2 * capacity;
        unchanged = 0;
    }

    @Override
    public boolean stopsAfter(int[] nodes, float[] keys, int count) {
        boolean changed = false;
        for (int i = 0; i < count; i++) {
            changed |= best.keep(nodes[i], keys[i], size);
        }
        unchanged = changed ? 0 : unchanged + 1;
        return unchanged >= EXPANSIONS;
    }
}
