export { default } from './init.js';
export { default as init } from './init.js';
export { EdgeVec, EdgeVecConfig } from './edgevec.js';
export { TeaVecError, ErrorCodes } from './errors.js';
export { saveSnapshot, loadSnapshot, listGenerations, deleteSnapshot, requestPersistence, onSnapshotChange } from './idb-store.js';
