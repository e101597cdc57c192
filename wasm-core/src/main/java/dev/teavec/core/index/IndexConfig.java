package dev.teavec.core.index;

import dev.teavec.core.encoding.VectorEncoding;
import dev.teavec.core.encoding.VectorEncodings;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.vector.Metric;

/**
 * Everything that shapes an index, validated once in {@link Builder#build()}. Immutable.
 * Start from {@link #builder(int, Metric)}; every other field has a default. The index type and the
 * vector encoding are names: the encoding is resolved here ({@link VectorEncodings}); the index type
 * when an index is made, by the registry that makes it ({@link IndexTypes}: UNKNOWN_INDEX_TYPE).
 */
public final class IndexConfig {
    // The numeric defaults and ranges are rows of ConfigField; these name its defaults for Java callers.
    public static final int DEFAULT_M = ConfigField.M.defaultInt();
    public static final int DEFAULT_EF_CONSTRUCTION = ConfigField.EF_CONSTRUCTION.defaultInt();
    public static final int DEFAULT_EF_SEARCH = ConfigField.EF_SEARCH.defaultInt();
    public static final double DEFAULT_COMPACTION_THRESHOLD = ConfigField.COMPACTION_THRESHOLD.defaultValue();
    public static final long DEFAULT_SEED = ConfigField.SEED.defaultInt();
    /** Vectors held as float32 before SQ8 calibrates on them and drops them. */
    public static final int DEFAULT_SQ8_TRAINING_SIZE = 1024;
    /**
     * Vectors held as float32 before PQ trains its 256 centroids per sub-space on them. k-means costs
     * rows × 256 × dims per step and runs inside one add: 4,096 rows gained 0.003 recall with rerank (0.02
     * without) on WordNet for four times the training time (docs/quantization-pq.md).
     */
    public static final int DEFAULT_PQ_TRAINING_SIZE = 1024;
    /**
     * Live vectors at which AUTO switches from exact scan to HNSW: where HNSW is clearly ahead while an
     * exact scan is still cheap (see bench/README.md, CrossoverBenchmark).
     */
    public static final int AUTO_HNSW_THRESHOLD = 2000;

    private final int dimensions;
    private final Metric metric;
    private final int m;
    private final int m0;
    private final int efConstruction;
    private final int efSearch;
    private final String indexType;
    private final String encoding;
    private final boolean keepFloatsForRerank;
    private final boolean rerankFromStorage;
    private final boolean leanGraph;
    private final double compactionThreshold;
    private final long seed;
    private final int sq8TrainingSize;
    private final int pqSubspaces;
    private final int pqTrainingSize;
    private final int autoThreshold;

    private IndexConfig(Builder b) {
        dimensions = b.dimensions;
        metric = b.metric;
        m = b.m;
        m0 = b.m0 > 0 ? b.m0 : ConfigField.M0.defaultFactor() * b.m;
        efConstruction = b.efConstruction;
        efSearch = b.efSearch;
        indexType = b.indexType;
        encoding = b.encoding;
        keepFloatsForRerank = b.keepFloatsForRerank;
        rerankFromStorage = b.rerankFromStorage;
        leanGraph = b.leanGraph;
        compactionThreshold = b.compactionThreshold;
        seed = b.seed;
        sq8TrainingSize = b.sq8TrainingSize;
        pqSubspaces = b.pqSubspaces > 0 ? b.pqSubspaces : ConfigField.PQ_SUBSPACES.derivedDefault(b.dimensions);
        pqTrainingSize = b.pqTrainingSize;
        autoThreshold = b.autoThreshold;
    }

    public static Builder builder(int dimensions, Metric metric) {
        return new Builder(dimensions, metric);
    }

    /** A builder holding this config's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(dimensions, metric);
        b.m = m;
        b.m0 = m0;
        b.efConstruction = efConstruction;
        b.efSearch = efSearch;
        b.indexType = indexType;
        b.encoding = encoding;
        b.keepFloatsForRerank = keepFloatsForRerank;
        b.rerankFromStorage = rerankFromStorage;
        b.leanGraph = leanGraph;
        b.compactionThreshold = compactionThreshold;
        b.seed = seed;
        b.sq8TrainingSize = sq8TrainingSize;
        b.pqSubspaces = pqSubspaces;
        b.pqTrainingSize = pqTrainingSize;
        b.autoThreshold = autoThreshold;
        return b;
    }

    public int dimensions() { return dimensions; }
    public Metric metric() { return metric; }
    /** Neighbours per node on levels above 0 (and neighbours chosen when a node is inserted). */
    public int m() { return m; }
    /** Neighbour capacity on level 0; default 2·m (see {@link ConfigField#M0}). */
    public int m0() { return m0; }
    public int efConstruction() { return efConstruction; }
    /** Beam width of a search; a search of k uses max(efSearch, k). */
    public int efSearch() { return efSearch; }
    /** The index type's registered name ('auto', 'flat', 'hnsw' or a user type's). */
    public String indexType() { return indexType; }
    /** The vector encoding's name ('float32', 'sq8'): what the user's {@code quantization} ('none', 'sq8') names. */
    public String encoding() { return encoding; }
    /** With SQ8: also keep float32 vectors to re-rank candidates exactly (and return exact vectors). */
    public boolean keepFloatsForRerank() { return keepFloatsForRerank; }
    /**
     * The user's {@code rerank: 'storage'}: the index keeps codes only (as without re-ranking) and the
     * persistent database re-scores candidates on float rows it reads from its storage (npm-package
     * rerank-rows.js). The engine only checks and reports the choice; its snapshot does not hold it.
     */
    public boolean rerankFromStorage() { return rerankFromStorage; }
    /**
     * The user's {@code leanGraph}: an HNSW graph without level-0 stored distances (−4 bytes per link, recomputed
     * while linking: slower builds). Default: {@link #rerankFromStorage()}. The flat index has no graph and ignores
     * it. Snapshots do not hold it: the hnsw state's format version does (1 keyed, 2 lean; {@link HnswType#restore}).
     */
    public boolean leanGraph() { return leanGraph; }
    /** Tombstone ratio from which {@code needsCompaction()} is true. */
    public double compactionThreshold() { return compactionThreshold; }
    public long seed() { return seed; }
    public int sq8TrainingSize() { return sq8TrainingSize; }
    /** PQ's sub-spaces: bytes per vector once trained; default ⌈dimensions / 8⌉ ({@link ConfigField#PQ_SUBSPACES}). */
    public int pqSubspaces() { return pqSubspaces; }
    /** Vectors held as float32 before PQ trains on them. */
    public int pqTrainingSize() { return pqTrainingSize; }
    /** Live vectors at which AUTO builds its HNSW graph. */
    public int autoThreshold() { return autoThreshold; }

    /** Collects settings; {@link #build()} validates them all, so a bad value fails early and clearly. */
    public static final class Builder {
        private final int dimensions;
        private final Metric metric;
        private int m = DEFAULT_M;
        private int m0;
        private int efConstruction = DEFAULT_EF_CONSTRUCTION;
        private int efSearch = DEFAULT_EF_SEARCH;
        private String indexType = IndexTypes.AUTO;
        private String encoding = VectorEncodings.FLOAT32;
        private boolean keepFloatsForRerank;
        private boolean rerankFromStorage;
        private boolean leanGraph;
        private double compactionThreshold = DEFAULT_COMPACTION_THRESHOLD;
        private long seed = DEFAULT_SEED;
        private int sq8TrainingSize = DEFAULT_SQ8_TRAINING_SIZE;
        /** 0: the default, derived from the dimensions. */
        private int pqSubspaces;
        private int pqTrainingSize = DEFAULT_PQ_TRAINING_SIZE;
        private int autoThreshold = AUTO_HNSW_THRESHOLD;

        private Builder(int dimensions, Metric metric) {
            this.dimensions = dimensions;
            this.metric = metric;
        }

        public Builder m(int v) { m = v; return this; }
        public Builder m0(int v) { m0 = v; return this; }
        public Builder efConstruction(int v) { efConstruction = v; return this; }
        public Builder efSearch(int v) { efSearch = v; return this; }
        /** A registered index type's name; checked for syntax here, resolved when an index is made. */
        public Builder indexType(String name) { indexType = name; return this; }
        /** 'none' (float32) or a vector encoding's name ('sq8'). */
        public Builder quantization(String name) { encoding = name; return this; }
        public Builder keepFloatsForRerank(boolean v) { keepFloatsForRerank = v; return this; }
        /** Also sets {@link #leanGraph} to {@code v}: its default; a later {@code leanGraph(...)} overrides it. */
        public Builder rerankFromStorage(boolean v) { rerankFromStorage = v; leanGraph = v; return this; }
        public Builder leanGraph(boolean v) { leanGraph = v; return this; }
        public Builder compactionThreshold(double v) { compactionThreshold = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder sq8TrainingSize(int v) { sq8TrainingSize = v; return this; }
        public Builder pqSubspaces(int v) { pqSubspaces = v; return this; }
        public Builder pqTrainingSize(int v) { pqTrainingSize = v; return this; }
        public Builder autoThreshold(int v) { autoThreshold = v; return this; }

        public IndexConfig build() {
            ConfigField.DIMENSIONS.check(dimensions);
            require(metric != null, "metric must not be null");
            ConfigField.M.check(m);
            if (m0 != 0) {
                ConfigField.M0.check(m0, m);
            }
            ConfigField.EF_CONSTRUCTION.check(efConstruction);
            ConfigField.EF_SEARCH.check(efSearch);
            require(IndexTypes.isName(indexType), "indexType must be a name of 1..64 characters a-z, 0-9, '.', '_', '-'"
                    + " starting with a letter or digit, got " + (indexType == null ? "null" : "'" + indexType + "'"));
            VectorEncoding resolved = VectorEncodings.BUILT_IN.forQuantization(encoding);
            encoding = resolved.name();
            require(resolved.exact() || !IndexTypes.FLAT.equals(indexType), "quantization '" + encoding
                    + "' needs indexType 'hnsw' or 'auto': the flat index is exact and keeps float32");
            require(!keepFloatsForRerank || !resolved.exact(),
                    "keepFloatsForRerank applies only to a quantized encoding (a quantization other than 'none')");
            require(!rerankFromStorage || (!resolved.exact() && !keepFloatsForRerank),
                    "rerank 'storage' applies only to a quantized encoding (a quantization other than 'none')");
            ConfigField.COMPACTION_THRESHOLD.check(compactionThreshold);
            if (pqSubspaces != 0) {
                ConfigField.PQ_SUBSPACES.check(pqSubspaces);
                require(pqSubspaces <= dimensions, ConfigField.PQ_SUBSPACES.userName() + " must be at most dimensions ("
                        + dimensions + "): every sub-space holds at least one dimension, got " + pqSubspaces);
            }
            require(pqTrainingSize >= 1, "pqTrainingSize must be a positive integer, got " + pqTrainingSize);
            require(sq8TrainingSize >= 1, "sq8TrainingSize must be a positive integer, got " + sq8TrainingSize);
            require(autoThreshold >= 1, "autoThreshold must be a positive integer, got " + autoThreshold);
            return new IndexConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new TeaVecException(ErrorCode.INVALID_CONFIG, message);
            }
        }
    }
}
