// A small builder for EdgeVec's filter grammar (same names as EdgeVec's `Filter`), so that filters
// built from user input are always well quoted. It only writes text; the engine parses it.
import { TeaVecError, callEngine } from './errors.js';
import { requireEngine } from './init.js';
import { STRING_FILTER } from './filters.js';
import { describe } from './validate.js';

/** A filter in EdgeVec's grammar; pass it wherever a filter string is accepted. */
export class FilterExpression {
  #text;

  constructor(text) {
    this.#text = text;
  }

  toString() {
    return this.#text;
  }

  toJSON() {
    return { filter: this.#text };
  }
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function field(name) {
  if (typeof name !== 'string' || !FIELD.test(name)) {
    throw new TeaVecError('INVALID_FILTER', `a field name is a letter or _ then letters, digits, _ or ., got ${describe(name)} at position 0`,
      { position: 0, filter: '' });
  }
  return name;
}

function literal(value) {
  if (typeof value === 'string') return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  throw new TeaVecError('INVALID_FILTER', `a filter value is a string, finite number or boolean, got ${describe(value)} at position 0`,
    { position: 0, filter: '' });
}

function list(values) {
  if (!Array.isArray(values) || values.length === 0) {
    throw new TeaVecError('INVALID_FILTER', `expected a non-empty array of values, got ${describe(values)} at position 0`,
      { position: 0, filter: '' });
  }
  return `[${values.map(literal).join(', ')}]`;
}

const cmp = (op) => (name, value) => new FilterExpression(`${field(name)} ${op} ${literal(value)}`);
const group = (op) => (...filters) => {
  if (filters.length === 0) throw new TeaVecError('INVALID_FILTER', `${op} needs at least one filter at position 0`, { position: 0, filter: '' });
  return new FilterExpression(filters.map((f) => `(${String(f)})`).join(` ${op} `));
};

/** Checks a filter string with the engine's parser; throws INVALID_FILTER with `position`. */
function check(text) {
  const engine = requireEngine();
  callEngine(() => engine.validateFilter(text, STRING_FILTER), text);
}

export const Filter = Object.freeze({
  /** Parses (validates) a filter string: throws INVALID_FILTER with the position of the problem. */
  parse(text) {
    if (typeof text !== 'string') throw new TeaVecError('INVALID_FILTER', `expected a filter string, got ${describe(text)} at position 0`, { position: 0, filter: '' });
    check(text);
    return new FilterExpression(text);
  },
  tryParse(text) {
    try {
      return Filter.parse(text);
    } catch (e) {
      if (e instanceof TeaVecError && e.code === 'INVALID_FILTER') return null;
      throw e;
    }
  },
  /** `{ valid, errors: [{ code, message, position: { offset } }], warnings: [] }` as EdgeVec reports it. */
  validate(text) {
    try {
      return { valid: true, errors: [], warnings: [], filter: Filter.parse(text) };
    } catch (e) {
      if (!(e instanceof TeaVecError) || e.code !== 'INVALID_FILTER') throw e;
      return { valid: false, errors: [{ code: e.code, message: e.message, position: { offset: e.position } }], warnings: [] };
    }
  },
  eq: cmp('='),
  ne: cmp('!='),
  lt: cmp('<'),
  le: cmp('<='),
  gt: cmp('>'),
  ge: cmp('>='),
  between: (name, low, high) => new FilterExpression(`${field(name)} BETWEEN ${literal(low)} AND ${literal(high)}`),
  contains: cmp('CONTAINS'),
  startsWith: cmp('STARTS_WITH'),
  endsWith: cmp('ENDS_WITH'),
  like: cmp('LIKE'),
  in: (name, values) => new FilterExpression(`${field(name)} IN ${list(values)}`),
  notIn: (name, values) => new FilterExpression(`${field(name)} NOT IN ${list(values)}`),
  isNull: (name) => new FilterExpression(`${field(name)} IS NULL`),
  isNotNull: (name) => new FilterExpression(`${field(name)} IS NOT NULL`),
  and: group('AND'),
  or: group('OR'),
  not: (filter) => new FilterExpression(`NOT (${String(filter)})`),
});
