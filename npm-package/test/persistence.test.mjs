// Snapshots through the packed package: toBytes/fromBytes, atomic files in Node, and damaged bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installPackedPackage, runInProject } from './helpers.mjs';

const project = installPackedPackage();

// A seeded generator, so that every run builds the same index and the same queries.
const PRELUDE = `
import init, { EdgeVec, EdgeVecConfig } from 'teavec';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
await init();
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5; };
}
function build(options, n, dims, seed) {
  const c = new EdgeVecConfig(dims);
  Object.assign(c, options);
  const ix = new EdgeVec(c);
  const r = rng(seed);
  const flat = new Float32Array(n * dims).map(() => r());
  ix.insertBatchFlat(flat, n);
  for (let id = 0; id < n; id += 11) ix.softDelete(id);
  return ix;
}
function queries(count, dims, seed) {
  const r = rng(seed);
  return Array.from({ length: count }, () => new Float32Array(dims).map(() => r()));
}
const same = (a, b, qs) => qs.every((q) => JSON.stringify(a.search(q, 10)) === JSON.stringify(b.search(q, 10)));
`;

test('toBytes/fromBytes gives an index with the same results on 1,000 queries (float and SQ8), same ids after', () => {
  const out = runInProject(project, 'roundtrip.mjs', `${PRELUDE}
const report = {};
for (const [name, options] of Object.entries({
  hnsw: { indexType: 'hnsw', ef_construction: 64 },
  sq8: { indexType: 'hnsw', quantization: 'sq8', ef_construction: 64 },
  auto: {},
})) {
  const ix = build(options, 2500, 32, 7);
  const bytes = ix.toBytes();
  const copy = EdgeVec.fromBytes(bytes);
  const fromBuffer = EdgeVec.fromBytes(Buffer.from(bytes));
  const fromArrayBuffer = EdgeVec.fromBytes(bytes.slice().buffer);
  const qs = queries(1000, 32, 99);
  report[name] = {
    isUint8Array: bytes instanceof Uint8Array,
    same: same(ix, copy, qs) && same(ix, fromBuffer, qs.slice(0, 50)) && same(ix, fromArrayBuffer, qs.slice(0, 50)),
    counts: [copy.liveCount(), copy.deletedCount()].join() === [ix.liveCount(), ix.deletedCount()].join(),
    deleted: copy.isDeleted(0) && copy.isDeleted(11) && !copy.isDeleted(1),
    nextId: copy.insert(qs[0]) === ix.insert(qs[0]),
  };
}
console.log(JSON.stringify(report));
`);
  for (const [name, r] of Object.entries(JSON.parse(out))) {
    assert.deepEqual(r, { isUint8Array: true, same: true, counts: true, deleted: true, nextId: true }, name);
  }
});

test('saveToFile/loadFromFile: atomic replace, no temporary files left, failures leave nothing behind', () => {
  const out = runInProject(project, 'files.mjs', `${PRELUDE}
const dir = mkdtempSync(join(tmpdir(), 'teavec-files-'));
const path = join(dir, 'index.tvec');
const a = build({ indexType: 'hnsw', ef_construction: 32 }, 600, 16, 1);
const b = build({ indexType: 'hnsw', ef_construction: 32 }, 300, 16, 2);
await a.saveToFile(path);
const loadedA = await EdgeVec.loadFromFile(path);
await b.saveToFile(path);
const loadedB = await EdgeVec.loadFromFile(path);
const qs = queries(200, 16, 5);
let missingDir = null;
try { await a.saveToFile(join(dir, 'no-such-dir', 'x.tvec')); } catch (e) { missingDir = e.code; }
let missingFile = null;
try { await EdgeVec.loadFromFile(join(dir, 'absent.tvec')); } catch (e) { missingFile = e.code; }
console.log(JSON.stringify({
  sameA: same(a, loadedA, qs), sameB: same(b, loadedB, qs),
  fileIsB: Buffer.compare(readFileSync(path), Buffer.from(b.toBytes())) === 0,
  files: readdirSync(dir), missingDir, missingFile,
}));
`);
  const r = JSON.parse(out);
  assert.equal(r.sameA, true);
  assert.equal(r.sameB, true);
  assert.equal(r.fileIsB, true, 'the second save replaced the first');
  assert.deepEqual(r.files, ['index.tvec'], 'no temporary file is left behind');
  assert.equal(r.missingDir, 'ENOENT');
  assert.equal(r.missingFile, 'ENOENT');
});

test('damaged, truncated or foreign bytes give TeaVecError CORRUPT_SNAPSHOT; bad arguments INVALID_ARGUMENT', () => {
  const out = runInProject(project, 'corrupt.mjs', `${PRELUDE}
import { TeaVecError } from 'teavec';
const ix = build({ indexType: 'hnsw', quantization: 'sq8', ef_construction: 16 }, 300, 8, 3);
const bytes = ix.toBytes();
const codes = new Set();
const tryLoad = (b) => { try { EdgeVec.fromBytes(b); return 'loaded'; } catch (e) { return (e instanceof TeaVecError) + ':' + e.code; } };
for (let i = 0; i < bytes.length; i += 97) { const d = bytes.slice(); d[i] ^= 0x10; codes.add(tryLoad(d)); }
for (let len = 0; len < bytes.length; len += 389) codes.add(tryLoad(bytes.slice(0, len)));
codes.add(tryLoad(new TextEncoder().encode('not a snapshot at all, just some text')));
const dir = mkdtempSync(join(tmpdir(), 'teavec-bad-'));
writeFileSync(join(dir, 'bad.tvec'), bytes.slice(0, bytes.length - 1));
let fileCode = null;
try { await EdgeVec.loadFromFile(join(dir, 'bad.tvec')); } catch (e) { fileCode = e.code; }
console.log(JSON.stringify({ codes: [...codes], fileCode, args: [tryLoad('x'), tryLoad(null), tryLoad([1, 2])] }));
`);
  const r = JSON.parse(out);
  assert.deepEqual(r.codes, ['true:CORRUPT_SNAPSHOT']);
  assert.equal(r.fileCode, 'CORRUPT_SNAPSHOT');
  assert.deepEqual(r.args, ['true:INVALID_ARGUMENT', 'true:INVALID_ARGUMENT', 'true:INVALID_ARGUMENT']);
});
