// teavec/quantization: the engine with every vector encoding (float16, sq4, binary, pq besides none and sq8),
// teavec-quantization.wasm, whose custom section carries its SIMD kernels (src/simd-section.js). Loaded instead of
// the core's teavec.wasm by calling this init() in place of teavec's; everything else (EdgeVec, openDatabase, the
// worker) is teavec's own API, run by this engine. Its own entry so that the core bundle carries none of it.
import coreInit, { EdgeVec, EdgeVecConfig, TeaVecError } from './index.js';

function quantizationWasmUrl() {
  return new URL('./teavec-quantization.wasm', import.meta.url);
}

/** Whether the engine teavec loaded holds the extended encodings (false: teavec's init() loaded the core's). */
function holdsExtendedEncodings() {
  let probe;
  try {
    const config = new EdgeVecConfig(1);
    config.quantization = 'float16';
    probe = new EdgeVec(config);
    return true;
  } catch (e) {
    if (e instanceof TeaVecError && e.code === 'NOT_SUPPORTED') return false;
    throw e;
  } finally {
    probe?.free?.();
  }
}

/**
 * Loads teavec-quantization.wasm as TeaVec's engine. Takes what teavec's init() takes (`{ module, simd, text }`,
 * a Module, bytes, a Response, a URL or a path), for this engine's .wasm: in Cloudflare Workers import
 * `teavec/teavec-quantization.wasm` and `teavec/teavec-quantization-simd.wasm` and pass them as `module` and
 * `simd`. Call it instead of teavec's init(), before anything else loads the engine; LOAD_FAILED if teavec's
 * init() has already loaded the core engine.
 */
export default async function init(input) {
  const isOptions = input !== null && typeof input === 'object'
    && ['module', 'module_or_path', 'simd', 'text'].some((key) => key in input);
  const { module_or_path: path, ...options } = isOptions ? input : { module: input };
  options.module ??= path;
  options.module ??= quantizationWasmUrl();
  const engine = await coreInit(options);
  if (!holdsExtendedEncodings()) {
    throw new TeaVecError('LOAD_FAILED', "teavec's init() loaded the core engine (teavec.wasm) first: call the init() of "
      + "teavec/quantization instead of teavec's, before any other use of TeaVec");
  }
  return engine;
}

export { init };
