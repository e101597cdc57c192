// A Cloudflare Worker answering vector searches from a prebuilt TeaVec snapshot kept in R2.
// Workers forbid compiling Wasm from bytes and evaluating strings: the .wasm is imported as a module
// and handed to init() precompiled. The snapshot is made offline (`index.toBytes()` or
// `saveToFile`, see build-snapshot.mjs) and uploaded to the bucket bound as SNAPSHOTS (wrangler.toml).
import init, { EdgeVec, TeaVecError } from 'teavec';
import wasmModule from 'teavec/teavec.wasm';

const SNAPSHOT_KEY = 'index.tvec';

// One isolate serves many requests: load the snapshot once, on the first request that needs it.
let loading = null;

function getIndex(env) {
  loading ??= (async () => {
    await init({ module: wasmModule });
    const object = await env.SNAPSHOTS.get(SNAPSHOT_KEY);
    if (object === null) throw new Error(`no snapshot "${SNAPSHOT_KEY}" in the SNAPSHOTS bucket`);
    return EdgeVec.fromBytes(await object.arrayBuffer());
  })();
  // A failed load (missing object, corrupt bytes) is retried by the next request, not cached.
  loading.catch(() => { loading = null; });
  return loading;
}

function badRequest(code, message) {
  return Response.json({ code, message }, { status: 400 });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method !== 'POST' || url.pathname !== '/search') {
      return new Response('POST /search with {"vector": number[], "k"?: number, "filter"?: string}\n', { status: 404 });
    }
    let body;
    try {
      body = await request.json();
    } catch {
      return badRequest('INVALID_ARGUMENT', 'the request body must be JSON');
    }
    const { vector, k = 10, filter } = body ?? {};
    if (!Array.isArray(vector)) return badRequest('INVALID_ARGUMENT', '"vector" must be an array of numbers');
    try {
      const index = await getIndex(env);
      const query = Float32Array.from(vector);
      const results = filter === undefined ? index.search(query, k) : index.searchWithFilter(query, filter, k);
      return Response.json({ results, size: index.liveCount() });
    } catch (e) {
      if (e instanceof TeaVecError) return badRequest(e.code, e.message);
      return Response.json({ code: 'INTERNAL', message: String(e?.message ?? e) }, { status: 500 });
    }
  },
};
