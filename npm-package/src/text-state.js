// A collection's full-text indexes as its shared state holds them (`state.text`): per analyzer, keyed by its
// flags (the second byte of the index's saved bytes), a live index of teavec-text.wasm (text-search.js makes
// and decodes them) or the bytes a snapshot saved (`saved`, decoded on the first text query); the bytes to
// save next (`current`, null once a write touched the collection); and the ids every write touched since the
// index was last brought up to date. In the core bundle because a loaded snapshot hands its saved indexes over before
// any text code is loaded: they stay bytes until the first text query.

/** `saved`: the snapshot's bytes of each index (Int8Array); CORRUPT-worthy duplicates throw (the caller reports). */
export function textState(saved = []) {
  const indexes = new Map();
  for (const bytes of saved) {
    if (indexes.has(bytes[1])) throw new Error(`it has two text indexes of analyzer ${bytes[1]}`);
    indexes.set(bytes[1], { index: null, saved: bytes, current: bytes, touched: new Set() });
  }
  return {
    indexes,
    touched: {
      add(id) {
        for (const entry of indexes.values()) {
          entry.touched.add(id);
          entry.current = null;
        }
      },
    },
    /**
     * The bytes of every index to save: unchanged ones as they were, others brought up to date and encoded. An
     * index still undecoded that writes changed since is left out: the next load rebuilds it from the documents.
     */
    toBytes() {
      const out = [];
      for (const entry of indexes.values()) {
        if (!entry.current && entry.index) entry.current = entry.encode();
        if (entry.current) out.push(entry.current);
      }
      return out;
    },
  };
}
