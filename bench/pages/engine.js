import * as teavec from '/teavec/teavec.js';
import { DATASETS, loadDataset } from '/lib/vecs.js';
import { runEngineBench } from '/lib/engine-bench.js';
import { clusteredDataset } from '/lib/synthetic.js';

async function run() {
  await teavec.default();
  const read = async (p) => new Uint8Array(await (await fetch(`/data/${p}`)).arrayBuffer());
  const datasets = [];
  const wanted = (new URLSearchParams(location.search).get('datasets') ?? 'wordnet,sift,synthetic').split(',');
  const isWanted = (name) => wanted.some((w) => name.startsWith(w));
  for (const spec of DATASETS.filter((d) => isWanted(d.name))) datasets.push(await loadDataset(spec, read));
  if (isWanted('synthetic')) datasets.push(clusteredDataset());
  const rows = runEngineBench({ teavec, datasets, now: () => performance.now(), log: (m) => console.log(m) });
  return { rows, isolated: globalThis.crossOriginIsolated === true };
}

window.__bench = run().catch((e) => ({ error: String(e && e.stack || e) }));
