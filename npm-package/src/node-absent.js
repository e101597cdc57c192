// `#teavec-node` where the `node` export condition is not set (browsers, workers, workerd): nothing.
// src/files.js reports NOT_SUPPORTED when code that needs Node's files gets this module.
export const available = false;
