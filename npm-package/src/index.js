export { default } from './init.js';
export { default as init, simdBackend } from './init.js';
export { EdgeVec, EdgeVecConfig } from './edgevec.js';
export { TeaVecError, ErrorCodes } from './errors.js';
