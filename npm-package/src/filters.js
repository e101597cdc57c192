// Filters cross into the engine as text: EdgeVec's string grammar as is (kind 0), a Chroma `where`
// object as JSON text (kind 1). The engine parses and evaluates both; JS only refuses what JSON
// would silently change (undefined, NaN, functions), which would otherwise widen a filter.
import { TeaVecError } from './errors.js';
import { describe } from './validate.js';
import { requireEngine } from './init.js';
import { whereJson } from './where-json.js';

export const STRING_FILTER = 0;
export const WHERE_FILTER = 1;

function isPlainObject(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A filter-expression object (TeaVec's or EdgeVec's Filter builder): anything non-plain with its own toString. */
function isExpression(value) {
  return value !== null && typeof value === 'object' && !isPlainObject(value) && !Array.isArray(value)
    && typeof value.toString === 'function' && value.toString !== Object.prototype.toString;
}

/**
 * `{ text, kind }` for the engine from a filter: an EdgeVec filter string, a filter-expression object
 * or a Chroma where object.
 */
export function encodeFilter(filter, what = 'filter') {
  if (typeof filter === 'string') return { text: filter, kind: STRING_FILTER };
  if (isPlainObject(filter)) return { text: whereJson(filter, requireEngine().maxFilterLength()), kind: WHERE_FILTER };
  if (isExpression(filter)) return { text: String(filter), kind: STRING_FILTER };
  throw new TeaVecError('INVALID_FILTER',
    `${what} must be a filter string (e.g. 'price < 10') or a where object (e.g. { price: { $lt: 10 } }), `
    + `got ${describe(filter)} at position 0`, { position: 0, filter: '' });
}
