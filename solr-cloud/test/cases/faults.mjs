// Failures a push must survive: the pushing process killed half-way (then the push repeated), and one
// Solr node stopped while a push runs (replicas keep serving; a write forwarded to a leader going down
// fails once and is retried).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Database } from '../../../npm-package/dist/teavec.js';
import { SolrCollection, push } from '../../../npm-package/dist/solr.js';
import { ctx, remote } from '../context.mjs';
import { loadWordnet, slice } from '../wordnet.mjs';

const N = 2000;
const BATCH = 100;

/** Every live id SolrCloud holds (its cursor, in id order), to compare with the local ids. */
async function remoteIds(solr) {
  const ids = [];
  for await (const page of solr.records({ include: [] })) ids.push(...page.ids);
  return ids;
}

test('a push interrupted half-way and repeated leaves no duplicates and no missing records', { timeout: 300000 }, async (t) => {
  await ctx.cluster.createCollection('interrupted', { dimensions: 384, shards: 2, replicas: 2 });
  const child = spawn(process.execPath, [fileURLToPath(new URL('../push-child.mjs', import.meta.url)),
    ctx.cluster.urls.join(','), 'interrupted', '0', String(N), String(BATCH)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let acknowledged = 0;
  const killed = new Promise((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^sent (\d+)$/.exec(line);
      if (m) acknowledged = Number(m[1]);
      if (acknowledged >= N / 2 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', resolve);
  });
  await killed;
  assert.ok(acknowledged >= N / 2 && acknowledged < N, `killed after ${acknowledged} of ${N} acknowledged`);

  const w = loadWordnet();
  const local = new Database().createCollection({ name: 'interrupted' });
  local.add(slice(w, 0, N));
  const solr = remote('interrupted', { batchSize: BATCH });
  const stats = await push(local, solr);
  t.diagnostic(`killed after ${acknowledged} acknowledged; the repeated push sent ${stats.sent}, found ${stats.unchanged} there`);
  assert.ok(stats.unchanged >= acknowledged, 'what was acknowledged is not sent again');
  assert.equal(stats.sent + stats.unchanged, N);
  const ids = await remoteIds(solr);
  assert.equal(ids.length, N, 'as many records as pushed');
  assert.equal(new Set(ids).size, N, 'no duplicates');
  assert.deepEqual([...ids].sort(), [...w.ids.slice(0, N)].sort(), 'none missing');
  assert.equal(await solr.count(), N);
  await ctx.cluster.deleteCollection('interrupted');
});

test('one Solr node stopped mid-push: replicas keep serving and the push completes', { timeout: 300000 }, async (t) => {
  await ctx.cluster.createCollection('failover', { dimensions: 384, shards: 2, replicas: 2 });
  const w = loadWordnet();
  const local = new Database().createCollection({ name: 'failover' });
  local.add(slice(w, N, 2 * N));
  const retries = [];
  const solr = remote('failover', { batchSize: BATCH, onRetry: (r) => retries.push(r.error) });
  // Node 0 is the client's first URL too: its requests have to move to node 1.
  let stopping = null;
  const stats = await push(local, solr, {
    onProgress: (s) => {
      if (s.sent >= N / 4 && !stopping) stopping = ctx.cluster.stopNode(0);
    },
  });
  const stopped = await stopping;
  t.diagnostic(`node ${stopped} stopped after a quarter; push of ${N} done in ${stats.ms} ms with ${stats.retries} retries`);
  for (const r of retries.slice(0, 5)) t.diagnostic(`retried: ${r.slice(0, 160)}`);
  assert.equal(stats.sent, N);
  assert.equal(await solr.count(), N, 'the remaining replicas serve every record');
  const sample = w.ids.slice(N, 2 * N).filter((_, i) => i % 97 === 0);
  assert.deepEqual((await solr.get({ ids: sample, include: [] })).ids, sample);
  const onlyNode1 = new SolrCollection({ url: ctx.cluster.urls[1], collection: 'failover' });
  assert.equal(await onlyNode1.count(), N);

  await ctx.cluster.startNode(0);
  await ctx.cluster.waitActive('failover');
  // Counted by node 0's own replicas (which missed the writes while it was down).
  const local0 = await fetch(`${ctx.cluster.urls[0]}/failover/select?q=*:*&rows=0&fq=-tv_tombstone:true`
    + '&shards.preference=replica.location:local&wt=json').then((r) => r.json());
  assert.equal(local0.response.numFound, N, 'the restarted node has caught up');
  await ctx.cluster.deleteCollection('failover');
});
