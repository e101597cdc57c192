// Loads one of the engine's side modules (teavec-wal.wasm, teavec-text.wasm) on first use: code that never
// needs it never fetches it. Same loader as the engine (no eval), same @JSBody table.
import { instantiate } from './loader.js';
import coreBodies from './generated/jsbodies.js';
import sideBodies from './generated/jsbodies-side.js';
import { compileFrom } from './init.js';
import { TeaVecError } from './errors.js';

// The engine's snippets and the ones only side modules run (kept out of the core bundle).
const jsBodies = new Map([...coreBodies, ...sideBodies]);

/**
 * A loader of the module `file` that speaks API `apiVersion`. `locate()` gives its URL (written as
 * `new URL('./file.wasm', import.meta.url)` in the caller, where bundlers look for it). The loader takes, on
 * its first call only, what init() takes for teavec.wasm (a precompiled WebAssembly.Module where bytes
 * cannot be compiled); a failed load is tried again by the next call. `hint`: what to do when it cannot be fetched.
 */
export function sideModule(file, locate, apiVersion, hint = '') {
  let pending = null;
  return (source = undefined) => {
    pending ??= (async () => {
      let module;
      try {
        module = await compileFrom(await (source ?? locate()));
      } catch (e) {
        if (e instanceof TeaVecError) throw e;
        // Workers, for one, compile no bytes and fetch no files: the module must come precompiled.
        throw new TeaVecError('LOAD_FAILED', `could not load ${file} (${e?.message ?? e})${hint ? `; ${hint}` : ''}`);
      }
      const exports = await instantiate(module, jsBodies);
      if (exports.apiVersion() !== apiVersion) {
        throw new TeaVecError('LOAD_FAILED', `${file} speaks API ${exports.apiVersion()}, this JS expects ${apiVersion}`);
      }
      return exports;
    })().catch((e) => {
      pending = null;
      throw e;
    });
    return pending;
  };
}
