// Typings of `teavec/quantization`: the engine with every vector encoding (docs/quantization.md).
import type { InitInput, TeaVecEngine } from './index.js';

/**
 * Loads `teavec-quantization.wasm` (the engine with `quantization: 'float16' | 'sq4' | 'binary' | 'pq'` besides
 * `'none'` and `'sq8'`) as TeaVec's engine. Takes what teavec's `init()` takes, for this engine's files: in
 * Cloudflare Workers pass the precompiled `teavec/teavec-quantization.wasm` as `module` and
 * `teavec/teavec-quantization-simd.wasm` as `simd`. Call it instead of teavec's `init()`, before anything else
 * loads the engine: `LOAD_FAILED` if teavec's `init()` loaded the core engine first.
 */
export default function init(input?: InitInput): Promise<TeaVecEngine>;
export { init };
