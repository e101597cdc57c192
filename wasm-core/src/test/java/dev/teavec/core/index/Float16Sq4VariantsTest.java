package dev.teavec.core.index;

import org.junit.jupiter.api.Nested;

/** The contract of {@link VectorIndexContractTest} for float16 and SQ4, with and without re-ranking (as IndexVariantsTest's SQ8). */
class Float16Sq4VariantsTest {
    @Nested
    class HnswFloat16 extends VectorIndexContractTest {
        @Override
        VectorIndex create(IndexConfig.Builder base) {
            return IndexTypes.BUILT_IN.create(base.indexType("hnsw").m(6).quantization("float16").efSearch(100).build());
        }

        @Override
        boolean exact() {
            return false;
        }

        // Halves keep 11 significant bits: distances within a few parts in 10^4 of float32's.
        @Override
        double distanceTolerance() {
            return 2e-3;
        }
    }

    @Nested
    class HnswFloat16Rerank extends VectorIndexContractTest {
        @Override
        VectorIndex create(IndexConfig.Builder base) {
            return IndexTypes.BUILT_IN.create(base.indexType("hnsw").m(6).quantization("float16")
                    .keepFloatsForRerank(true).efSearch(100).build());
        }

        @Override
        boolean exact() {
            return false;
        }

        @Override
        double distanceTolerance() {
            return 1e-4;
        }
    }

    @Nested
    class HnswSq4 extends VectorIndexContractTest {
        @Override
        VectorIndex create(IndexConfig.Builder base) {
            // Training on 64 vectors: later ones overshoot now and then, so re-calibration runs too.
            return IndexTypes.BUILT_IN.create(base.indexType("hnsw").m(6).quantization("sq4")
                    .sq8TrainingSize(64).efSearch(100).build());
        }

        @Override
        boolean exact() {
            return false;
        }

        // 15 levels per dimension on tiny Gaussian sets: the real-data tests hold SQ4 (with re-ranking) to 0.95.
        @Override
        double minRecall() {
            return 0.5;
        }

        @Override
        double distanceTolerance() {
            return 0.15;
        }
    }

    @Nested
    class HnswSq4Rerank extends VectorIndexContractTest {
        @Override
        VectorIndex create(IndexConfig.Builder base) {
            return IndexTypes.BUILT_IN.create(base.indexType("hnsw").m(6).quantization("sq4")
                    .sq8TrainingSize(4).keepFloatsForRerank(true).efSearch(100).build());
        }

        @Override
        boolean exact() {
            return false;
        }

        @Override
        double minRecall() {
            return 0.7;
        }

        @Override
        double distanceTolerance() {
            return 1e-4;
        }
    }
}
