import { instantiate } from './loader.js';
import jsBodies from './generated/jsbodies.js';
import { TeaVecError } from './errors.js';

const API_VERSION = 2;
let engine = null;
let pending = null;

const isNode = () => typeof process !== 'undefined' && !!process.versions?.node;

function defaultWasmUrl() {
  return new URL('./teavec.wasm', import.meta.url);
}

async function compileFrom(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return WebAssembly.compile(source);
  }
  if (typeof Response !== 'undefined' && source instanceof Response) {
    if (typeof WebAssembly.compileStreaming === 'function'
        && source.headers.get('content-type')?.startsWith('application/wasm')) {
      return WebAssembly.compileStreaming(source);
    }
    return WebAssembly.compile(await source.arrayBuffer());
  }
  if (typeof source === 'string' || source instanceof URL) {
    const url = source instanceof URL ? source : new URL(source, globalThis.location?.href ?? 'file:///');
    if (url.protocol === 'file:' && isNode()) {
      const { readFile } = await import('node:fs/promises');
      return WebAssembly.compile(await readFile(url));
    }
    const response = await fetch(url);
    if (!response.ok) {
      throw new TeaVecError('LOAD_FAILED', `could not fetch ${url}: HTTP ${response.status}`);
    }
    return compileFrom(response);
  }
  throw new TeaVecError('LOAD_FAILED',
    'init() takes nothing, { module }, a WebAssembly.Module, bytes, a Response, a URL or a path');
}

async function load(input) {
  let source = input;
  if (source && typeof source === 'object' && ('module' in source || 'module_or_path' in source)) {
    source = source.module ?? source.module_or_path;
  }
  source = await (source ?? defaultWasmUrl());
  const module = await compileFrom(source);
  const exports = await instantiate(module, jsBodies);
  if (exports.apiVersion() !== API_VERSION) {
    throw new TeaVecError('LOAD_FAILED', `teavec.wasm speaks API ${exports.apiVersion()}, this JS expects ${API_VERSION}`);
  }
  return exports;
}

/**
 * Loads the engine. With no argument it loads `teavec.wasm` next to this module (read from disk in
 * Node, fetched in a browser). Also takes `{ module }` (a precompiled WebAssembly.Module, as Cloudflare
 * Workers provide), a Module, bytes, a Response, a URL or a path. Calling it again is harmless.
 */
export default async function init(input) {
  if (engine) return engine;
  if (!pending) {
    pending = load(input).then((e) => (engine = e), (e) => {
      pending = null;
      throw e;
    });
  }
  return pending;
}

export function requireEngine() {
  if (!engine) {
    throw new TeaVecError('NOT_INITIALIZED', 'call `await init()` before creating an index');
  }
  return engine;
}
