// The JVM importer (solr-cloud/bin/solr-cloud import): a database snapshot the package wrote, read by
// wasm-core on the JVM and indexed with SolrJ, gives the same records and answers; and what it wrote is
// what teavec/solr would have written (a diff push afterwards finds nothing to send).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Database } from '../../../npm-package/dist/teavec.js';
import { push } from '../../../npm-package/dist/solr.js';
import { ctx, remote } from '../context.mjs';
import { MODULE_DIR } from '../cluster.mjs';
import { loadWordnet, slice, recallAt } from '../wordnet.mjs';

const FROM = 10000;
const N = 2000;
const ALL = ['embeddings', 'metadatas', 'documents'];

test('the JVM importer: a TeaVec snapshot → SolrCloud → the same answers', { timeout: 300000 }, async (t) => {
  const w = loadWordnet();
  const db = new Database();
  db.createCollection({ name: 'other', dimensions: 3 }).add({ ids: ['x'], embeddings: [[1, 2, 3]] });
  const local = db.createCollection({ name: 'wordnet', indexType: 'flat' });
  const records = slice(w, FROM, FROM + N);
  // Keys Solr's field names cannot hold as they are, values of every type, nulls, records without metadata.
  records.metadatas = records.metadatas.map((m, i) => (i % 10 === 9 ? null
    : { 'part of speech': m.pos, words: m.words, lemmas: m.lemmas, rare: i % 7 === 0, note: i % 5 === 0 ? null : 'ü' }));
  local.add(records);
  const dir = mkdtempSync(join(tmpdir(), 'teavec-import-'));
  try {
    const file = join(dir, 'db.teavec');
    await db.saveToFile(file);
    await ctx.cluster.createCollection('imported', { dimensions: 384, shards: 2, replicas: 2 });
    const started = Date.now();
    const { stdout } = await promisify(execFile)(join(MODULE_DIR, 'bin', 'solr-cloud'), ['import', '--solr-url',
      ctx.cluster.urls.join(','), '--collection', 'imported', '--snapshot', file, '--from', 'wordnet']);
    t.diagnostic(`${stdout.trim()} (${Date.now() - started} ms with the JVM's start)`);
    assert.match(stdout, new RegExp(`imported ${N} records of 'wordnet' into imported`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const solr = remote('imported');
  assert.equal(await solr.count(), N);
  const sample = records.ids.filter((_, i) => i % 100 === 3);
  assert.deepEqual(await solr.get({ ids: sample, include: ALL }), local.get({ ids: sample, include: ALL }));

  const queries = w.queries.slice(0, 50);
  for (const where of [undefined, { 'part of speech': 'n' }, { $and: [{ rare: true }, { note: { $ne: 'x' } }] }]) {
    const exact = local.query({ queryEmbeddings: queries, nResults: 10, where, include: ['distances'] });
    const found = await solr.query({ queryEmbeddings: queries, nResults: 10, where, include: ['distances'] });
    const recall = recallAt(10, found.ids, exact.ids);
    t.diagnostic(`${JSON.stringify(where ?? {})}: recall@10 ${recall.toFixed(4)} against the local exact answers`);
    assert.ok(recall >= 0.95, `${JSON.stringify(where)}: ${recall}`);
    assert.ok(Math.abs(found.distances[0][0] - exact.distances[0][0]) < 1e-5);
  }
  const stats = await push(local, solr);
  assert.equal(stats.sent, 0, 'the importer wrote the fingerprints teavec/solr computes');
  assert.equal(stats.unchanged, N);
});
