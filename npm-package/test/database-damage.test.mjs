// A database directory whose last log record is damaged (every single bit flipped, one at a time) or cut short
// (at every length): reopening cuts the log at the last good record, reports what it dropped (db.recovery), and
// holds exactly the state before that record: never wrong data, never a half-applied batch; checkIntegrity
// passes and the database goes on taking writes. At the database level: the raw log's cases (one flip, one torn
// tail, a crashed checkpoint) are wal-contract.js's and wal-file.test.mjs's.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init, { openDatabase } from '../dist/teavec.js';
import { DIMS, METRIC, DatabaseModel, run, stateOf, assertSameState } from './database-model.js';
import { Workload } from './database-workload.js';
import { rng } from './random.js';

await init();
const root = mkdtempSync(join(tmpdir(), 'teavec-dbdamage-'));
after(() => rmSync(root, { recursive: true, force: true }));

const OPERATIONS = { 5: 'add', 6: 'upsert', 7: 'update', 8: 'delete', 4: 'modify', 2: 'create', 3: 'drop' };

/** The newest segment file and the offset and length of its last record (records: docs/format.md). */
function lastRecord(dir) {
  const name = readdirSync(dir).filter((f) => /^wal-\d+\.log$/.test(f)).sort().at(-1);
  const bytes = readFileSync(join(dir, name));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let last = -1;
  while (at < bytes.length) {
    last = at;
    at += 16 + view.getUint32(at, true) + 4;
  }
  assert.equal(at, bytes.length, `${name} is whole records`);
  return { name, segment: Number(/\d+/.exec(name)[0]), bytes, offset: last, length: bytes.length - last, op: OPERATIONS[bytes[last + 4]] };
}

const random = rng(20261206);
const vector = () => new Float32Array(DIMS).map((_, d) => (d === 0 ? 1 : random() * 2 - 1));

/**
 * A database directory: a collection, records, an explicit checkpoint, more records (the log after it), then
 * `last` (one mutation, one record). Copied while open, right after `last` resolved. Returns the copy, the
 * states before and after `last`, and where its record lies.
 */
async function build(label, last) {
  const dir = join(root, `${label}-live`);
  const db = await openDatabase(dir, { storage: 'file' });
  const notes = await db.createCollection({ name: 'notes', metadata: { owner: 'me' }, metric: METRIC, dimensions: DIMS });
  const ids = (from, n) => Array.from({ length: n }, (_, i) => `id-${from + i}`);
  const md = (id) => ({ tag: `t${id.length % 3}`, n: id.length, x: 0.1 + id.length / 7 });
  await notes.add({ ids: ids(0, 6), embeddings: ids(0, 6).map(vector), metadatas: ids(0, 6).map(md), documents: ids(0, 6).map((id) => `doc ${id} é😀`) });
  await db.checkpoint();
  await notes.upsert({ ids: ids(4, 4), embeddings: ids(4, 4).map(vector), metadatas: ids(4, 4).map(md) });
  await db.createCollection({ name: 'tasks', metric: METRIC, dimensions: DIMS });
  const before = stateOf(db);
  await last(db);
  const afterLast = stateOf(db);
  const pristine = join(root, label);
  cpSync(dir, pristine, { recursive: true });
  await db.close();
  return { pristine, before, after: afterLast, record: lastRecord(pristine) };
}

/**
 * Reopens a copy of `pristine` with its newest segment replaced by `bytes`. The copy is made once and kept while
 * reopening leaves its files as they were (only the segment is rewritten per case); otherwise it is made anew.
 */
async function reopenWith(pristine, name, bytes, then = undefined) {
  const dir = `${pristine}-case`;
  const listing = () => readdirSync(dir).sort().join(' ');
  if (!existsSync(dir) || listing() !== readdirSync(pristine).sort().join(' ')) {
    rmSync(dir, { recursive: true, force: true });
    cpSync(pristine, dir, { recursive: true });
  }
  writeFileSync(join(dir, name), bytes);
  const db = await openDatabase(dir, { storage: 'file' });
  try {
    const out = { state: stateOf(db), recovery: db.recovery };
    db.checkIntegrity();
    if (then) out.then = await then(db);
    return out;
  } finally {
    await db.close();
  }
}

const LAST = {
  'an upsert batch with metadata and documents': (db) => db.getCollection('notes').upsert({
    ids: ['id-1', 'id-new'], embeddings: [vector(), vector()], metadatas: [{ t: 'z' }, { s: 'ü' }], documents: ['c', 'é'],
  }),
  'a delete by filter': (db) => db.getCollection('notes').delete({ where: { tag: 't1' } }),
  'a collection rename with new metadata': (db) => db.getCollection('tasks').modify({ name: 'todo', metadata: { renamed: true } }),
  'a collection deletion': (db) => db.deleteCollection('notes'),
};

for (const [what, last] of Object.entries(LAST)) {
  test(`every bit flip and every truncation of the last log record (${what}) is cut, never applied`, async (t) => {
    const label = what.replace(/\W+/g, '-');
    const { pristine, before, after: whole, record } = await build(label, last);
    const { name, segment, bytes, offset, length } = record;
    assert.notEqual(before, whole, 'the last operation changed the state');
    t.diagnostic(`last record: ${record.op}, ${length} bytes at ${offset} of ${name}`);

    // Controls: the record whole is applied; without it, nothing is dropped.
    const intact = await reopenWith(pristine, name, bytes);
    assertSameState(intact.state, whole, 'the undamaged directory holds the last operation');
    assert.deepEqual(intact.recovery.dropped, []);
    const absent = await reopenWith(pristine, name, bytes.subarray(0, offset));
    assertSameState(absent.state, before, 'without its record the state is the one before');
    assert.deepEqual(absent.recovery.dropped, []);

    const reasons = {};
    const check = async (damaged, how, goOn) => {
      const r = await reopenWith(pristine, name, damaged, goOn ? async (db) => {
        // The database goes on after the cut: a new write lands and survives the next reopen.
        await db.getOrCreateCollection({ name: 'after', metric: METRIC, dimensions: DIMS });
        await db.getCollection('after').add({ ids: ['a'], embeddings: [vector()] });
        return stateOf(db);
      } : undefined);
      assertSameState(r.state, before, `${how}: the state is the one before the damaged record`);
      assert.equal(r.recovery.dropped.length, 1, `${how}: one dropped range is reported (${JSON.stringify(r.recovery.dropped)})`);
      const d = r.recovery.dropped[0];
      assert.deepEqual([d.segment, d.offset, d.bytes], [segment, offset, damaged.length - offset], `${how}: where (${JSON.stringify(d)})`);
      reasons[d.reason] = (reasons[d.reason] ?? 0) + 1;
      if (goOn) {
        const dir = `${pristine}-case`;
        const db = await openDatabase(dir, { storage: 'file' });
        try {
          assertSameState(stateOf(db), r.then, `${how}: the write after the cut survived a reopen`);
          db.checkIntegrity();
        } finally {
          await db.close();
        }
      }
    };
    for (let bit = 0; bit < length * 8; bit++) {
      const damaged = Uint8Array.from(bytes);
      damaged[offset + (bit >> 3)] ^= 1 << (bit & 7);
      await check(damaged, `bit ${bit} of the record flipped`, bit % 97 === 0);
    }
    for (let keep = 1; keep < length; keep++) {
      await check(bytes.subarray(0, offset + keep), `record cut after ${keep} of ${length} bytes`, keep % 29 === 0);
    }
    t.diagnostic(`${length * 8} flips and ${length - 1} truncations, dropped as ${JSON.stringify(reasons)}`);
  });
}

test('a workload of every operation kind: whichever record is cut, the state is exactly the one before it', async () => {
  // The last record of a random workload, cut at a random length, 40 times over one growing database.
  const dir = join(root, 'workload');
  const seedRandom = rng(77);
  const model = new DatabaseModel();
  const work = new Workload(model, seedRandom);
  for (let round = 0; round < 40; round++) {
    const db = await openDatabase(dir, { storage: 'file' });
    assertSameState(stateOf(db), model.state(), `round ${round}: reopened state`);
    db.checkIntegrity();
    for (let k = 0; k < 3; k++) {
      const op = work.op();
      model.apply(op);
      await run(db, op);
    }
    const before = model.state();
    const op = work.op();
    const deleted = await run(db, op);
    // Copied while open, so that whatever close() writes is not the record under test.
    cpSync(dir, `${dir}-copy`, { recursive: true });
    await db.close();
    rmSync(dir, { recursive: true });
    cpSync(`${dir}-copy`, dir, { recursive: true });
    rmSync(`${dir}-copy`, { recursive: true });
    if (Array.isArray(deleted) && deleted.length === 0) continue; // a delete that matched nothing writes no record
    const { name, offset, length, op: kind } = lastRecord(dir);
    assert.equal(kind, { del: 'delete', delw: 'delete' }[op.t] ?? op.t, `round ${round}: the last record is the last operation's`);
    const keep = Math.floor(seedRandom() * length);
    writeFileSync(join(dir, name), readFileSync(join(dir, name)).subarray(0, offset + keep));
    if (keep === 0) continue; // the record is simply absent: nothing to report
    const again = await openDatabase(dir, { storage: 'file' });
    assertSameState(stateOf(again), before, `round ${round}: ${op.t} cut after ${keep} of ${length} bytes`);
    assert.equal(again.recovery.dropped.at(-1)?.reason, 'torn', `round ${round}: reported as torn`);
    await again.close();
  }
});
