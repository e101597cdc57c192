// Index types written in JavaScript, registered by name (registerIndexType) and used by the engine like
// its own: a collection or EdgeVec whose indexType names one asks it for candidates, and the engine keeps
// ids, tombstones, the vectors, exact ranking, filters, compaction and snapshots (README, "Custom index
// types"). The engine reads this registry at each create and load (`indexTypeTable`); nothing else does.
import { TeaVecError } from './errors.js';
import { describe } from './validate.js';

const BUILT_IN = ['auto', 'flat', 'hnsw'];
// The engine's rule (IndexTypes.isName): names go into configs, snapshots and messages.
const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const registered = new Map();

/**
 * Registers an index type under `name`: `factory({ dimensions, metric, seed, state?, version? })` returns
 * an index `{ add(id, vector), remove(id), search(query, k, { budget, filter }), toBytes() }`. `state` and
 * `version` come with a snapshot: the bytes its `toBytes()` returned and `options.version` when they were
 * written. Registering a name again replaces its factory for indexes made or loaded afterwards.
 */
export function registerIndexType(name, factory, options = undefined) {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new TeaVecError('INVALID_ARGUMENT', 'an index type name takes 1..64 characters a-z, 0-9, \'.\', \'_\', \'-\' '
      + `and starts with a letter or digit, got ${describe(name)}`);
  }
  if (BUILT_IN.includes(name)) {
    throw new TeaVecError('INVALID_ARGUMENT', `'${name}' is a built-in index type; register yours under another name`);
  }
  if (typeof factory !== 'function') {
    throw new TeaVecError('INVALID_ARGUMENT', `registerIndexType('${name}', factory) needs a function, got ${describe(factory)}`);
  }
  const version = options?.version ?? 1;
  if (!Number.isInteger(version) || version < 1 || version > 0xffff) {
    throw new TeaVecError('INVALID_ARGUMENT', `options.version must be an integer in 1..65535, got ${describe(version)}`);
  }
  registered.set(name, entry(name, factory, version));
}

/** Whether `name` could name an index type: the engine says whether it is registered (UNKNOWN_INDEX_TYPE). */
export function isIndexTypeName(name) {
  return typeof name === 'string' && NAME.test(name);
}

/** What the engine reads (dev.teavec.bindings.types.JsIndexTypeTable). */
export const indexTypeTable = Object.freeze({
  names: () => [...registered.keys()].join(','),
  find: (name) => registered.get(name) ?? null,
});

function entry(name, factory, version) {
  return {
    version: () => version,
    create(dimensions, metric, seed, state, stateVersion) {
      const options = { dimensions, metric, seed };
      if (state != null) {
        options.state = new Uint8Array(state.buffer, state.byteOffset, state.byteLength);
        options.version = stateVersion;
      }
      const index = factory(options);
      for (const method of ['add', 'remove', 'search']) {
        if (typeof index?.[method] !== 'function') {
          throw new TeaVecError('INVALID_ARGUMENT', `index type '${name}': its factory must return an object with `
            + `add, remove and search methods; ${method} is ${describe(index?.[method])}`);
        }
      }
      return instance(name, index);
    },
  };
}

/** The user's index as the engine calls it: vectors and queries as Float32Array, candidates checked here. */
function instance(name, index) {
  return {
    add(id, vector) {
      index.add(id, vector);
    },
    remove(id) {
      index.remove(id);
    },
    search(query, k, budget, accept) {
      const filter = accept == null ? undefined : (id) => accept(id) === true;
      return candidates(name, index.search(query, k, { budget, filter }));
    },
    state() {
      if (typeof index.toBytes !== 'function') {
        throw new TeaVecError('INVALID_ARGUMENT', `index type '${name}' has no toBytes(): an index of it cannot be saved`);
      }
      const bytes = index.toBytes();
      if (bytes instanceof ArrayBuffer) return new Int8Array(bytes);
      if (!ArrayBuffer.isView(bytes)) {
        throw new TeaVecError('INVALID_ARGUMENT', `index type '${name}': toBytes() must return a Uint8Array, got ${describe(bytes)}`);
      }
      return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}

function candidates(name, found) {
  const list = Array.isArray(found) || ArrayBuffer.isView(found) ? found : found == null ? null : Array.from(found);
  if (list === null) {
    throw new TeaVecError('INVALID_ARGUMENT', `index type '${name}': search() must return candidate ids, got ${describe(found)}`);
  }
  const out = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const id = list[i];
    if (!Number.isInteger(id) || id < 0 || id > 0x7fffffff) {
      throw new TeaVecError('INVALID_ARGUMENT', `index type '${name}': search() must return candidate ids `
        + `(non-negative integers), got ${describe(id)} at position ${i}`);
    }
    out[i] = id;
  }
  return out;
}
