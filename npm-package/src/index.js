export { default } from './init.js';
export { default as init } from './init.js';
export { EdgeVec } from './edgevec.js';
export { EdgeVecConfig, BatchInsertConfig, MetricType, JsIndexType } from './config.js';
export { JsMetadataValue } from './metadata.js';
export { Filter, FilterExpression } from './filter-builder.js';
export { Database } from './database.js';
export { Collection } from './collection.js';
export { TeaVecError, ErrorCodes } from './errors.js';
