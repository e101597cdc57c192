// Loads teavec-wal.wasm, the write-ahead log's own module (js-bindings wal/WalModule), on first use: code
// that never opens a database by name never fetches it. Same loader as the engine (no eval), same @JSBody table.
import { instantiate } from './loader.js';
import jsBodies from './generated/jsbodies.js';
import { compileFrom } from './init.js';
import { TeaVecError } from './errors.js';

const API_VERSION = 1;
let pending = null;

/**
 * The log module's exports. `source` (first call only): what init() takes for teavec.wasm, for teavec-wal.wasm
 * (a precompiled WebAssembly.Module where bytes cannot be compiled); by default the file next to this module.
 */
export function loadWal(source = undefined) {
  pending ??= (async () => {
    const module = await compileFrom(await (source ?? new URL('./teavec-wal.wasm', import.meta.url)));
    const exports = await instantiate(module, jsBodies);
    if (exports.apiVersion() !== API_VERSION) {
      throw new TeaVecError('LOAD_FAILED', `teavec-wal.wasm speaks API ${exports.apiVersion()}, this JS expects ${API_VERSION}`);
    }
    return exports;
  })().catch((e) => {
    pending = null;
    throw e;
  });
  return pending;
}
