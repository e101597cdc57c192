// Loads each data set in turn (so only one sits in memory) and benches it; shared by both runtimes.
import { loadSplitDataset } from './vecs.js';
import { pickAdapters } from './adapters/index.js';
import { benchDataset } from './peer-bench.js';

export async function runPeers({ specs, read, env, libs, options }) {
  const adapters = pickAdapters(libs);
  const rows = [];
  for (const spec of specs) {
    const ds = await loadSplitDataset(spec, read);
    env.log(`[${env.runtime}] ${ds.name}: ${ds.base.count} × ${ds.base.dim} ${ds.metric}, ${ds.queries.count} measured + ${ds.tuneQueries.count} tuning queries`);
    rows.push(...(await benchDataset(ds, adapters, env, options)));
  }
  return rows;
}
