// The engine's calls as the package makes them, built from the engine's own description of its boundary
// (src/generated/engine.js, from js-bindings' EngineApi at build time). For each exported class there is
// one wrapper class whose methods call the engine, turn its coded exceptions into TeaVecErrors (attaching
// the filter text to INVALID_FILTER) and decode results by kind: packed hits by the engine's layout, ids
// as a Uint32Array, -1 as undefined, exported objects as their wrappers. Nothing here names a method.
import API from './generated/engine.js';
import { engineError } from './errors.js';

const RAW = Symbol('teavec.engineObject');
const { header: HEADER, hit: HIT, strategies: STRATEGIES } = API.layouts.hits;
const AT = Object.fromEntries(HEADER.map((name, i) => [name, i]));

/**
 * Hits packed as the engine's layout says: `{ results: [{ id, score }], visited, strategy, matched }`,
 * `strategy` named as the engine names it ('exact', 'graph', 'graphThenExact', 'unfiltered').
 */
export function decodeHits(packed) {
  const count = packed[AT.count];
  const results = new Array(count);
  for (let i = 0; i < count; i++) {
    const hit = {};
    for (let f = 0; f < HIT.length; f++) hit[HIT[f]] = packed[HEADER.length + i * HIT.length + f];
    results[i] = hit;
  }
  return { results, visited: packed[AT.visited], strategy: STRATEGIES[packed[AT.strategy]], matched: packed[AT.matched] };
}

const ids = (array) => new Uint32Array(array.buffer, array.byteOffset, array.length);
const optionalId = (id) => (id < 0 ? undefined : id);
const rejectAsTeaVecError = (promise) => promise.then(undefined, (e) => {
  throw engineError(e);
});

/** How a result of `kind` reaches callers; undefined: as the engine returned it. */
function decoderOf(kind) {
  if (kind === 'hits') return decodeHits;
  if (kind === 'ids') return ids;
  if (kind === 'id?') return optionalId;
  if (kind === 'promise') return rejectAsTeaVecError;
  const cls = kind.endsWith('?') ? kind.slice(0, -1) : kind;
  if (Object.hasOwn(API.classes, cls)) return (raw) => (raw === null || raw === undefined ? null : wrap(cls, raw));
  return undefined;
}

function method(name, { args, result }) {
  const decode = decoderOf(result);
  const filterAt = args.indexOf('filter');
  const objectsAt = args.flatMap((kind, i) => (Object.hasOwn(API.classes, kind) ? [i] : []));
  return function call(...values) {
    for (const i of objectsAt) values[i] = values[i]?.[RAW] ?? values[i];
    let out;
    try {
      out = this[RAW][name](...values);
    } catch (e) {
      throw engineError(e, filterAt < 0 ? undefined : values[filterAt]);
    }
    return decode ? decode(out) : out;
  };
}

function property(name) {
  return {
    get() {
      try {
        return this[RAW][name];
      } catch (e) {
        throw engineError(e);
      }
    },
  };
}

const WRAPPERS = Object.fromEntries(Object.entries(API.classes).map(([cls, spec]) => {
  const Wrapper = function EngineObject(raw) {
    this[RAW] = raw;
  };
  Object.defineProperty(Wrapper, 'name', { value: `Engine_${cls}` });
  for (const [name, m] of Object.entries(spec.methods)) Wrapper.prototype[name] = method(name, m);
  for (const name of Object.keys(spec.properties)) Object.defineProperty(Wrapper.prototype, name, property(name));
  return [cls, Wrapper];
}));

/** The wrapper of an engine object of class `cls` ('module' for the module's exports). */
export function wrap(cls, raw) {
  return new WRAPPERS[cls](raw);
}

/** The engine's API version this package was generated from (the loader checks the .wasm against it). */
export const API_VERSION = API.apiVersion;
