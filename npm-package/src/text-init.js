// Loads teavec-text.wasm, full-text search's own module (js-bindings text/TextModule), on first use: code that
// never searches by text never fetches it. Same loader as the engine (no eval), same @JSBody table.
import { instantiate } from './loader.js';
import jsBodies from './generated/jsbodies.js';
import { compileFrom } from './init.js';
import { TeaVecError } from './errors.js';

const API_VERSION = 1;
let pending = null;

/** The text module's exports; `source` (first call only) as loadWal's, by default the file next to this module. */
export function loadText(source = undefined) {
  pending ??= (async () => {
    const module = await compileFrom(await (source ?? new URL('./teavec-text.wasm', import.meta.url)));
    const exports = await instantiate(module, jsBodies);
    if (exports.apiVersion() !== API_VERSION) {
      throw new TeaVecError('LOAD_FAILED', `teavec-text.wasm speaks API ${exports.apiVersion()}, this JS expects ${API_VERSION}`);
    }
    return exports;
  })().catch((e) => {
    pending = null;
    throw e;
  });
  return pending;
}
