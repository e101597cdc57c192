// Exercises the built bundle in the page and reports to the test through window.__result.
import init, { EdgeVec, EdgeVecConfig, TeaVecError } from '/teavec/teavec.js';

async function run() {
  let evalAllowed = true;
  try {
    // Proves whether the page runs under a CSP without 'unsafe-eval' (the test checks which).
    (0, eval)('1');
  } catch {
    evalAllowed = false;
  }
  await init();
  const config = new EdgeVecConfig(384);
  const index = new EdgeVec(config);
  const id = index.insert(new Float32Array(384).fill(0.1));
  const other = new Float32Array(384);
  other[3] = 1;
  index.insert(other);
  const results = index.search(new Float32Array(384).fill(0.1), 10);

  const l2 = new EdgeVecConfig(2);
  l2.metric = 'l2';
  const points = new EdgeVec(l2);
  points.insertBatchFlat(new Float32Array([0, 0, 3, 4, 1, 0, -2, 0]), 4);
  const nearest = points.search(new Float32Array([0.9, 0]), 3).map((r) => r.id);

  const codes = [];
  for (const bad of [() => index.insert(new Float32Array(3)), () => index.insert(new Float32Array(384).fill(NaN)),
    () => index.search(new Float32Array(384).fill(1), 0)]) {
    try {
      bad();
      codes.push('none');
    } catch (e) {
      codes.push(e instanceof TeaVecError ? e.code : String(e));
    }
  }
  return { evalAllowed, idType: typeof id, results, nearest, codes, size: index.size };
}

window.__result = run().catch((e) => ({ error: String(e && e.stack || e) }));
