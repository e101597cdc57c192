// Child of float16-simd.test.mjs: builds float16 indexes in the teavec/quantization engine, with its SIMD kernels
// or (argv[3] === 'scalar') init({ simd: false }), and prints every search answer as JSON, scores as float bits,
// so the parent can compare the two engines to the bit. argv[2] is the seed. One engine per process.
import init from '../dist/quantization.js';
import { EdgeVec, EdgeVecConfig } from '../dist/teavec.js';
import { rng } from './random.js';

const seed = Number(process.argv[2]);
const scalar = process.argv[3] === 'scalar';
await init(scalar ? { simd: false } : undefined);

/** Dimensions around the kernel's 8-half blocks and 16-lane groups (odd block counts included). */
const DIMS = [1, 7, 8, 9, 16, 24, 37, 100, 384];

/**
 * Gaussian vectors, one in 16 an edge case: tiny or huge scales, subnormal halves, zeros, near Float.MAX_VALUE,
 * duplicates. Few, so that answers still rank ordinary vectors by distinct scores.
 */
function vectors(random, count, dim, metric) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const v = new Float32Array(dim);
    for (let j = 0; j < dim; j++) {
      // Off the origin under L2, where zero and tiny vectors would otherwise be every query's nearest.
      v[j] = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()) + (metric === 'l2' ? 2 : 0);
    }
    switch (i % 97) {
      case 11: v.forEach((x, j) => { v[j] = x * 1e-30; }); break;
      case 23: v.forEach((x, j) => { v[j] = x * (metric === 'cosine' ? 1e30 : 1e12); }); break;
      // One large component: the others become subnormal (or zero) halves after the power-of-two scale.
      case 37: v.forEach((x, j) => { v[j] = j === 0 ? 1 : x * 1e-9; }); break;
      case 51: if (metric !== 'cosine') v.fill(0); break;
      case 67: v.set(out[i - 60]); break;
      case 83: if (metric === 'cosine') v[dim - 1] = 3.4e38; break;
      default:
        // Subnormal halves now and then in ordinary vectors too.
        if (i % 5 === 0) v[i % dim] *= 1e-7;
        break;
    }
    out.push(v);
  }
  return out;
}

const bits = new DataView(new ArrayBuffer(4));
function floatBits(x) {
  bits.setFloat32(0, x);
  return bits.getUint32(0);
}

const answers = [];
for (const metric of ['cosine', 'dot', 'l2']) {
  for (const dim of DIMS) {
    const random = rng(seed + dim * 7 + metric.length);
    const data = vectors(random, dim === 384 ? 600 : 400, dim, metric);
    const queries = vectors(random, 100, dim, metric).filter((_, i) => i % 8 === 0 || i % 97 === 23);
    const config = new EdgeVecConfig(dim);
    Object.assign(config, { indexType: 'hnsw', metric, quantization: 'float16', ef_construction: 48, seed: 3 });
    const index = new EdgeVec(config);
    for (const v of data) index.insert(v);
    const hits = queries.map((q) => index.search(q, 10).map((r) => [r.id, floatBits(r.score)]));
    answers.push({ metric, dim, kernels: index.kernels, hits });
    index.free?.();
  }
}
console.log(JSON.stringify(answers));
