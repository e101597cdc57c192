package dev.teavec.core.graph;

/**
 * The HNSW graph's neighbour lists, by node ordinal and level; it knows nothing of vectors.
 *
 * <p>Each list stores a count, then up to its capacity of neighbour ordinals sorted closest first,
 * with their distances (ranking keys) to the list's owner in a parallel float array, as Lucene's
 * NeighborArray does: the builder then prunes a full list without recomputing those distances.
 * A lean graph (the {@code leanGraph} setting; by default collections with {@code rerank: 'storage'}) keeps
 * no keys on level 0, about 4 bytes per level-0 neighbour slot (128 bytes per vector at m0 = 32): the builder
 * recomputes a list's keys from its owner when it links into it (see HnswBuilder#linkBack); upper levels
 * keep theirs.
 * Level 0 holds every node and up to {@code m0} neighbours each, in chunked arrays (a Wasm GC array
 * holds at most 2^27 elements); upper levels hold about 1/m of the nodes each, {@code m} neighbours
 * per list, in one small array pair per node.
 *
 * <p>The entry point is on the highest level; see {@link HnswBuilder} for how it is chosen and how
 * lists are filled, and {@link HnswSearcher} for how they are walked.
 */
public final class HnswGraph {
    /**
     * Level-0 ints per chunk (about 1 MiB): 4,096 nodes at m0 = 32. Small enough that the half-empty
     * last chunk costs little memory per node, large enough that the chunk table stays short.
     */
    static final int CHUNK_INTS = 1 << 18;

    private final int m;
    private final int m0;
    private final int stride0;
    /** Level-0 nodes per chunk: a power of two, so finding a list is a shift and a mask. */
    private final int nodesPerChunk;
    private final int chunkShift;
    private int[][] ids0 = new int[0][];
    /** Null in a lean graph. */
    private float[][] keys0;
    private int[][] upperIds = new int[16][];
    private float[][] upperKeys = new float[16][];
    private byte[] levels = new byte[16];
    private int size;
    /** Upper-level lists allocated, for the memory report. */
    private long upperLists;
    private int entryPoint = -1;
    private int maxLevel = -1;

    /** A graph that keeps level-0 keys, or not ({@code level0Keys} false: a lean graph). */
    public HnswGraph(int m, int m0, boolean level0Keys) {
        assert m >= 2 && m0 >= m : "need 2 <= m <= m0, got m=" + m + ", m0=" + m0;
        this.keys0 = level0Keys ? new float[0][] : null;
        this.m = m;
        this.m0 = m0;
        this.stride0 = m0 + 1;
        this.nodesPerChunk = Integer.highestOneBit(Math.max(1, CHUNK_INTS / stride0));
        this.chunkShift = Integer.numberOfTrailingZeros(nodesPerChunk);
    }

    public int size() {
        return size;
    }

    /** Whether level-0 lists keep their keys (false: a lean graph, keysArray is null on level 0). */
    public boolean level0Keys() {
        return keys0 != null;
    }

    public int entryPoint() {
        return entryPoint;
    }

    public int maxLevel() {
        return maxLevel;
    }

    public void setEntryPoint(int node, int level) {
        assert node >= 0 && node < size && level == level(node) : "bad entry point " + node + " at level " + level;
        entryPoint = node;
        maxLevel = level;
    }

    public int level(int node) {
        return levels[node];
    }

    /** Neighbour capacity of a list at {@code level}. */
    public int capacity(int level) {
        return level == 0 ? m0 : m;
    }

    /** Appends a node present on levels 0..level with empty lists; returns its ordinal. */
    public int addNode(int level) {
        assert level >= 0 && level <= LevelGenerator.MAX_LEVEL : "level out of range: " + level;
        int node = size;
        if (node == levels.length) {
            int n = levels.length * 2;
            byte[] l = new byte[n];
            System.arraycopy(levels, 0, l, 0, size);
            levels = l;
            int[][] ui = new int[n][];
            System.arraycopy(upperIds, 0, ui, 0, size);
            upperIds = ui;
            float[][] uk = new float[n][];
            System.arraycopy(upperKeys, 0, uk, 0, size);
            upperKeys = uk;
        }
        growLevel0(node);
        levels[node] = (byte) level;
        if (level > 0) {
            upperIds[node] = new int[level * (m + 1)];
            upperKeys[node] = new float[level * m];
            upperLists += level;
        }
        size++;
        return node;
    }

    /**
     * Makes room for {@code node}'s level-0 list. Full chunks have a fixed size; the last one starts
     * small and doubles, as in the vector stores, so a small graph does not pay for a whole chunk.
     */
    private void growLevel0(int node) {
        int chunk = node >>> chunkShift;
        int slot = node & (nodesPerChunk - 1);
        if (chunk == ids0.length) {
            int[][] gi = new int[chunk + 1][];
            System.arraycopy(ids0, 0, gi, 0, chunk);
            int nodes = Math.min(nodesPerChunk, 16);
            gi[chunk] = new int[nodes * stride0];
            ids0 = gi;
            if (keys0 != null) {
                float[][] gk = new float[chunk + 1][];
                System.arraycopy(keys0, 0, gk, 0, chunk);
                gk[chunk] = new float[nodes * m0];
                keys0 = gk;
            }
        } else if ((slot + 1) * stride0 > ids0[chunk].length) {
            int nodes = Math.min(nodesPerChunk, 2 * (ids0[chunk].length / stride0));
            int[] ids = new int[nodes * stride0];
            System.arraycopy(ids0[chunk], 0, ids, 0, slot * stride0);
            ids0[chunk] = ids;
            if (keys0 != null) {
                float[] keys = new float[nodes * m0];
                System.arraycopy(keys0[chunk], 0, keys, 0, slot * m0);
                keys0[chunk] = keys;
            }
        }
    }

    /** Puts an existing node on levels up to {@code level} too, with empty lists there. */
    public void raiseLevel(int node, int level) {
        int old = levels[node];
        assert level > old && level <= LevelGenerator.MAX_LEVEL : "cannot raise level " + old + " to " + level;
        int[] ids = new int[level * (m + 1)];
        float[] keys = new float[level * m];
        if (old > 0) {
            System.arraycopy(upperIds[node], 0, ids, 0, upperIds[node].length);
            System.arraycopy(upperKeys[node], 0, keys, 0, upperKeys[node].length);
        }
        upperIds[node] = ids;
        upperKeys[node] = keys;
        levels[node] = (byte) level;
        upperLists += level - old;
    }

    /** The array holding the list of {@code node} at {@code level}: count at {@link #idsBase}, ids after it. */
    public int[] idsArray(int node, int level) {
        assert level <= levels[node] : "node " + node + " is not on level " + level;
        return level == 0 ? ids0[node >>> chunkShift] : upperIds[node];
    }

    public int idsBase(int node, int level) {
        return level == 0 ? (node & (nodesPerChunk - 1)) * stride0 : (level - 1) * (m + 1);
    }

    /** The array holding the keys of that list, from {@link #keysBase}, parallel to the ids; null on level 0 of a lean graph. */
    public float[] keysArray(int node, int level) {
        return level > 0 ? upperKeys[node] : keys0 == null ? null : keys0[node >>> chunkShift];
    }

    public int keysBase(int node, int level) {
        return level == 0 ? (node & (nodesPerChunk - 1)) * m0 : (level - 1) * m;
    }

    public int neighbourCount(int node, int level) {
        return idsArray(node, level)[idsBase(node, level)];
    }

    public int neighbour(int node, int level, int i) {
        return idsArray(node, level)[idsBase(node, level) + 1 + i];
    }

    /** Replaces the list of {@code node} at {@code level} by {@code ids[0..count)} with their keys (dropped where not kept). */
    public void setNeighbours(int node, int level, int[] ids, float[] keys, int count) {
        assert count <= capacity(level) : count + " neighbours exceed capacity " + capacity(level);
        int[] ia = idsArray(node, level);
        int ib = idsBase(node, level);
        float[] ka = keysArray(node, level);
        int kb = keysBase(node, level);
        ia[ib] = count;
        System.arraycopy(ids, 0, ia, ib + 1, count);
        if (ka != null) {
            System.arraycopy(keys, 0, ka, kb, count);
        }
    }

    /**
     * Bytes a graph of {@code nodes} nodes with {@code upperLists} lists above level 0 allocates (an
     * upper bound, as {@link #bytesUsed()} counts them), so a snapshot loader can check its budget first.
     */
    public static long estimateBytes(int m, int m0, boolean level0Keys, long nodes, long upperLists) {
        long nodesPerChunk = Math.max(1, CHUNK_INTS / (m0 + 1));
        long chunks = (nodes + nodesPerChunk - 1) / nodesPerChunk;
        long level0 = chunks * nodesPerChunk * ((level0Keys ? 2L * m0 : m0) + 1) * 4L;
        return level0 + 2 * (nodes + 16) * (1 + 8L) + upperLists * (2L * m + 1) * 4L;
    }

    public long bytesUsed() {
        long level0 = 0;
        for (int c = 0; c < ids0.length; c++) {
            level0 += 4L * (ids0[c].length + (keys0 == null ? 0 : keys0[c].length));
        }
        long upper = (long) levels.length * (1 + 8L) + upperLists * (2 * m + 1) * 4L;
        return level0 + upper;
    }
}
