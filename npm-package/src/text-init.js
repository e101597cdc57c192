// teavec-text.wasm, full-text search's own module (js-bindings text/TextModule), loaded by the first text query.
import { sideModule } from './side-module.js';

export const loadText = sideModule('teavec-text.wasm', () => new URL('./teavec-text.wasm', import.meta.url), 2,
  'where Wasm cannot be compiled from bytes (Cloudflare Workers) import teavec/teavec-text.wasm as a module and pass it '
  + 'to init({ module, text })');
