// Chroma's whereDocument, evaluated over the records' documents: $contains / $not_contains (case-sensitive
// substring, as Chroma's), $regex / $not_regex (a JavaScript RegExp), $and / $or. A record without a document
// contains nothing: it fails $contains and $regex and passes their negations (as core/fulltext DocumentFilter).
import { TeaVecError } from './errors.js';
import { describe } from './validate.js';

// The nesting limit of `where` (the engine's), kept apart: a document filter never crosses into the engine.
const MAX_DEPTH = 64;
const OPERATORS = '$contains, $not_contains, $regex, $not_regex, $and or $or';

const bad = (message) => new TeaVecError('INVALID_FILTER', `whereDocument: ${message}`);

/** `(document) => boolean` for a whereDocument object (`{}` matches every record); INVALID_FILTER when malformed. */
export function documentFilter(filter, depth = 0) {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw bad(`expected an object such as { $contains: 'text' }, got ${describe(filter)}`);
  }
  const keys = Object.keys(filter);
  if (keys.length === 0 && depth === 0) return () => true;
  if (keys.length !== 1) throw bad(`expected one operator (${OPERATORS}) per object, got ${keys.length}: {${keys.join(', ')}}`);
  if (depth >= MAX_DEPTH) throw bad(`nested deeper than ${MAX_DEPTH} levels`);
  const op = keys[0];
  const value = filter[op];
  if (op === '$and' || op === '$or') {
    if (!Array.isArray(value) || value.length === 0) throw bad(`${op} takes a non-empty list of filters, got ${describe(value)}`);
    const parts = value.map((part) => documentFilter(part, depth + 1));
    return op === '$and' ? (d) => parts.every((p) => p(d)) : (d) => parts.some((p) => p(d));
  }
  let test;
  if (op === '$contains' || op === '$not_contains') {
    if (typeof value !== 'string') throw bad(`${op} takes a string, got ${describe(value)}`);
    test = (d) => d.includes(value);
  } else if (op === '$regex' || op === '$not_regex') {
    if (typeof value !== 'string') throw bad(`${op} takes a pattern string, got ${describe(value)}`);
    let re;
    try {
      re = new RegExp(value);
    } catch (e) {
      throw bad(`${op} ${JSON.stringify(value)} is not a regular expression: ${e.message}`);
    }
    test = (d) => re.test(d);
  } else {
    throw bad(`unknown operator ${op}; expected ${OPERATORS}`);
  }
  return op.startsWith('$not') ? (d) => typeof d !== 'string' || !test(d) : (d) => typeof d === 'string' && test(d);
}
