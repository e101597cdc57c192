// The write-ahead log storage contract (wal-contract.js) against the Node storages: memory and files.
// Browsers run the same cases against IndexedDB and OPFS (browser-tests/test/wal-storage.test.mjs).
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, openSync, readSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init, { _openLogStorage as openLogStorage, _logRecords as records } from '../dist/teavec.js';
import { nodeFiles } from '../src/wal-node-files.js';
import { walContract, batchFor } from './wal-contract.js';

await init();

/** node:fs as the file storage sees it, except that the disk is full after `limit` bytes: a write then stores part of its bytes and fails with ENOSPC. */
export async function fullDisk(limit) {
  const real = await nodeFiles();
  let used = 0;
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  return {
    ...real,
    async write(fd, bytes, position) {
      if (used + bytes.length > limit) {
        const part = Math.max(0, Math.min(bytes.length - 1, limit - used));
        if (part > 0) await real.write(fd, bytes.subarray(0, part), position);
        used += part;
        throw enospc();
      }
      used += bytes.length;
      return real.write(fd, bytes, position);
    },
    async writeAtomic(path, header, body) {
      if (used + header.length + body.length > limit) throw enospc();
      used += header.length + body.length;
      return real.writeAtomic(path, header, body);
    },
  };
}

const dirs = mkdtempSync(join(tmpdir(), 'teavec-wal-'));
after(() => rmSync(dirs, { recursive: true, force: true }));

/** Flips a bit of byte `at` of checkpoint `generation`'s snapshot (after its 32-byte header) in its file. */
function damageCheckpoint(name, generation, at) {
  const fd = openSync(join(dirs, name, `checkpoint-${String(generation).padStart(10, '0')}.tvck`), 'r+');
  const one = Buffer.alloc(1);
  readSync(fd, one, 0, 1, 32 + at);
  one[0] ^= 0x10;
  writeSync(fd, one, 0, 1, 32 + at);
  closeSync(fd);
}

const backends = {
  memory: {
    open: (name) => openLogStorage(name, { storage: 'memory' }),
    quota: (name) => openLogStorage(name, { storage: 'memory', quotaBytes: 300_000 }),
  },
  file: {
    open: (name) => openLogStorage(join(dirs, name), { storage: 'file' }),
    quota: async (name) => openLogStorage(join(dirs, name), { storage: 'file', files: await fullDisk(300_000) }),
    damageCheckpoint,
  },
};

for (const [backend, env] of Object.entries(backends)) {
  describe(`${backend} log storage`, () => {
    walContract.forEach((c, i) => {
      test(c.name, () => c.run({ ...env, records }, `contract-${backend}-${i}`));
    });
  });
}

describe('writer failures (memory storage with a quota)', () => {
  test('a checkpoint that does not fit fails with QUOTA_EXCEEDED and leaves the log as it was', async () => {
    const open = () => openLogStorage('checkpoint-quota', { storage: 'memory', quotaBytes: 50_000 });
    const s = await open();
    await s.recover();
    const w = s.writer();
    for (let k = 1; k <= 5; k++) await w.writeBatch('upsert', 'c', batchFor(k));
    await assert.rejects(w.checkpoint(new Uint8Array(60_000)), { code: 'QUOTA_EXCEEDED' });
    assert.equal(w.generation, 0);
    assert.equal(await w.writeBatch('upsert', 'c', batchFor(6)), 6, 'the log goes on');
    assert.deepEqual(await w.checkpoint(new Uint8Array(10)), { generation: 2, seq: 6 }, 'generation 1 stays used up');
    await w.close();
    const again = await open();
    const r = await again.recover();
    assert.deepEqual([r.checkpoint.generation, r.checkpoint.seq, r.records.length], [2, 6, 0]);
  });

  test('under relaxed durability a failed background write makes every later call reject', async () => {
    const s = await openLogStorage('relaxed-quota', { storage: 'memory', quotaBytes: 10_000 });
    await s.recover();
    const w = s.writer({ durability: 'relaxed', flushIntervalMs: 5 });
    for (let k = 1; k <= 40; k++) await w.writeBatch('upsert', 'c', batchFor(k, 64));
    await assert.rejects(w.flush(), { code: 'QUOTA_EXCEEDED', message: /acknowledged under relaxed durability were lost/ });
    await assert.rejects(w.writeBatch('upsert', 'c', batchFor(41)), { code: 'QUOTA_EXCEEDED' });
    await w.close();
  });
});
