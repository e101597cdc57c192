// Embedding functions by name, so that a saved collection can re-attach the function it was made with:
// a collection stores its function's `name` and `getConfig()`, and on reopening asks a registry to build
// the function from them.
import { TeaVecError } from './errors.js';

function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Whether `v` is made of null, booleans, finite numbers, strings, arrays and plain objects only. */
function isJsonValue(v, depth) {
  if (depth > 32) return false;
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJsonValue(x, depth + 1));
  return isPlainObject(v) && Object.values(v).every((x) => isJsonValue(x, depth + 1));
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}$/;

function checkName(name) {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new TeaVecError('INVALID_ARGUMENT', 'an embedding function name must be 1-128 characters of letters, '
      + `digits and . _ : / @ - (starting with a letter or digit), got ${JSON.stringify(name)}`);
  }
}

/**
 * Factories of embedding functions by name. A factory is `(config) => embeddingFunction`, or a class
 * with a static `buildFromConfig(config)` (Chroma's convention). `new EmbeddingFunctionRegistry()` makes
 * an isolated registry; teavec/embeddings exports one shared instance as its default export.
 */
export class EmbeddingFunctionRegistry {
  #factories;

  /** `factories`: the table to keep them in (the shared registry's lives in the core bundle); a new one by default. */
  constructor(factories = new Map()) {
    this.#factories = factories;
  }

  /** Registers `factory` under `name`; a name already taken is INVALID_ARGUMENT (unregister it first). */
  register(name, factory) {
    checkName(name);
    if (typeof factory !== 'function' && typeof factory?.buildFromConfig !== 'function') {
      throw new TeaVecError('INVALID_ARGUMENT', `the factory for embedding function "${name}" must be a function `
        + '(config) => embeddingFunction or a class with static buildFromConfig(config)');
    }
    if (this.#factories.has(name)) {
      throw new TeaVecError('INVALID_ARGUMENT', `an embedding function "${name}" is already registered`);
    }
    this.#factories.set(name, factory);
    return this;
  }

  /** Removes `name`; false when it was not registered. */
  unregister(name) {
    return this.#factories.delete(name);
  }

  has(name) {
    return this.#factories.has(name);
  }

  /** Registered names, in registration order. */
  names() {
    return [...this.#factories.keys()];
  }

  /**
   * The embedding function `name` built from `config` (what its `getConfig()` returned). An unknown
   * name is NOT_FOUND, saying how to register it; a factory that throws or returns something without
   * `generate` is EMBEDDING_FAILED.
   */
  build(name, config = {}) {
    const factory = this.#factories.get(name);
    if (factory === undefined) {
      const known = this.names();
      throw new TeaVecError('NOT_FOUND', `no embedding function "${name}" is registered (registered: `
        + `${known.length ? known.map((n) => `"${n}"`).join(', ') : 'none'}); call registerEmbeddingFunction("${name}", `
        + 'factory) from teavec/embeddings first, or pass the function itself');
    }
    let ef;
    try {
      ef = typeof factory.buildFromConfig === 'function' ? factory.buildFromConfig(config) : factory(config);
    } catch (e) {
      const error = new TeaVecError('EMBEDDING_FAILED', `the factory of embedding function "${name}" failed: ${e?.message ?? e}`);
      error.cause = e;
      throw error;
    }
    if (ef === null || typeof ef !== 'object' || typeof ef.generate !== 'function') {
      throw new TeaVecError('EMBEDDING_FAILED', `the factory of embedding function "${name}" returned no object with generate(texts)`);
    }
    return ef;
  }

  /**
   * What a collection stores to rebuild `ef` later: `{ name, config }`. The name is `ef.name`; the
   * config is `ef.getConfig()` (or `{}`), which must survive JSON unchanged. INVALID_ARGUMENT otherwise.
   */
  static describe(ef) {
    if (ef === null || typeof ef !== 'object' || typeof ef.generate !== 'function') {
      throw new TeaVecError('INVALID_ARGUMENT', 'an embedding function must be an object with generate(texts)');
    }
    checkName(ef.name);
    const config = typeof ef.getConfig === 'function' ? ef.getConfig() : {};
    if (!isPlainObject(config) || !isJsonValue(config, 0)) {
      throw new TeaVecError('INVALID_ARGUMENT', `getConfig() of embedding function "${ef.name}" must return a plain `
        + 'object of JSON values (no functions, undefined, non-finite numbers, cycles or class instances)');
    }
    const json = JSON.stringify(config);
    return { name: ef.name, config: JSON.parse(json) };
  }
}
