package dev.teavec.core.index;

/**
 * An immutable search answer: ids and distances, best first, plus counters a tuner wants next to
 * the recall: how many vectors were scored ({@link #visited()}) and how many candidates were
 * re-scored with exact float32 vectors ({@link #reranked()}).
 */
public final class SearchResult {
    private final int[] ids;
    private final float[] distances;
    private final int visited;
    private final int reranked;

    public SearchResult(int[] ids, float[] distances, int visited) {
        this(ids, distances, visited, 0);
    }

    public SearchResult(int[] ids, float[] distances, int visited, int reranked) {
        assert ids.length == distances.length : "ids and distances differ in length";
        this.ids = ids;
        this.distances = distances;
        this.visited = visited;
        this.reranked = reranked;
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

    public int reranked() {
        return reranked;
    }

    public int[] ids() {
        return ids.clone();
    }

    public float[] distances() {
        return distances.clone();
    }
}
