package dev.teavec.core.codec;

/**
 * The section registry: every section id this build knows, its name and the newest version of it
 * it reads. A reader skips an unknown section flagged optional and rejects an unknown required one
 * (it was written by a newer TeaVec). docs/format.md describes each payload byte by byte.
 * Adding a section: give it a new id here (never reuse one), a class that writes and reads it, and
 * a row in docs/format.md.
 */
final class SectionIds {
    static final int CONFIG = 1;
    static final int IDS = 2;
    static final int TOMBSTONES = 3;
    /** Format versions 1 and 2 only (3 writes VECTORS): float32 vectors. */
    static final int VECTORS_F32 = 4;
    /** Format versions 1 and 2 only (3 writes VECTORS): SQ8 codes. */
    static final int VECTORS_SQ8 = 5;
    /** Format versions 1 and 2 only (3 writes VECTORS): floats kept next to SQ8 codes. */
    static final int RERANK_F32 = 6;
    /** Format versions 1 and 2 only (3 writes INDEX_STATE): the HNSW graph. */
    static final int HNSW_GRAPH = 7;
    static final int METADATA = 8;
    static final int KEYS = 9;
    static final int DOCUMENTS = 10;
    // 11..15 are reserved for more of what a database attaches to its vectors.
    static final int COLLECTIONS = 16;
    /** The stored vectors, written by their encoding (format version 3). */
    static final int VECTORS = 17;
    /** The index type's own state (format version 3). */
    static final int INDEX_STATE = 18;
    /** Optional: the collections' full-text indexes, opaque to the engine (teavec-text.wasm's layout). */
    static final int TEXT_INDEXES = 19;

    private SectionIds() {
    }

    /** The newest version of section {@code id} this build reads, 0 when the id is unknown. */
    static int maxVersion(int id) {
        switch (id) {
            case CONFIG:
                return ConfigSection.VERSION;
            case IDS:
            case TOMBSTONES:
            case VECTORS_F32:
            case VECTORS_SQ8:
            case RERANK_F32:
            case HNSW_GRAPH:
            case METADATA:
            case KEYS:
            case DOCUMENTS:
            case VECTORS:
            case INDEX_STATE:
            case TEXT_INDEXES:
                return 1;
            case COLLECTIONS:
                return 2;
            default:
                return 0;
        }
    }

    static String name(int id) {
        switch (id) {
            case CONFIG: return "config";
            case IDS: return "ids";
            case TOMBSTONES: return "tombstones";
            case VECTORS_F32: return "float vectors";
            case VECTORS_SQ8: return "SQ8 vectors";
            case RERANK_F32: return "re-rank floats";
            case HNSW_GRAPH: return "HNSW graph";
            case METADATA: return "metadata";
            case KEYS: return "keys";
            case DOCUMENTS: return "documents";
            case COLLECTIONS: return "collections";
            case VECTORS: return "vectors";
            case INDEX_STATE: return "index state";
            case TEXT_INDEXES: return "text indexes";
            default: return "section " + id;
        }
    }
}
