// The shared table of embedding-function factories by name. It lives in the core bundle so that teavec/embeddings
// (whose registerEmbeddingFunction fills it) and a collection reopened from storage (which builds its function from
// it on first use) see one table, whichever bundle each was loaded from.
export const _embeddingFactories = new Map();
