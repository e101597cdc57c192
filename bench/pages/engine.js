import * as teavec from '/teavec/teavec.js';
import { DATASETS, loadDataset } from '/lib/vecs.js';
import { runEngineBench } from '/lib/engine-bench.js';

async function run() {
  await teavec.default();
  const read = async (p) => new Uint8Array(await (await fetch(`/data/${p}`)).arrayBuffer());
  const datasets = [];
  for (const spec of DATASETS) datasets.push(await loadDataset(spec, read));
  const rows = runEngineBench({ teavec, datasets, now: () => performance.now(), log: (m) => console.log(m) });
  return { rows, isolated: globalThis.crossOriginIsolated === true };
}

window.__bench = run().catch((e) => ({ error: String(e && e.stack || e) }));
