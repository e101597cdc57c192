import API from './generated/engine.js';

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

/**
 * Every code, `{ CODE: 'CODE' }`: generated from the engine's ErrorCode enum when the package is built
 * (src/generated/engine.js), so the enum is the one list.
 */
export const ErrorCodes = Object.freeze(Object.fromEntries(API.errorCodes.map((code) => [code, code])));

const ENGINE_ERROR = /^([A-Z_]+): ([\s\S]*)$/;
const POSITION = /at position (\d+)/g;

/** The last "at position N" in an engine message: the engine names the offending offset last. */
function positionIn(message) {
  let position;
  for (const m of message.matchAll(POSITION)) position = Number(m[1]);
  return position;
}

/**
 * Runs `fn` and turns engine exceptions ("CODE: detail") into TeaVecErrors. Calls through src/engine.js's
 * wrappers are translated already (their TeaVecErrors pass through unchanged); this serves the rest.
 */
export function callEngine(fn, filter = undefined) {
  try {
    return fn();
  } catch (e) {
    throw engineError(e, filter);
  }
}

/**
 * The one parser of engine messages: the TeaVecError for an engine exception ("CODE: detail"), or the
 * exception itself when it is not a coded one (then it is a bug in TeaVec). `filter` is the filter text
 * sent with the call, attached to INVALID_FILTER errors so that `position` can be read against it.
 */
export function engineError(e, filter = undefined) {
  if (e instanceof TeaVecError) return e;
  const match = e instanceof Error ? ENGINE_ERROR.exec(e.message) : null;
  if (!match || !Object.hasOwn(ErrorCodes, match[1])) return e;
  const [, code, detail] = match;
  if (code !== 'INVALID_FILTER') return new TeaVecError(code, detail);
  return new TeaVecError(code, detail, { position: positionIn(detail) ?? 0, filter });
}
