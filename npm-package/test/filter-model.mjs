// A brute-force model of filters for the tests: random metadata records, random filter trees, the
// tree written in both grammars (EdgeVec strings, Chroma where objects), and a JS evaluation of the
// tree written from the documented semantics (not from the engine's code).
import { rng } from './helpers.mjs';

const CATS = ['gpu', 'cpu', 'ram', 'ssd'];
const TAGS = ['new', 'sale', 'hot', 'eco'];
const NAMES = ['alpha', 'beta', 'gamma', 'Alpha', 'al_pha', 'beta%', 'o\'neil', 'say "hi"', 'back\\slash', 'ünï'];

/** Helpers over one seeded random stream. */
export function randomTools(seed) {
  const r = rng(seed);
  const int = (n) => Math.floor(r() * n);
  const pick = (xs) => xs[int(xs.length)];
  const chance = (p) => r() < p;
  return { r, int, pick, chance };
}

/** A random metadata record; some fields missing or null so that the missing-field rules get exercised. */
export function randomRecord(t) {
  if (t.chance(0.05)) return null;
  const rec = {};
  const maybe = (key, make) => {
    if (t.chance(0.1)) return;
    rec[key] = t.chance(0.05) ? null : make();
  };
  maybe('cat', () => t.pick(CATS));
  maybe('price', () => (t.chance(0.5) ? t.int(100) : Math.round(t.r() * 10000) / 100));
  maybe('active', () => t.chance(0.5));
  maybe('tags', () => TAGS.filter(() => t.chance(0.4)));
  maybe('name', () => `${t.pick(NAMES)}${t.chance(0.5) ? t.int(20) : ''}`);
  // A field whose type varies between records: comparisons across types must be false.
  maybe('mixed', () => (t.chance(0.5) ? t.int(10) : String(t.int(10))));
  return rec;
}

const STRING_FIELDS = ['cat', 'name', 'mixed'];
const ORDER_FIELDS = ['price', 'name', 'cat', 'mixed'];
const ALL_FIELDS = ['cat', 'price', 'active', 'tags', 'name', 'mixed', 'absent'];

function scalarFor(t, field) {
  switch (field) {
    case 'cat': return t.pick([...CATS, 'none']);
    case 'price': return t.chance(0.5) ? t.int(100) : Math.round(t.r() * 10000) / 100;
    case 'active': return t.chance(0.5);
    case 'tags': return t.pick(TAGS);
    case 'name': return `${t.pick(NAMES)}${t.chance(0.3) ? t.int(20) : ''}`;
    case 'mixed': return t.chance(0.5) ? t.int(10) : String(t.int(10));
    default: return t.pick([1, 'x', true]);
  }
}

function orderable(t, field) {
  const v = scalarFor(t, field);
  return typeof v === 'boolean' ? t.int(50) : v;
}

function likePattern(t) {
  const base = t.pick(NAMES).slice(0, 1 + t.int(3));
  return t.pick([`${base}%`, `%${base.slice(-1)}%`, `_${base.slice(1)}%`, `%${t.int(10)}`, base, '%', `${base}_`]);
}

/** Leaf makers by operator name; each returns a tree node. */
export const LEAVES = {
  eq: (t) => { const field = t.pick(ALL_FIELDS); return { op: 'eq', field, value: scalarFor(t, field) }; },
  ne: (t) => { const field = t.pick(ALL_FIELDS); return { op: 'ne', field, value: scalarFor(t, field) }; },
  lt: (t) => { const field = t.pick(ORDER_FIELDS); return { op: 'lt', field, value: orderable(t, field) }; },
  le: (t) => { const field = t.pick(ORDER_FIELDS); return { op: 'le', field, value: orderable(t, field) }; },
  gt: (t) => { const field = t.pick(ORDER_FIELDS); return { op: 'gt', field, value: orderable(t, field) }; },
  ge: (t) => { const field = t.pick(ORDER_FIELDS); return { op: 'ge', field, value: orderable(t, field) }; },
  in: (t) => { const field = t.pick(ALL_FIELDS); return { op: 'in', field, values: Array.from({ length: 1 + t.int(3) }, () => scalarFor(t, field)) }; },
  notIn: (t) => { const field = t.pick(ALL_FIELDS); return { op: 'notIn', field, values: Array.from({ length: 1 + t.int(3) }, () => scalarFor(t, field)) }; },
  between: (t) => {
    const field = t.pick(['price', 'name', 'mixed']);
    const a = orderable(t, field);
    let b = orderable(t, field);
    if (typeof b !== typeof a) b = a;
    return { op: 'between', field, lo: a < b ? a : b, hi: a < b ? b : a };
  },
  contains: (t) => {
    const field = t.pick(['name', 'tags', 'cat', 'price']);
    const value = field === 'tags' ? t.pick(TAGS) : t.pick(['a', 'al', 'et', '%', '"', 'ü', '1', 'gp']);
    return { op: 'contains', field, value };
  },
  startsWith: (t) => ({ op: 'startsWith', field: t.pick(STRING_FIELDS), value: t.pick(['al', 'A', 'be', 'o\'', 'g', '1']) }),
  endsWith: (t) => ({ op: 'endsWith', field: t.pick(STRING_FIELDS), value: t.pick(['a', '1', '%', 'u', 'hi"', 'pu']) }),
  like: (t) => ({ op: 'like', field: t.pick(STRING_FIELDS), value: likePattern(t) }),
  isNull: (t) => ({ op: 'isNull', field: t.pick(ALL_FIELDS) }),
  isNotNull: (t) => ({ op: 'isNotNull', field: t.pick(ALL_FIELDS) }),
};

/** Operators Chroma's where objects can express. */
export const WHERE_LEAVES = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in', 'notIn', 'contains', 'between'];

/** A random tree of depth ≤ `depth` over `leaves`; `not` only when `withNot`. */
export function randomTree(t, depth, leaves, withNot = true) {
  if (depth === 0 || t.chance(0.4)) return LEAVES[t.pick(leaves)](t);
  const kind = t.pick(withNot ? ['and', 'or', 'not'] : ['and', 'or']);
  if (kind === 'not') return { op: 'not', child: randomTree(t, depth - 1, leaves, withNot) };
  return { op: kind, children: Array.from({ length: 2 + t.int(2) }, () => randomTree(t, depth - 1, leaves, withNot)) };
}

// ---- evaluation ---------------------------------------------------------------------------------

const present = (rec, field) => (rec == null || rec[field] === undefined || rec[field] === null ? undefined : rec[field]);
const sameType = (a, b) => !Array.isArray(a) && typeof a === typeof b;
const orderedPair = (v, lit) => sameType(v, lit) && (typeof v === 'number' || typeof v === 'string');

function likeRegex(pattern) {
  const body = [...pattern].map((c) => (c === '%' ? '[\\s\\S]*' : c === '_' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'u');
}

function inSet(v, values) {
  if (Array.isArray(v)) return values.some((x) => typeof x === 'string' && v.includes(x));
  return values.some((x) => sameType(v, x) && x === v);
}

/** Whether `rec` matches `node`, by the documented (SQL-like) rules. */
export function evaluate(node, rec) {
  switch (node.op) {
    case 'and': return node.children.every((c) => evaluate(c, rec));
    case 'or': return node.children.some((c) => evaluate(c, rec));
    case 'not': return !evaluate(node.child, rec);
    default: break;
  }
  const v = present(rec, node.field);
  switch (node.op) {
    case 'isNull': return v === undefined;
    case 'isNotNull': return v !== undefined;
    default: if (v === undefined) return false;
  }
  const lit = node.value;
  switch (node.op) {
    case 'eq': return sameType(v, lit) && v === lit;
    case 'ne': return sameType(v, lit) && v !== lit;
    case 'lt': return orderedPair(v, lit) && v < lit;
    case 'le': return orderedPair(v, lit) && v <= lit;
    case 'gt': return orderedPair(v, lit) && v > lit;
    case 'ge': return orderedPair(v, lit) && v >= lit;
    case 'between': return orderedPair(v, node.lo) && v >= node.lo && v <= node.hi;
    case 'in': return inSet(v, node.values);
    case 'notIn': return !inSet(v, node.values);
    case 'contains': return typeof lit === 'string' && (typeof v === 'string' ? v.includes(lit) : Array.isArray(v) && v.includes(lit));
    case 'startsWith': return typeof v === 'string' && v.startsWith(lit);
    case 'endsWith': return typeof v === 'string' && v.endsWith(lit);
    case 'like': return typeof v === 'string' && likeRegex(lit).test(v);
    default: throw new Error(`unknown op ${node.op}`);
  }
}

// ---- rendering ----------------------------------------------------------------------------------

function quote(t, s) {
  const q = t.pick(['"', "'"]);
  return q + s.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`) + q;
}

function lit(t, v) {
  if (typeof v === 'string') return quote(t, v);
  if (typeof v === 'boolean') return t.pick([String(v), String(v).toUpperCase()]);
  return String(v);
}

function kw(t, word) {
  return t.pick([word, word.toLowerCase(), word[0] + word.slice(1).toLowerCase()]);
}

/** The tree in EdgeVec's string grammar, with random but equivalent spellings. */
export function toFilterString(t, node) {
  const f = node.field;
  const list = (values) => {
    const [open, close] = t.pick([['[', ']'], ['(', ')']]);
    return `${open}${values.map((v) => lit(t, v)).join(', ')}${close}`;
  };
  switch (node.op) {
    case 'and': return node.children.map((c) => `(${toFilterString(t, c)})`).join(` ${t.pick([kw(t, 'AND'), '&&'])} `);
    case 'or': return node.children.map((c) => `(${toFilterString(t, c)})`).join(` ${t.pick([kw(t, 'OR'), '||'])} `);
    case 'not': return `${t.pick([`${kw(t, 'NOT')} `, '!'])}(${toFilterString(t, node.child)})`;
    case 'eq': return `${f} ${t.pick(['=', '=='])} ${lit(t, node.value)}`;
    case 'ne': return `${f} != ${lit(t, node.value)}`;
    case 'lt': return `${f} < ${lit(t, node.value)}`;
    case 'le': return `${f} <= ${lit(t, node.value)}`;
    case 'gt': return `${f} > ${lit(t, node.value)}`;
    case 'ge': return `${f} >= ${lit(t, node.value)}`;
    case 'between': return `${f} ${kw(t, 'BETWEEN')} ${lit(t, node.lo)} ${kw(t, 'AND')} ${lit(t, node.hi)}`;
    case 'in': return `${f} ${kw(t, 'IN')} ${list(node.values)}`;
    case 'notIn': return `${f} ${kw(t, 'NOT')} ${kw(t, 'IN')} ${list(node.values)}`;
    case 'contains': return `${f} ${kw(t, 'CONTAINS')} ${lit(t, node.value)}`;
    case 'startsWith': return `${f} ${kw(t, 'STARTS_WITH')} ${lit(t, node.value)}`;
    case 'endsWith': return `${f} ${kw(t, 'ENDS_WITH')} ${lit(t, node.value)}`;
    case 'like': return `${f} ${kw(t, 'LIKE')} ${lit(t, node.value)}`;
    case 'isNull': return t.pick([`${f} ${kw(t, 'IS')} ${kw(t, 'NULL')}`, `${f} = null`]);
    case 'isNotNull': return t.pick([`${f} ${kw(t, 'IS')} ${kw(t, 'NOT')} ${kw(t, 'NULL')}`, `${f} != NULL`]);
    default: throw new Error(`unknown op ${node.op}`);
  }
}

const WHERE_OPS = { eq: '$eq', ne: '$ne', lt: '$lt', le: '$lte', gt: '$gt', ge: '$gte', in: '$in', notIn: '$nin', contains: '$contains' };

/** The tree as a Chroma where object (trees built from WHERE_LEAVES without `not`). */
export function toWhere(t, node) {
  switch (node.op) {
    case 'and': return { $and: node.children.map((c) => toWhere(t, c)) };
    case 'or': return { $or: node.children.map((c) => toWhere(t, c)) };
    case 'between': return { [node.field]: { $gte: node.lo, $lte: node.hi } };
    case 'eq': if (t.chance(0.5)) return { [node.field]: node.value };
    // falls through
    default:
      if (!WHERE_OPS[node.op]) throw new Error(`no where form for ${node.op}`);
      return { [node.field]: { [WHERE_OPS[node.op]]: node.values ?? node.value } };
  }
}
