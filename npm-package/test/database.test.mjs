// The database contract (database-contract.js) against the Node storages: memory and files. Browsers run the
// same cases against IndexedDB and OPFS (browser-tests/test/database-storage.test.mjs).
import { test, describe, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init, { openDatabase } from '../dist/teavec.js';
import { databaseContract } from './database-contract.js';

await init();

const dirs = mkdtempSync(join(tmpdir(), 'teavec-db-'));
after(() => rmSync(dirs, { recursive: true, force: true }));

const backends = {
  memory: {
    open: (name, options) => openDatabase(name, { storage: 'memory', ...options }),
    quota: (name) => openDatabase(name, { storage: 'memory', quotaBytes: 300_000 }),
    follows: true,
  },
  file: {
    open: (name, options) => openDatabase(join(dirs, name), { storage: 'file', ...options }),
    quota: null,
    follows: true,
  },
};

for (const [backend, env] of Object.entries(backends)) {
  describe(`${backend} database`, () => {
    databaseContract.forEach((c, i) => {
      test(c.name, { skip: c.needsQuota && !env.quota ? 'no quota on this storage' : false },
        () => c.run(env, `db-${backend}-${i}`));
    });
  });
}
