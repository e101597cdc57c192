package dev.teavec.core.quant;

/**
 * Per-dimension minimum and maximum of every vector seen: the calibration source for
 * {@link Sq8Quantizer} and for widening its range when new vectors fall outside it.
 */
public final class RangeTracker {
    private final float[] min;
    private final float[] max;
    private int count;

    public RangeTracker(int dim) {
        min = new float[dim];
        max = new float[dim];
    }

    public void observe(float[] v, int off) {
        if (count == 0) {
            System.arraycopy(v, off, min, 0, min.length);
            System.arraycopy(v, off, max, 0, max.length);
        } else {
            for (int i = 0; i < min.length; i++) {
                float x = v[off + i];
                if (x < min[i]) {
                    min[i] = x;
                } else if (x > max[i]) {
                    max[i] = x;
                }
            }
        }
        count++;
    }

    /** A tracker that has seen {@code count} vectors with these per-dimension ranges (copied): snapshots. */
    public static RangeTracker restore(float[] min, float[] max, int count) {
        RangeTracker t = new RangeTracker(min.length);
        System.arraycopy(min, 0, t.min, 0, min.length);
        System.arraycopy(max, 0, t.max, 0, max.length);
        t.count = count;
        return t;
    }

    public int dimensions() {
        return min.length;
    }

    public float min(int i) {
        return min[i];
    }

    public float max(int i) {
        return max[i];
    }

    public int count() {
        return count;
    }

    public RangeTracker copy() {
        RangeTracker c = new RangeTracker(min.length);
        System.arraycopy(min, 0, c.min, 0, min.length);
        System.arraycopy(max, 0, c.max, 0, max.length);
        c.count = count;
        return c;
    }

    public Sq8Quantizer toQuantizer() {
        assert count > 0 : "no vector observed";
        return Sq8Quantizer.fromRange(min, max);
    }
}
