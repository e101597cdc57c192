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
    static final int VECTORS_F32 = 4;
    static final int VECTORS_SQ8 = 5;
    static final int RERANK_F32 = 6;
    static final int HNSW_GRAPH = 7;
    // 8..15 are reserved for metadata records, string keys and documents.
    static final int COLLECTIONS = 16;

    private SectionIds() {
    }

    /** The newest version of section {@code id} this build reads, 0 when the id is unknown. */
    static int maxVersion(int id) {
        switch (id) {
            case CONFIG:
            case IDS:
            case TOMBSTONES:
            case VECTORS_F32:
            case VECTORS_SQ8:
            case RERANK_F32:
            case HNSW_GRAPH:
            case COLLECTIONS:
                return 1;
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
            case COLLECTIONS: return "collections";
            default: return "section " + id;
        }
    }
}
