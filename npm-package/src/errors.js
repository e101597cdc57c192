/** Every failure TeaVec reports. `code` is stable across versions; `message` says what was expected. */
export class TeaVecError extends Error {
  /**
   * `details.position`: for INVALID_FILTER, the 0-based offset in the filter text where the problem is.
   * `details.filter`: the filter text the position refers to (a `where` object's JSON text).
   */
  constructor(code, message, details = undefined) {
    super(message);
    this.name = 'TeaVecError';
    this.code = code;
    if (details?.position !== undefined) this.position = details.position;
    if (details?.filter !== undefined) this.filter = details.filter;
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
  NOT_FOUND: 'NOT_FOUND',
  INDEX_FREED: 'INDEX_FREED',
});

const ENGINE_ERROR = /^([A-Z_]+): ([\s\S]*)$/;
const POSITION = /at position (\d+)/g;

/** The last "at position N" in an engine message: the engine names the offending offset last. */
function positionIn(message) {
  let position;
  for (const m of message.matchAll(POSITION)) position = Number(m[1]);
  return position;
}

/**
 * Runs a call into the engine and turns its coded exceptions ("CODE: detail") into TeaVecErrors.
 * Anything else is a bug in TeaVec and is rethrown as it is. `filter` is the filter text sent with
 * the call, attached to INVALID_FILTER errors so that `position` can be read against it.
 */
export function callEngine(fn, filter = undefined) {
  try {
    return fn();
  } catch (e) {
    throw engineError(e, filter);
  }
}

/** The TeaVecError for an engine exception, or the exception itself when it is not a coded one. */
export function engineError(e, filter = undefined) {
  if (e instanceof TeaVecError) return e;
  const match = e instanceof Error ? ENGINE_ERROR.exec(e.message) : null;
  if (!match || !Object.hasOwn(ErrorCodes, match[1])) return e;
  const [, code, detail] = match;
  if (code !== 'INVALID_FILTER') return new TeaVecError(code, detail);
  return new TeaVecError(code, detail, { position: positionIn(detail) ?? 0, filter });
}
