// The write-ahead log storage contract (wal-contract.js) against the Node storages: memory and files.
// Browsers run the same cases against IndexedDB and OPFS (browser-tests/test/wal-storage.test.mjs).
import { test, describe, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init, { _openLogStorage as openLogStorage, _logRecords as records } from '../dist/teavec.js';
import { nodeFiles } from '../src/wal-node-files.js';
import { walContract } from './wal-contract.js';

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

const backends = {
  memory: {
    open: (name) => openLogStorage(name, { storage: 'memory' }),
    quota: (name) => openLogStorage(name, { storage: 'memory', quotaBytes: 300_000 }),
  },
  file: {
    open: (name) => openLogStorage(join(dirs, name), { storage: 'file' }),
    quota: async (name) => openLogStorage(join(dirs, name), { storage: 'file', files: await fullDisk(300_000) }),
  },
};

for (const [backend, env] of Object.entries(backends)) {
  describe(`${backend} log storage`, () => {
    walContract.forEach((c, i) => {
      test(c.name, () => c.run({ ...env, records }, `contract-${backend}-${i}`));
    });
  });
}
