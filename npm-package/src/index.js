export { default } from './init.js';
export { default as init, simdBackend } from './init.js';
export { EdgeVec } from './edgevec.js';
export { EdgeVecConfig, BatchInsertConfig, MetricType, JsIndexType } from './config.js';
export { JsMetadataValue } from './metadata.js';
export { Filter, FilterExpression } from './filter-builder.js';
export { Database } from './database.js';
export { Collection } from './collection.js';
export { registerIndexType } from './index-types.js';
export { TeaVecError, ErrorCodes } from './errors.js';
export { saveSnapshot, loadSnapshot, listGenerations, deleteSnapshot, requestPersistence, onSnapshotChange } from './snapshot-store.js';
export { openDatabase } from './open-database.js';
// Internal: the shared registry's table, filled by teavec/embeddings (src/embedding-factories.js). Not a public API.
export { _embeddingFactories } from './embedding-factories.js';
// Internal, for tests only: not a public API, may change without notice.
export { _openLogStorage, _logRecords } from './open-database.js';
