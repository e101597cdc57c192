// Filters cross into the engine as text: EdgeVec's string grammar as is (kind 0), a Chroma `where`
// object as JSON text (kind 1). The engine parses and evaluates both; JS only refuses what JSON
// would silently change (undefined, NaN, functions), which would otherwise widen a filter.
import { TeaVecError } from './errors.js';
import { describe } from './validate.js';

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

function badWhere(problem, json) {
  return new TeaVecError('INVALID_FILTER', `${problem} at position ${json.length}`,
    { position: json.length, filter: json });
}

/** JSON text of a where object, failing where JSON.stringify would drop or change a value. */
function whereJson(value, out) {
  if (value === null || typeof value === 'boolean') return `${out}${value}`;
  if (typeof value === 'string') return out + JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw badWhere(`expected a finite number, got ${value}`, out);
    return out + JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let s = `${out}[`;
    value.forEach((item, i) => {
      s = whereJson(item, i === 0 ? s : `${s},`);
    });
    return `${s}]`;
  }
  if (isPlainObject(value)) {
    let s = `${out}{`;
    Object.keys(value).forEach((key, i) => {
      s = `${i === 0 ? s : `${s},`}${JSON.stringify(key)}:`;
      s = whereJson(value[key], s);
    });
    return `${s}}`;
  }
  throw badWhere(`expected a string, number, boolean, null, array or object, got ${describe(value)}`, out);
}

/**
 * `{ text, kind }` for the engine from a filter: an EdgeVec filter string, a filter-expression object
 * or a Chroma where object.
 */
export function encodeFilter(filter, what = 'filter') {
  if (typeof filter === 'string') return { text: filter, kind: STRING_FILTER };
  if (isPlainObject(filter)) return { text: whereJson(filter, ''), kind: WHERE_FILTER };
  if (isExpression(filter)) return { text: String(filter), kind: STRING_FILTER };
  throw new TeaVecError('INVALID_FILTER',
    `${what} must be a filter string (e.g. 'price < 10') or a where object (e.g. { price: { $lt: 10 } }), `
    + `got ${describe(filter)} at position 0`, { position: 0, filter: '' });
}
