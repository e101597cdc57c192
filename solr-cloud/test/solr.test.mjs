// teavec/solr against a real SolrCloud (2 nodes, collections of 2 shards × 2 replicas) started once by
// the launcher for every case below: no mocks. The heavy data volume (25k × 384) is pushed once.
import { before, after } from 'node:test';
import init from '../../npm-package/dist/teavec.js';
import { ctx } from './context.mjs';
import { startCluster } from './cluster.mjs';

before(async () => {
  await init();
  ctx.cluster = await startCluster();
}, { timeout: 180000 });

after(async () => {
  if (ctx.cluster) console.log(`# Solr JVM CPU time: ${ctx.cluster.cpuSeconds()} s`);
  await ctx.cluster?.stop();
});

// TEAVEC_SOLR_CASES=api,faults runs some of them (while working on one).
const only = process.env.TEAVEC_SOLR_CASES?.split(',');
for (const name of ['api', 'wordnet', 'faults', 'importer']) {
  if (!only || only.includes(name)) await import(`./cases/${name}.mjs`);
}
