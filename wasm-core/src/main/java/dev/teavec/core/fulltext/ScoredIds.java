package dev.teavec.core.fulltext;

/** Ids with scores, best (highest score) first; ties are in increasing id order. Immutable. */
public final class ScoredIds {
    static final ScoredIds EMPTY = new ScoredIds(new int[0], new float[0]);

    private final int[] ids;
    private final float[] scores;

    ScoredIds(int[] ids, float[] scores) {
        assert ids.length == scores.length : "ids and scores differ in length";
        this.ids = ids;
        this.scores = scores;
    }

    public int size() {
        return ids.length;
    }

    public int id(int i) {
        return ids[i];
    }

    public float score(int i) {
        return scores[i];
    }

    public int[] ids() {
        return ids.clone();
    }

    public float[] scores() {
        return scores.clone();
    }
}
