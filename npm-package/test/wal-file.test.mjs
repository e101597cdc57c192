// The file log storage beyond the shared contract: its directory layout, checkpoint fallback with replay of
// the kept log, damaged checkpoints, a full disk in the middle of a write, leftovers of a crash.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init, { _openLogStorage as openLogStorage } from '../dist/teavec.js';
import { nodeFiles } from '../src/wal-node-files.js';
import { batchFor, isBatch } from './wal-contract.js';

await init();
const root = mkdtempSync(join(tmpdir(), 'teavec-walfile-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `db-${n++}`);

async function writeLog(dir, plan) {
  const s = await openLogStorage(dir, { storage: 'file' });
  await s.recover();
  const w = s.writer();
  for (const step of plan) {
    if (typeof step === 'number') await w.writeBatch('upsert', 'c', batchFor(step));
    else await w.checkpoint(step);
  }
  await w.close();
}

async function recover(dir, files = undefined) {
  const s = await openLogStorage(dir, { storage: 'file', files });
  return { s, r: await s.recover() };
}

const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

test('a log is a directory of numbered segments and checkpoints, without temporary files', async () => {
  const dir = freshDir();
  await writeLog(dir, [1, 2, new Uint8Array([1]), 3, new Uint8Array([2]), 4]);
  assert.deepEqual(readdirSync(dir).sort(), ['checkpoint-0000000001.tvck', 'checkpoint-0000000002.tvck',
    'wal-0000000002.log', 'wal-0000000003.log']);
  const checkpoint = readFileSync(join(dir, 'checkpoint-0000000002.tvck'));
  assert.equal(checkpoint.subarray(0, 4).toString('latin1'), 'TVCK');
  assert.equal(checkpoint.length, 32 + 1);
});

test('a damaged newest checkpoint falls back to the previous one and the kept log replays the rest', async () => {
  const dir = freshDir();
  await writeLog(dir, [...range(1, 10), new Uint8Array(100).fill(1), ...range(11, 15), new Uint8Array(100).fill(2), 16]);
  const file = join(dir, 'checkpoint-0000000002.tvck');
  const bytes = readFileSync(file);
  bytes[60] ^= 1;
  writeFileSync(file, bytes);
  const { s, r } = await recover(dir);
  assert.deepEqual([r.checkpoint.generation, r.checkpoint.seq, r.checkpoint.bytes[0]], [1, 10, 1]);
  assert.equal(r.checkpoint.skipped.length, 1);
  assert.equal(r.checkpoint.skipped[0].generation, 2);
  assert.match(r.checkpoint.skipped[0].reason, /CRC-32/);
  assert.deepEqual(r.records.map((x) => x.seq), range(11, 16), 'everything after checkpoint 1 is replayed from the log');
  assert.ok(r.records.every((x, i) => isBatch(x, 11 + i)));
  assert.deepEqual(r.recovery.dropped, []);
  await s.close();
});

test('with every checkpoint damaged the log alone cannot rebuild the state: the gap is reported, nothing applied', async () => {
  const dir = freshDir();
  await writeLog(dir, [...range(1, 3), new Uint8Array([1]), 4, 5, new Uint8Array([2]), 6]);
  for (const g of [1, 2]) writeFileSync(join(dir, `checkpoint-000000000${g}.tvck`), 'damaged');
  const { s, r } = await recover(dir);
  assert.equal(r.checkpoint.generation, 0);
  assert.deepEqual(r.checkpoint.skipped.map((x) => x.generation), [2, 1]);
  assert.deepEqual(r.records, [], 'records 4.. are not applied without 1..3');
  assert.deepEqual(r.recovery.dropped.map((d) => d.reason), ['gap', 'gap']);
  assert.match(r.recovery.dropped[0].detail, /records 1\.\.3 are missing/);
  await s.close();
});

test('a disk that fills up in the middle of an append leaves the segment as it was, and the log goes on once there is room', async () => {
  const dir = freshDir();
  await writeLog(dir, [1, 2]);
  const segment = join(dir, 'wal-0000000001.log');
  const before = statSync(segment).size;
  const real = await nodeFiles();
  let full = true;
  const files = {
    ...real,
    async write(fd, bytes, position) {
      if (!full) return real.write(fd, bytes, position);
      await real.write(fd, bytes.subarray(0, bytes.length >> 1), position);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  };
  const { s } = await recover(dir, files);
  const w = s.writer();
  await assert.rejects(w.writeBatch('upsert', 'c', batchFor(3)), { code: 'QUOTA_EXCEEDED', message: /disk is full/ });
  assert.equal(statSync(segment).size, before, 'the half-written record was truncated away');
  assert.equal(w.durableSeq, 2);
  full = false;
  assert.equal(await w.writeBatch('upsert', 'c', batchFor(3)), 3, 'the failed record\'s number is used again');
  await w.close();
  const { s: again, r } = await recover(dir);
  assert.deepEqual(r.records.map((x) => x.seq), [1, 2, 3]);
  assert.ok(r.records.every((x, i) => isBatch(x, i + 1)));
  assert.deepEqual(r.recovery.dropped, []);
  await again.close();
});

test('when a failed append cannot be undone the storage refuses writes until it is reopened', async () => {
  const dir = freshDir();
  await writeLog(dir, [1]);
  const real = await nodeFiles();
  const files = {
    ...real,
    async write(fd, bytes, position) {
      await real.write(fd, bytes.subarray(0, 5), position);
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    },
    truncate: async () => { throw Object.assign(new Error('EIO: i/o error, ftruncate'), { code: 'EIO' }); },
  };
  const { s } = await recover(dir, files);
  const w = s.writer();
  await assert.rejects(w.writeBatch('upsert', 'c', batchFor(2)), { code: 'STORAGE_ERROR', message: /EIO/ });
  await new Promise((resolve) => setTimeout(resolve, 20));
  await assert.rejects(w.writeBatch('upsert', 'c', batchFor(2)), { code: 'STORAGE_ERROR', message: /until it is reopened/ });
  await w.close();
  const { s: again, r } = await recover(dir);
  assert.deepEqual(r.records.map((x) => x.seq), [1], 'the acknowledged record');
  assert.deepEqual(r.recovery.dropped.map((d) => [d.reason, d.bytes]), [['torn', 5]], 'the 5 stray bytes are cut');
  await again.close();
});

test('an empty segment left by a crash right after its creation is skipped and the writer starts the next one', async () => {
  const dir = freshDir();
  await writeLog(dir, [1, 2]);
  writeFileSync(join(dir, 'wal-0000000009.log'), '');
  const { s, r } = await recover(dir);
  assert.deepEqual(r.records.map((x) => x.seq), [1, 2]);
  const w = s.writer();
  await w.writeBatch('upsert', 'c', batchFor(3));
  await w.close();
  assert.ok(readdirSync(dir).includes('wal-0000000010.log'));
  const { s: again, r: r2 } = await recover(dir);
  assert.deepEqual(r2.records.map((x) => x.seq), [1, 2, 3]);
  await again.close();
});

test('a path that is a file cannot hold a log', async () => {
  const file = join(root, 'plain-file');
  writeFileSync(file, 'x');
  await assert.rejects(openLogStorage(file, { storage: 'file' }), { code: 'STORAGE_ERROR' });
});

test("a checkpoint file's CRC-32 is zlib's for every length (the linear-memory slicing-by-8 kernel against node:zlib)", async () => {
  const { crc32 } = await import('node:zlib');
  const seed = 20261207;
  let x = seed;
  const random = (len) => {
    const b = new Uint8Array(len);
    for (let i = 0; i < len; i++) { x = (Math.imul(x, 1103515245) + 12345) >>> 0; b[i] = x >>> 24; }
    return b;
  };
  // Tails of every length 0..7 after whole words, and past the kernel's 16 MiB piece.
  const lengths = [1, 2, 7, 8, 9, 15, 16, 17, 1000003, (16 << 20) + 13];
  const dir = freshDir();
  const s = await openLogStorage(dir, { storage: 'file' });
  await s.recover();
  const w = s.writer();
  await w.writeBatch('upsert', 'c', batchFor(1));
  for (const len of lengths) {
    await w.checkpoint(random(len));
    const newest = readdirSync(dir).filter((f) => f.startsWith('checkpoint-')).sort().at(-1);
    const file = readFileSync(join(dir, newest));
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    assert.equal(view.getUint32(20, true), len, `seed ${seed}: ${newest}'s length`);
    assert.equal(view.getUint32(24, true), crc32(file.subarray(32)), `seed ${seed}: ${newest} (${len} bytes)`);
  }
  await w.close();
  // The newest one reads back (its CRC checked on the way in).
  const { s: again, r } = await recover(dir);
  assert.equal(r.checkpoint.bytes.length, lengths.at(-1));
  await again.close();
});
