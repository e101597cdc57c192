// Snapshots larger than the engine's staging buffer for copying bytes into Java (1 MiB, js-bindings
// simd/LinearMemory#read) and a log of several hundred records: every byte must arrive exactly (vectors,
// keys, documents and metadata with non-ASCII text), through Database.fromBytes and through a reopened file
// database (checkpoint + log read side by side); a damaged byte anywhere is still refused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init, { Database, openDatabase } from '../dist/teavec.js';
import { rng } from './random.js';

await init();
const root = mkdtempSync(join(tmpdir(), 'teavec-large-'));
after(() => rmSync(root, { recursive: true, force: true }));

const DIMS = 203; // 812 bytes a vector: sections end off word boundaries
const N = 1700;
const SEED = 20261207;

function records(seed, n, from = 0) {
  const random = rng(seed);
  const ids = Array.from({ length: n }, (_, i) => `clé-${from + i}-${'ü'.repeat(i % 5)}😀`);
  const embeddings = ids.map(() => Float32Array.from({ length: DIMS }, () => random() * 2 - 1));
  const metadatas = ids.map((id, i) => ({ tag: `t${i % 7}·ß`, n: i, x: random() }));
  const documents = ids.map((id, i) => `doc ${id} ${'ä'.repeat(i % 40)}`);
  return { ids, embeddings, metadatas, documents };
}

function assertHolds(collection, expected, label) {
  const got = collection.get({ ids: expected.ids, include: ['embeddings', 'metadatas', 'documents'] });
  assert.deepEqual(got.ids, expected.ids, `${label}: ids (seed ${SEED})`);
  for (let i = 0; i < expected.ids.length; i++) {
    assert.deepEqual(Array.from(got.embeddings[i]), Array.from(expected.embeddings[i]), `${label}: vector ${i} (seed ${SEED})`);
  }
  assert.deepEqual(got.metadatas, expected.metadatas, `${label}: metadata (seed ${SEED})`);
  assert.deepEqual(got.documents, expected.documents, `${label}: documents (seed ${SEED})`);
}

test('a database snapshot of several MiB comes back byte for byte; a flipped byte anywhere is refused', () => {
  const db = new Database();
  const c = db.createCollection({ name: 'big', metric: 'l2', dimensions: DIMS });
  const data = records(SEED, N);
  c.add(data);
  const bytes = db.toBytes();
  assert.ok(bytes.length > 1.3 * (1 << 20), `snapshot of ${bytes.length} bytes spans more than one staging buffer`);
  const loaded = Database.fromBytes(bytes);
  assertHolds(loaded.getCollection('big'), data, 'fromBytes');
  loaded.free();
  // Positions past the first staging buffer, at a block edge and near the end.
  for (const at of [(1 << 20) + 3, (1 << 16) * 17 + 1, bytes.length - 5]) {
    const damaged = Uint8Array.from(bytes);
    damaged[at] ^= 0x10;
    assert.throws(() => Database.fromBytes(damaged), (e) => e.code === 'CORRUPT_SNAPSHOT', `flip at ${at}`);
  }
  db.free();
});

test('a reopened file database holds its checkpoint and a log of hundreds of records exactly', async () => {
  const dir = join(root, 'db');
  const first = records(SEED, N);
  const tail = records(SEED + 1, 300, N);
  let db = await openDatabase(dir, { storage: 'file' });
  const c = await db.createCollection({ name: 'big', metric: 'l2', dimensions: DIMS });
  await c.add(first);
  await db.checkpoint();
  for (let i = 0; i < tail.ids.length; i += 3) {
    const part = (a) => a.slice(i, i + 3);
    await c.upsert({ ids: part(tail.ids), embeddings: part(tail.embeddings), metadatas: part(tail.metadatas), documents: part(tail.documents) });
  }
  await db.close();
  db = await openDatabase(dir, { storage: 'file' });
  assert.ok(db.recovery.replayed >= 100, `replayed ${db.recovery.replayed} records`);
  const reopened = db.getCollection('big');
  assertHolds(reopened, first, 'checkpoint');
  assertHolds(reopened, tail, 'log');
  await db.close();
});
