// teavec/solr on this machine (not a test; prints figures): a local SolrCloud (solr-cloud/bin/solr-cloud,
// 2 nodes on 127.0.0.1) and the shared WordNet × MiniLM set, 25k × 384, cosine, with metadata and glosses.
// Push throughput, pull time, query latency local vs SolrCloud (p50/p99, recall@10 against the shared
// ground truth), SolrCloud's recall per efSearch (its knn topK). Prints markdown; progress goes to stderr.
//   node bench/solr.mjs [--shards 2] [--replicas 2] [--queries 500] [--json out.json]
// Needs the build (scripts/build.sh) and ../shared/data (or TEAVEC_DATA).
import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import init, { Database } from '../npm-package/dist/teavec.js';
import { SolrCollection, push, pull } from '../npm-package/dist/solr.js';
import { startCluster } from '../solr-cloud/test/cluster.mjs';
import { loadWordnet, slice, recallAt } from '../solr-cloud/test/wordnet.mjs';

const { values: flags } = parseArgs({
  options: {
    shards: { type: 'string', default: '2' },
    replicas: { type: 'string', default: '2' },
    queries: { type: 'string', default: '500' },
    json: { type: 'string' },
  },
});
const log = (m) => console.error(`[solr bench] ${m}`);
const seconds = (ms) => (ms / 1000).toFixed(1);
const now = () => performance.now();

function percentiles(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

/** One query at a time, as a user's search box sends them: per-query latency and the ids found. */
async function timed(label, queries, run) {
  log(`${label}: ${queries.length} queries`);
  const times = [];
  const ids = [];
  for (const q of queries) {
    const start = now();
    const r = await run(q);
    times.push(now() - start);
    ids.push(r.ids[0]);
  }
  return { ...percentiles(times), ids };
}

await init();
const w = loadWordnet();
const n = w.ids.length;
const queries = w.queries.slice(0, Number(flags.queries));
const row = new Map(w.ids.map((id, i) => [id, i]));
const recall = (ids) => recallAt(10, ids.map((list) => list.map((id) => row.get(id))), w.truth);
const load = () => os.loadavg()[0].toFixed(1);
const result = { machine: `${os.cpus()[0].model}, ${os.cpus().length} cores`, loadAtStart: load(), n, dims: w.d };

log(`starting SolrCloud (load average ${result.loadAtStart})`);
let t = now();
const cluster = await startCluster();
result.clusterStartS = seconds(now() - t);
try {
  const shards = Number(flags.shards);
  const replicas = Number(flags.replicas);
  t = now();
  await cluster.createCollection('bench', { dimensions: w.d, shards, replicas });
  result.collection = `${shards} shards × ${replicas} replicas`;
  result.createS = seconds(now() - t);
  const remote = new SolrCollection({ url: cluster.urls, collection: 'bench' });

  log('local collection (default settings: HNSW above 2,000 records, ef_search 50)');
  const local = new Database().createCollection({ name: 'bench' });
  t = now();
  local.add(slice(w, 0, n));
  result.localBuildS = seconds(now() - t);

  log(`push ${n} records`);
  let cpu = cluster.cpuSeconds();
  const pushed = await push(local, remote);
  result.push = { ms: pushed.ms, recordsPerS: Math.round(n / (pushed.ms / 1000)), retries: pushed.retries,
    solrCpuS: Math.round(cluster.cpuSeconds() - cpu), solrRssMB: Math.round(cluster.rssMB()) };
  log(`push: ${result.push.recordsPerS} records/s`);
  const again = await push(local, remote);
  result.pushUnchangedMs = again.ms;

  const localQ = await timed('local', queries, (q) => local.query({ queryEmbeddings: q, nResults: 10, include: [] }));
  const remoteQ = await timed('SolrCloud', queries, (q) => remote.query({ queryEmbeddings: q, nResults: 10, include: [] }));
  const where = { pos: 'v' };
  const localF = await timed('local, filtered', queries, (q) => local.query({ queryEmbeddings: q, nResults: 10, where, include: [] }));
  const remoteF = await timed('SolrCloud, filtered', queries, (q) => remote.query({ queryEmbeddings: q, nResults: 10, where, include: [] }));
  const exactF = new Database().createCollection({ name: 'exact', indexType: 'flat' });
  exactF.add(slice(w, 0, n));
  const truthF = exactF.query({ queryEmbeddings: queries, nResults: 10, where, include: [] }).ids;
  result.queries = {
    local: { p50: localQ.p50, p99: localQ.p99, recall: recall(localQ.ids) },
    solr: { p50: remoteQ.p50, p99: remoteQ.p99, recall: recall(remoteQ.ids) },
    localFiltered: { p50: localF.p50, p99: localF.p99, recall: recallAt(10, localF.ids, truthF) },
    solrFiltered: { p50: remoteF.p50, p99: remoteF.p99, recall: recallAt(10, remoteF.ids, truthF) },
  };
  result.efSearch = [];
  for (const efSearch of [10, 20, 50, 100]) {
    const r = await timed(`SolrCloud, efSearch ${efSearch}`, queries.slice(0, 200), (q) => remote.query({ queryEmbeddings: q, nResults: 10, include: [], efSearch }));
    result.efSearch.push({ efSearch, p50: r.p50, p99: r.p99, recall: recall(r.ids) });
  }

  log('pull everything into an empty local collection, then a subset');
  const cache = new Database().createCollection({ name: 'cache' });
  const pulled = await pull(remote, cache, { where: {} });
  result.pullAll = { ms: pulled.ms, records: pulled.pulled, recordsPerS: Math.round(pulled.pulled / (pulled.ms / 1000)) };
  const subset = await pull(remote, new Database().createCollection({ name: 'subset' }), { where: { pos: 'r' } });
  result.pullSubset = { ms: subset.ms, records: subset.pulled };
  result.solrCpuTotalS = Math.round(cluster.cpuSeconds());
} finally {
  await cluster.stop();
}
result.loadAtEnd = load();

const ms = (x) => x.toFixed(1);
const q = result.queries;
const lines = [
  `teavec/solr, WordNet × MiniLM ${n} × ${w.d} cosine with metadata and glosses; SolrCloud ${result.collection}, `
    + `2 nodes in one JVM (-Xmx640m) on this machine: ${result.machine}; load average ${result.loadAtStart} → ${result.loadAtEnd}.`,
  '',
  '| step | figure |',
  '|---|---:|',
  `| cluster start (ZooKeeper + 2 nodes) / collection creation | ${result.clusterStartS} s / ${result.createS} s |`,
  `| local build (add ${n}) | ${result.localBuildS} s |`,
  `| push ${n} (diff feed, ${result.push.retries} retries) | ${seconds(result.push.ms)} s = **${result.push.recordsPerS} records/s** (Solr CPU ${result.push.solrCpuS} s, JVM RSS ${result.push.solrRssMB} MB after) |`,
  `| push again, nothing changed | ${seconds(result.pushUnchangedMs)} s |`,
  `| pull all ${result.pullAll.records} into an empty collection | ${seconds(result.pullAll.ms)} s = ${result.pullAll.recordsPerS} records/s |`,
  `| pull a subset (pos = r, ${result.pullSubset.records} records) | ${seconds(result.pullSubset.ms)} s |`,
  '',
  `| ${queries.length} queries, one at a time | p50 ms | p99 ms | recall@10 |`,
  '|---|---:|---:|---:|',
  `| local (HNSW, ef_search 50) | ${ms(q.local.p50)} | ${ms(q.local.p99)} | ${q.local.recall.toFixed(3)} |`,
  `| SolrCloud (knn topK = efSearch 50) | ${ms(q.solr.p50)} | ${ms(q.solr.p99)} | ${q.solr.recall.toFixed(3)} |`,
  `| local, where pos = v (11%) | ${ms(q.localFiltered.p50)} | ${ms(q.localFiltered.p99)} | ${q.localFiltered.recall.toFixed(3)} |`,
  `| SolrCloud, where pos = v | ${ms(q.solrFiltered.p50)} | ${ms(q.solrFiltered.p99)} | ${q.solrFiltered.recall.toFixed(3)} |`,
  '',
  '| SolrCloud efSearch (200 queries) | p50 ms | p99 ms | recall@10 |',
  '|---|---:|---:|---:|',
  ...result.efSearch.map((e) => `| ${e.efSearch} | ${ms(e.p50)} | ${ms(e.p99)} | ${e.recall.toFixed(3)} |`),
  '',
  `Solr JVM CPU over the whole run: ${result.solrCpuTotalS} s.`,
];
console.log(lines.join('\n'));
if (flags.json) await writeFile(flags.json, JSON.stringify(result, null, 2));
