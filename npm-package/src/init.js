import { instantiate } from './loader.js';
import jsBodies from './generated/jsbodies.js';
import { SIMD_SECTION } from './simd-section.js';
import { TeaVecError } from './errors.js';
import { API_VERSION, wrap } from './engine.js';

let engine = null;
/** The module's exports behind src/engine.js's wrapper: what the package calls. */
let calls = null;
let pending = null;
let backend = null;

const isNode = () => typeof process !== 'undefined' && !!process.versions?.node;

function defaultWasmUrl() {
  return new URL('./teavec.wasm', import.meta.url);
}

// The JS string builtins (Chromium 130+, Node 22, Firefox 134+): strings cross between JS and the engine in bulk.
// A runtime without them ignores the option and the loader's wasm:js-string imports serve (loader.js).
const BUILTINS = { builtins: ['js-string'] };

/** A WebAssembly.Module from a Module, bytes, a Response, a URL or a path (also used for teavec-wal.wasm). */
export async function compileFrom(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return WebAssembly.compile(source, BUILTINS);
  }
  if (typeof Response !== 'undefined' && source instanceof Response) {
    if (typeof WebAssembly.compileStreaming === 'function'
        && source.headers.get('content-type')?.startsWith('application/wasm')) {
      return WebAssembly.compileStreaming(source, BUILTINS);
    }
    return WebAssembly.compile(await source.arrayBuffer(), BUILTINS);
  }
  if (typeof source === 'string' || source instanceof URL) {
    const url = source instanceof URL ? source : new URL(source, globalThis.location?.href ?? 'file:///');
    if (url.protocol === 'file:' && isNode()) {
      return WebAssembly.compile(await (await (await import('./files.js')).nodePlatform('init() from a file')).readFileBytes(url), BUILTINS);
    }
    const response = await fetch(url);
    // A dev server answers a file the bundler did not emit with its index.html: as bad as a 404.
    const html = response.headers.get('content-type')?.startsWith('text/html');
    if (!response.ok || html) {
      throw new TeaVecError('LOAD_FAILED', `could not fetch ${url}: ${html ? 'an HTML page came back' : `HTTP ${response.status}`}; `
        + 'is the .wasm beside the bundle? See "Bundlers" in the teavec README');
    }
    return compileFrom(response);
  }
  throw new TeaVecError('LOAD_FAILED',
    'init() takes nothing, { module }, a WebAssembly.Module, bytes, a Response, a URL or a path');
}

function isOptions(x) {
  return x !== null && typeof x === 'object' && ('module' in x || 'module_or_path' in x || 'simd' in x || 'text' in x);
}

/**
 * Kernels given as Wasm bytes, compiled; null where this runtime has no Wasm SIMD128 or compiles no bytes
 * (Workers, which only instantiate precompiled modules: they pass the .wasm as `init({ simd })`).
 */
async function compileKernels(bytes) {
  if (!WebAssembly.validate(bytes)) return null;
  try {
    return await WebAssembly.compile(bytes);
  } catch {
    return null;
  }
}

/**
 * The compiled SIMD kernels, or null for the scalar ones: `simd` false forces scalar; a
 * WebAssembly.Module is taken as the kernels (Workers, which cannot compile bytes, import
 * `teavec/teavec-simd.wasm`); otherwise the kernels carried in the engine module's SIMD_SECTION are used
 * where this runtime may compile them (an engine module without that section runs the scalar ones).
 */
async function simdModuleFor(simd, module) {
  if (simd === false || simd === null) return null;
  if (simd instanceof WebAssembly.Module) return simd;
  if (simd !== undefined && simd !== true) {
    throw new TeaVecError('LOAD_FAILED', 'init({ simd }) takes true, false or the WebAssembly.Module of teavec-simd.wasm');
  }
  const [kernels] = WebAssembly.Module.customSections(module, SIMD_SECTION);
  return kernels ? compileKernels(new Uint8Array(kernels)) : null;
}

async function load(input) {
  let source = input;
  let simd;
  let text;
  if (isOptions(source)) {
    simd = source.simd;
    text = source.text;
    source = source.module ?? source.module_or_path;
  }
  source = await (source ?? defaultWasmUrl());
  const module = await compileFrom(source);
  const simdModule = await simdModuleFor(simd, module);
  const exports = await instantiate(module, jsBodies, simdModule);
  backend = simdModule ? 'simd' : 'scalar';
  // Both numbers come from the engine's EngineApi.API_VERSION: this JS was generated from a .wasm of its version.
  if (exports.apiVersion() !== API_VERSION) {
    throw new TeaVecError('LOAD_FAILED', `teavec.wasm speaks API ${exports.apiVersion()}, this JS was built for ${API_VERSION}: `
      + 'use the teavec.wasm of this package version');
  }
  // Workers cannot compile bytes: full-text search's module comes precompiled too, handed to its loader now.
  if (text !== undefined) await (await import('./text-init.js')).loadText(text);
  return exports;
}

/**
 * Loads the engine. With no argument it loads `teavec.wasm` next to this module (read from disk in
 * Node, fetched in a browser). Also takes `{ module }` (a precompiled WebAssembly.Module, as Cloudflare
 * Workers provide), a Module, bytes, a Response, a URL or a path. Options may add `simd`: false to use
 * the scalar kernels, or the precompiled module of `teavec-simd.wasm` where bytes cannot be compiled;
 * by default the SIMD kernels are used wherever the runtime supports Wasm SIMD; and `text`: the precompiled
 * module of `teavec-text.wasm` (full-text search) where bytes cannot be compiled. Calling it again is harmless.
 */
export default async function init(input) {
  if (engine) return engine;
  if (!pending) {
    pending = load(input).then((e) => {
      calls = wrap('module', e);
      engine = e;
      return e;
    }, (e) => {
      pending = null;
      throw e;
    });
  }
  return pending;
}

/** 'simd' or 'scalar': the distance kernels the engine loaded; null before init(). */
export function simdBackend() {
  return backend;
}

/** The engine's module calls (src/engine.js): errors as TeaVecErrors, results decoded; NOT_INITIALIZED before init(). */
export function requireEngine() {
  if (!calls) {
    throw new TeaVecError('NOT_INITIALIZED', 'call `await init()` before creating an index');
  }
  return calls;
}
