// Chroma `where` and `whereDocument` objects as Solr filter queries (Solr's JSON Query DSL), with the
// local engine's meaning: a comparison on a missing or null field is false ($ne and $nin included),
// values of different types never match, a string list matches $contains/$in by element. Every
// metadata key has one indexed field per value type (solr-layout.js), so a type-strict comparison
// is a query on one field. Where Solr cannot say what a filter means, NOT_SUPPORTED.
import { TeaVecError } from './errors.js';
import { F, metadataField, checkTerm } from './solr-layout.js';

const ALL = { lucene: { query: '*:*' } };
const NOTHING = { bool: { must: [ALL], must_not: [ALL] } };
const and = (parts) => (parts.length === 1 ? parts[0] : { bool: { filter: parts } });
const or = (parts) => (parts.length === 1 ? parts[0] : { bool: { should: parts } });
const not = (part) => ({ bool: { must: [ALL], must_not: [part] } });
const term = (f, value) => ({ term: { f, query: String(value) } });
const exists = (f) => ({ lucene: { query: `${f}:[* TO *]` } });
const keyPresent = (key) => term(F.metadataKeys, key);

/** Lucene query syntax escapes for a term written outside quotes (wildcard queries). */
function escapeTerm(s) {
  return s.replace(/[\\+\-!():^[\]"{}~*?|&/\s]/g, (c) => `\\${c}`);
}

function quoted(s) {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function isPlainObject(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return v.constructor?.name ?? 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/**
 * Walks a where object as the engine reads it, writing its JSON text on the way so that an error can
 * name the offset in that text (TeaVecError `position` and `filter`, as local collections report).
 */
class Reader {
  text = '';

  fail(problem, code = 'INVALID_FILTER') {
    if (code !== 'INVALID_FILTER') return new TeaVecError(code, problem);
    return new TeaVecError(code, `${problem} at position ${this.text.length}`, { position: this.text.length, filter: this.text });
  }

  write(value) {
    this.text += JSON.stringify(value);
  }

  /** A string, finite number or boolean. */
  scalar(v) {
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) {
      this.write(v);
      return v;
    }
    throw this.fail(`expected a string, finite number or boolean, got ${describe(v)}`);
  }

  /** An object of clauses; each key a field name, $and or $or (several keys: all must hold). */
  clauses(obj, field) {
    if (!isPlainObject(obj)) throw this.fail(`expected a where object, got ${describe(obj)}`);
    this.text += '{';
    const parts = [];
    Object.keys(obj).forEach((key, i) => {
      if (i > 0) this.text += ',';
      if (key !== '$and' && key !== '$or' && (key.startsWith('$') || key === '')) {
        throw this.fail(key === '' ? 'expected a non-empty field name' : `expected a field name, $and or $or (unknown operator ${key})`);
      }
      this.write(key);
      this.text += ':';
      if (key === '$and' || key === '$or') {
        const list = obj[key];
        if (!Array.isArray(list) || list.length === 0) throw this.fail(`expected a non-empty array of where objects after ${key}`);
        this.text += '[';
        const inner = list.map((item, j) => {
          if (j > 0) this.text += ',';
          return this.clauses(item, field);
        });
        this.text += ']';
        // null: a clause that matches everything ({}).
        const kept = inner.filter((q) => q !== null);
        if (key === '$and') parts.push(kept.length === 0 ? null : and(kept));
        else parts.push(kept.length < inner.length ? null : or(inner));
      } else {
        parts.push(field(key, obj[key]));
      }
    });
    this.text += '}';
    const kept = parts.filter((q) => q !== null);
    return kept.length === 0 ? null : and(kept);
  }
}

/** One leaf: field `key`, operator, literal. */
function compare(key, op, v) {
  const kind = typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'boolean';
  const f = metadataField(key, kind);
  switch (op) {
    case '$eq':
      return term(f, v);
    case '$ne':
      return { bool: { must: [exists(f)], must_not: [term(f, v)] } };
    case '$gt': case '$gte': case '$lt': case '$lte': {
      const bound = kind === 'string' ? quoted(v) : String(v);
      const open = op === '$gt' || op === '$lt';
      const range = op === '$gt' || op === '$gte'
        ? `${open ? '{' : '['}${bound} TO *]`
        : `[* TO ${bound}${open ? '}' : ']'}`;
      return { lucene: { query: `${f}:${range}` } };
    }
    case '$contains':
      if (kind !== 'string') return NOTHING;
      return or([
        v === '' ? exists(f) : { lucene: { query: `${f}:*${escapeTerm(v)}*` } },
        term(metadataField(key, 'strings'), v),
      ]);
    default:
      throw new Error(`unknown operator ${op}`);
  }
}

/** $in: a scalar equal to one of the values, or a string list sharing one. */
function inSet(key, values) {
  const parts = [];
  const strings = values.filter((v) => typeof v === 'string');
  const numbers = values.filter((v) => typeof v === 'number');
  const booleans = [...new Set(values.filter((v) => typeof v === 'boolean'))];
  if (strings.length > 0) {
    parts.push(terms(metadataField(key, 'string'), strings), terms(metadataField(key, 'strings'), strings));
  }
  if (numbers.length > 0) parts.push(terms(metadataField(key, 'number'), numbers.map(String)));
  for (const b of booleans) parts.push(term(metadataField(key, 'boolean'), b));
  return parts.length === 0 ? NOTHING : or(parts);
}

const SEPARATORS = [',', '|', ';', '\t', ' ', '#', '~'];

/** Solr's terms parser (one set query, no boolean-clause limit), with a separator no value contains. */
function terms(f, values) {
  const unique = [...new Set(values)];
  if (unique.length === 1) return term(f, unique[0]);
  const separator = SEPARATORS.find((s) => unique.every((v) => !v.includes(s)));
  if (separator === undefined) return or(unique.map((v) => term(f, v)));
  return { terms: { f, query: unique.join(separator), separator } };
}

/** Records whose id is one of `ids`. */
export function idsFilter(ids) {
  return terms(F.id, ids);
}

/**
 * The filter query (JSON Query DSL object) for a where object, or null when it matches everything.
 * EdgeVec filter strings and Filter expressions have no translation: NOT_SUPPORTED.
 */
export function whereFilter(where) {
  if (typeof where === 'string' || (where !== null && typeof where === 'object' && !isPlainObject(where) && !Array.isArray(where))) {
    throw new TeaVecError('NOT_SUPPORTED', 'a SolrCollection filters with Chroma where objects (e.g. { pos: { $in: '
      + "['n', 'v'] } }); EdgeVec filter strings and Filter expressions are not translated to Solr");
  }
  const r = new Reader();
  return r.clauses(where, (key, value) => {
    if (!isPlainObject(value)) return compare(key, '$eq', r.scalar(value));
    if (Object.keys(value).length === 0) throw r.fail('expected an operator ($eq $ne $gt $gte $lt $lte $in $nin $contains)');
    r.text += '{';
    const parts = Object.keys(value).map((op, i) => {
      if (i > 0) r.text += ',';
      const operand = value[op];
      switch (op) {
        case '$eq': case '$ne': case '$contains':
          r.write(op); r.text += ':';
          return compare(key, op, r.scalar(operand));
        case '$gt': case '$gte': case '$lt': case '$lte':
          r.write(op); r.text += ':';
          if (typeof operand !== 'string' && typeof operand !== 'number') throw r.fail(`expected a number or string after ${op}`);
          return compare(key, op, r.scalar(operand));
        case '$in': case '$nin': {
          r.write(op); r.text += ':';
          if (!Array.isArray(operand)) throw r.fail(`expected an array after ${op}`);
          r.text += '[';
          const values = operand.map((item, j) => {
            if (j > 0) r.text += ',';
            const v = r.scalar(item);
            if (typeof v === 'string') checkTerm(v, `${op} of ${JSON.stringify(key)}`);
            return v;
          });
          r.text += ']';
          const matches = inSet(key, values);
          return op === '$in' ? matches : { bool: { must: [keyPresent(key)], must_not: [matches] } };
        }
        default:
          throw r.fail(`expected an operator ($eq $ne $gt $gte $lt $lte $in $nin $contains), got ${op}`);
      }
    });
    r.text += '}';
    return and(parts);
  });
}

/**
 * The filter query for a whereDocument object: `{ $contains: text }` and `{ $not_contains: text }` match
 * the words of `text`, in order, in the document (case-folded, Solr's standard tokenizer), combined with
 * `$and` / `$or`. Regular expressions have no translation (NOT_SUPPORTED).
 */
export function whereDocumentFilter(whereDocument) {
  const r = new Reader();
  const read = (obj) => {
    if (!isPlainObject(obj) || Object.keys(obj).length !== 1) {
      throw r.fail(`expected a whereDocument object with one operator ($contains, $not_contains, $and, $or), got ${describe(obj)}`);
    }
    const [op] = Object.keys(obj);
    const operand = obj[op];
    r.text += '{';
    r.write(op);
    r.text += ':';
    let q;
    if (op === '$contains' || op === '$not_contains') {
      if (typeof operand !== 'string' || operand.length === 0) throw r.fail(`expected a non-empty string after ${op}`);
      r.write(operand);
      const match = { field: { f: F.documentText, query: operand } };
      q = op === '$contains' ? match : not(match);
    } else if (op === '$and' || op === '$or') {
      if (!Array.isArray(operand) || operand.length === 0) throw r.fail(`expected a non-empty array after ${op}`);
      r.text += '[';
      const parts = operand.map((item, i) => {
        if (i > 0) r.text += ',';
        return read(item);
      });
      r.text += ']';
      q = op === '$and' ? and(parts) : or(parts);
    } else if (op === '$regex' || op === '$not_regex') {
      throw r.fail(`${op} is not supported by SolrCollection: Solr matches the words of documents, not regular `
        + 'expressions over their text; use $contains', 'NOT_SUPPORTED');
    } else {
      throw r.fail(`expected $contains, $not_contains, $and or $or, got ${op}`);
    }
    r.text += '}';
    return q;
  };
  return read(whereDocument);
}
