package dev.teavec.core.index;

/**
 * An immutable search answer: ids and distances, best first, plus how many vectors were scored
 * (the cost a tuner wants to see next to the recall).
 */
public final class SearchResult {
    private final int[] ids;
    private final float[] distances;
    private final int visited;

    public SearchResult(int[] ids, float[] distances, int visited) {
        assert ids.length == distances.length : "ids and distances differ in length";
        this.ids = ids;
        this.distances = distances;
        this.visited = visited;
    }

    public int size() {
        return ids.length;
    }

    public int id(int i) {
        return ids[i];
    }

    public float distance(int i) {
        return distances[i];
    }

    public int visited() {
        return visited;
    }

    public int[] ids() {
        return ids.clone();
    }

    public float[] distances() {
        return distances.clone();
    }
}
