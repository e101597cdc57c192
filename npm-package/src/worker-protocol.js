// The one description of what teavec/worker proxies: per class, its methods and how each crosses the
// postMessage boundary, and the properties a proxy mirrors. The caller side (src/worker.js) builds its proxy
// classes from it and the worker side (src/worker-script.js) dispatches by it; neither lists a method again.
// test/worker-api.test.mjs checks that every public method of the direct classes is here (or deliberately not).
//
// Flags of a method:
//   writes   changes state: writes start in arrival order, after a running sliced insert (reads do not wait)
//   vectors  { arg, field? , numberArrays? }: the list of vectors in that argument (or that field of it)
//            crosses as one flat Float32Array, transferred, when its vectors all have one length and are
//            Float32Arrays (or, with numberArrays, arrays of numbers too: Chroma's columns); else as it is
//   flat     { arg }: a Float32Array of vectors end to end there is copied into a buffer of its own and
//            transferred (the caller keeps its array)
//   slices   the worker runs it in slices it can abort between and answer reads between ('list', 'flat',
//            'progress', 'metadata': which direct method's arguments it takes)
//   returns  a class name: the result (or each element of an array result) becomes a proxy of that class
//   symbol   the direct method is `target[Symbol.for(symbol)]` (the proxy has it under the same symbol)
const READ = Object.freeze({});
const WRITE = Object.freeze({ writes: true });

const edgeVecMethods = {
  insert: WRITE,
  insertBatchFlat: { writes: true, flat: { arg: 0 }, slices: 'flat' },
  insertBatch: { writes: true, vectors: { arg: 0 }, slices: 'list' },
  insertBatchWithProgress: { writes: true, vectors: { arg: 0 }, slices: 'progress' },
  insertBatchWithProgressAsync: { writes: true, vectors: { arg: 0 }, slices: 'progress' },
  advanceBuild: WRITE,
  insertWithMetadata: WRITE,
  insertBatchWithMetadata: { writes: true, vectors: { arg: 0 }, slices: 'metadata' },
  upsert: WRITE,
  upsertBatch: WRITE,
  get: READ,
  getBatch: READ,
  delete: WRITE,
  deleteBatch: WRITE,
  keyOf: READ,
  idOf: READ,
  updateVector: WRITE,
  search: READ,
  searchWithFilter: READ,
  searchFiltered: READ,
  getVector: READ,
  softDelete: WRITE,
  softDeleteBatch: WRITE,
  softDeleteBatchCompat: WRITE,
  isDeleted: READ,
  liveCount: READ,
  deletedCount: READ,
  tombstoneRatio: READ,
  needsCompaction: READ,
  compactionThreshold: READ,
  compactionWarning: READ,
  compact: WRITE,
  setMetadata: WRITE,
  setAllMetadata: WRITE,
  getMetadata: READ,
  hasMetadata: READ,
  deleteMetadata: WRITE,
  deleteAllMetadata: WRITE,
  getAllMetadata: READ,
  getVectorMetadata: READ,
  metadataKeyCount: READ,
  metadataVectorCount: READ,
  totalMetadataCount: READ,
  toBytes: READ,
  saveToFile: READ,
  save: READ,
  memoryUsage: READ,
  getMemoryPressure: READ,
  getMemoryConfig: READ,
  setMemoryConfig: WRITE,
  canInsert: READ,
  getMemoryRecommendation: READ,
  checkIntegrity: { symbol: 'teavec.checkIntegrity' },
  // An index opened by name (EdgeVec.open, openWorkerIndex) has these too; a new or loaded one answers NOT_SUPPORTED.
  flush: WRITE,
  checkpoint: WRITE,
};

// A database: the persistent one of openDatabase(name) or, without a name, an in-memory Database. Methods one
// of them lacks (flush, checkpoint; saveToFile) answer NOT_SUPPORTED there.
const databaseMethods = {
  createCollection: { writes: true, returns: 'collection' },
  getCollection: { returns: 'collection' },
  getOrCreateCollection: { writes: true, returns: 'collection' },
  listCollections: { returns: 'collection' },
  countCollections: READ,
  deleteCollection: WRITE,
  checkIntegrity: READ,
  toBytes: READ,
  saveToFile: READ,
  flush: WRITE,
  checkpoint: WRITE,
};

const EMBEDDINGS = Object.freeze({ arg: 0, field: 'embeddings', numberArrays: true });

const collectionMethods = {
  count: READ,
  memoryUsage: READ,
  get: READ,
  peek: READ,
  query: READ,
  add: { writes: true, vectors: EMBEDDINGS },
  upsert: { writes: true, vectors: EMBEDDINGS },
  update: { writes: true, vectors: EMBEDDINGS },
  delete: WRITE,
  modify: WRITE,
};

/**
 * Per class: `methods` (above), `properties` mirrored on the proxy (as of the last answer that concerned it),
 * `end`: the direct method the proxy's free()/close() runs before the worker stops (close() where the
 * object has one), and `ended`: the code and text
 * every call gets afterwards (those of the direct API after free()/close()).
 */
export const CLASSES = Object.freeze({
  index: {
    methods: edgeVecMethods,
    properties: ['dimensions', 'metric', 'size', 'kernels', 'name', 'storage', 'readOnly', 'recovery'],
    end: 'free',
    ended: ['INDEX_FREED', 'this worker index was terminated (terminate() or free() was called): its worker and memory are gone'],
  },
  database: {
    methods: databaseMethods,
    properties: ['name', 'storage', 'readOnly', 'recovery', 'stats'],
    end: 'close',
    ended: ['STORAGE_ERROR', 'this worker database is closed (close() or terminate() was called); open it again'],
  },
  collection: {
    methods: collectionMethods,
    properties: ['name', 'metadata', 'dimensions', 'metric'],
  },
});

// Wire markers: values postMessage cannot carry are replaced by these on the caller side and restored in the
// worker (functions become callbacks that post back, an AbortSignal becomes the worker's own signal).
export const CALLBACK = '__teavecCallback';
export const SIGNAL = '__teavecSignal';
export const FLAT = '__teavecFlat';
export const HANDLE = '__teavecHandle';
/** An embedding function left on the calling side: `{ [EMBEDDER]: { name, config } }` (src/worker-embeddings.js). */
export const EMBEDDER = '__teavecEmbedder';

/** An error as plain data: TeaVecError's `code` and extra fields (`position`, `filter`) included. */
export function errorToWire(e) {
  if (!(e instanceof Error) && !(e?.name === 'AbortError')) return { name: 'Error', message: String(e) };
  const out = { name: e.name, message: e.message };
  for (const key of Object.keys(e)) {
    const value = e[key];
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  }
  return out;
}
