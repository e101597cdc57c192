// Runs examples/node/fvecs-index.mjs as a user would (a child Node 22 process) on .fvecs files: a small seeded
// clustered set made here with exact ground truth, and the real SIFT 5k set when ../shared/data is present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageDir } from './helpers.mjs';
import { rng } from './random.js';

const run = promisify(execFile);
const script = join(packageDir, 'examples', 'node', 'fvecs-index.mjs');
const sift = join(process.env.TEAVEC_DATA ?? join(packageDir, '..', '..', 'shared', 'data'), 'sift-5k-128-euclidean');

function writeVecs(path, data, count, dimensions, kind) {
  const record = 4 + 4 * dimensions;
  const bytes = Buffer.alloc(count * record);
  for (let i = 0; i < count; i++) {
    bytes.writeInt32LE(dimensions, i * record);
    for (let j = 0; j < dimensions; j++) {
      const at = i * record + 4 + 4 * j;
      if (kind === 'f') bytes.writeFloatLE(data[i * dimensions + j], at);
      else bytes.writeInt32LE(data[i * dimensions + j], at);
    }
  }
  writeFileSync(path, bytes);
}

/** Clustered base + queries near random base vectors + exact L2 top-k, in a fresh directory. */
function makeDataSet(seed, { count = 1500, queries = 60, dimensions = 24, k = 10 } = {}) {
  const rand = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: 20 }, () => Array.from({ length: dimensions }, () => 4 * gauss()));
  const base = new Float32Array(count * dimensions);
  for (let i = 0; i < count; i++) {
    const c = centres[Math.floor(rand() * centres.length)];
    for (let j = 0; j < dimensions; j++) base[i * dimensions + j] = c[j] + gauss();
  }
  const query = new Float32Array(queries * dimensions);
  for (let q = 0; q < queries; q++) {
    const from = Math.floor(rand() * count);
    for (let j = 0; j < dimensions; j++) query[q * dimensions + j] = base[from * dimensions + j] + 0.3 * gauss();
  }
  const truth = new Int32Array(queries * k);
  for (let q = 0; q < queries; q++) {
    const dist = [];
    for (let i = 0; i < count; i++) {
      let s = 0;
      for (let j = 0; j < dimensions; j++) s += (base[i * dimensions + j] - query[q * dimensions + j]) ** 2;
      dist.push([s, i]);
    }
    dist.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let r = 0; r < k; r++) truth[q * k + r] = dist[r][1];
  }
  const dir = mkdtempSync(join(tmpdir(), 'teavec-fvecs-'));
  writeVecs(join(dir, 'base.fvecs'), base, count, dimensions, 'f');
  writeVecs(join(dir, 'query.fvecs'), query, queries, dimensions, 'f');
  writeVecs(join(dir, 'truth.ivecs'), truth, queries, k, 'i');
  return dir;
}

const recallOf = (stdout) => Number(stdout.match(/recall@10 (\d\.\d+)/)?.[1]);

test('builds from a .fvecs file, saves, loads and queries with recall against the ground truth', async () => {
  const seed = 20261121;
  const dir = makeDataSet(seed);
  const out = join(dir, 'index.teavec');
  const { stdout } = await run(process.execPath, [script, join(dir, 'base.fvecs'), '--queries', join(dir, 'query.fvecs'),
    '--truth', join(dir, 'truth.ivecs'), '--out', out], { cwd: dir });
  const context = `seed ${seed}\n${stdout}`;
  assert.match(stdout, /read 1500 × 24 vectors/, context);
  assert.match(stdout, /built an index of 1500 vectors \(l2\)/, context);
  assert.ok(statSync(out).size > 1500 * 24 * 4 * 0.25, `the saved file holds the index (${context})`);
  assert.match(stdout, /loaded 1500 vectors from /, context);
  assert.ok(recallOf(stdout) >= 0.95, `recall@10 of the loaded index (${context})`);
});

test('without ground truth it checks that each stored vector finds itself', async () => {
  const dir = makeDataSet(7, { count: 400, queries: 1 });
  const { stdout } = await run(process.execPath, [script, join(dir, 'base.fvecs'), '--out', join(dir, 'i.teavec')], { cwd: dir });
  assert.match(stdout, /100 queries, k=10, ef=100: stored vector first for 100 of 100/, stdout);
});

test('a truncated .fvecs file is refused with a message saying why', async () => {
  const dir = makeDataSet(11, { count: 10, queries: 1 });
  const bad = join(dir, 'bad.fvecs');
  writeFileSync(bad, Buffer.alloc(4 + 4 * 24 + 7, 0).fill(24, 0, 1));
  await assert.rejects(run(process.execPath, [script, bad, '--out', join(dir, 'x.teavec')], { cwd: dir }),
    (e) => e.code === 1 && /is not a whole number of 24-d records/.test(e.stderr));
});

test('the default run on the real SIFT 5k set reaches recall@10 ≥ 0.9', { skip: !existsSync(join(sift, 'sift5k_base.fvecs')) && 'no ../shared/data' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'teavec-sift-'));
  const { stdout } = await run(process.execPath, [script, '--out', join(dir, 'sift.teavec')], { cwd: dir });
  assert.match(stdout, /read 5000 × 128 vectors/, stdout);
  assert.match(stdout, /100 queries, k=10, ef=100: recall@10/, stdout);
  assert.ok(recallOf(stdout) >= 0.9, stdout);
});
