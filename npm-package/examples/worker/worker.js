// A Cloudflare Worker answering vector searches. Workers forbid compiling Wasm from bytes and
// evaluating strings: the .wasm files are imported as modules and handed to init() precompiled (the
// engine, and its SIMD distance kernels; without the latter it runs on its scalar kernels).
import init, { EdgeVec, EdgeVecConfig, TeaVecError } from 'teavec';
import wasmModule from 'teavec/teavec.wasm';
import simdModule from 'teavec/teavec-simd.wasm';

let index = null;

async function getIndex() {
  if (index === null) {
    await init({ module: wasmModule, simd: simdModule });
    const config = new EdgeVecConfig(3);
    config.metric = 'cosine';
    const built = new EdgeVec(config);
    // A real deployment loads a prebuilt snapshot from KV or R2 here.
    built.insert(new Float32Array([1, 0, 0]));
    built.insert(new Float32Array([0, 1, 0]));
    built.insert(new Float32Array([1, 1, 0]));
    index = built;
  }
  return index;
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (request.method !== 'POST' || url.pathname !== '/search') {
      return new Response('POST /search with {"vector": number[], "k": number}\n', { status: 404 });
    }
    const { vector, k = 10 } = await request.json();
    try {
      const results = (await getIndex()).search(Float32Array.from(vector ?? []), k);
      return Response.json({ results, kernels: (await getIndex()).kernels });
    } catch (e) {
      if (e instanceof TeaVecError) {
        return Response.json({ code: e.code, message: e.message }, { status: 400 });
      }
      throw e;
    }
  },
};
