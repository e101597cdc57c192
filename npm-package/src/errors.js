/** Every failure TeaVec reports. `code` is stable across versions; `message` says what was expected. */
export class TeaVecError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'TeaVecError';
    this.code = code;
  }
}

export const ErrorCodes = Object.freeze({
  DIMENSION_MISMATCH: 'DIMENSION_MISMATCH',
  INVALID_VECTOR: 'INVALID_VECTOR',
  INVALID_K: 'INVALID_K',
  INVALID_CONFIG: 'INVALID_CONFIG',
  UNKNOWN_ID: 'UNKNOWN_ID',
  DUPLICATE_ID: 'DUPLICATE_ID',
  INVALID_FILTER: 'INVALID_FILTER',
  CORRUPT_SNAPSHOT: 'CORRUPT_SNAPSHOT',
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  CAPACITY_EXCEEDED: 'CAPACITY_EXCEEDED',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  NOT_INITIALIZED: 'NOT_INITIALIZED',
  LOAD_FAILED: 'LOAD_FAILED',
  NOT_SUPPORTED: 'NOT_SUPPORTED',
  STORAGE_ERROR: 'STORAGE_ERROR',
});

const ENGINE_ERROR = /^([A-Z_]+): ([\s\S]*)$/;

/**
 * Runs a call into the engine and turns its coded exceptions ("CODE: detail") into TeaVecErrors.
 * Anything else is a bug in TeaVec and is rethrown as it is.
 */
export function callEngine(fn) {
  try {
    return fn();
  } catch (e) {
    const match = e instanceof Error ? ENGINE_ERROR.exec(e.message) : null;
    if (match && Object.hasOwn(ErrorCodes, match[1])) {
      throw new TeaVecError(match[1], match[2]);
    }
    throw e;
  }
}
