// Builds the snapshot the Worker serves: vectors from a .fvecs file (default: SIFT 5k from the
// project's shared data) into an HNSW index, written atomically to index.tvec. Upload it with
//   npx wrangler r2 object put <bucket>/index.tvec --file index.tvec
// Usage: node build-snapshot.mjs [vectors.fvecs] [out.tvec] [--metric l2|cosine|dot]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import init, { EdgeVec, EdgeVecConfig } from 'teavec';

/** Parses TEXMEX .fvecs (per record: int32 dimension, then that many float32, little-endian). */
export function readFvecs(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = view.getInt32(0, true);
  const record = 4 + 4 * dims;
  if (dims <= 0 || bytes.byteLength % record !== 0) throw new Error('not an .fvecs file');
  const count = bytes.byteLength / record;
  const flat = new Float32Array(count * dims);
  for (let i = 0; i < count; i++) {
    for (let d = 0; d < dims; d++) flat[i * dims + d] = view.getFloat32(i * record + 4 + 4 * d, true);
  }
  return { dims, count, flat };
}

/** Builds an index over `flat` and returns it. */
export function buildIndex({ dims, count, flat }, metric = 'l2') {
  const config = new EdgeVecConfig(dims);
  config.metric = metric;
  const index = new EdgeVec(config);
  index.insertBatchFlat(flat, count);
  return index;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const m = args.indexOf('--metric');
  const metric = m >= 0 ? args.splice(m, 2)[1] : 'l2';
  const source = args[0] ?? fileURLToPath(new URL('../../../../shared/data/sift-5k-128-euclidean/sift5k_base.fvecs', import.meta.url));
  const out = args[1] ?? 'index.tvec';
  await init();
  const started = performance.now();
  const index = buildIndex(readFvecs(readFileSync(source)), metric);
  await index.saveToFile(out);
  console.log(`${out}: ${index.liveCount()} vectors, ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
