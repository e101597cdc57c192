// The database contract (database-contract.js) against the Node storages: memory and files. Browsers run the
// same cases against IndexedDB and OPFS (browser-tests/test/database-storage.test.mjs).
import { test, describe, after } from 'node:test';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import init, { openDatabase, EdgeVec, EdgeVecConfig } from '../dist/teavec.js';
import { databaseContract } from './database-contract.js';

await init();
const packageDir = fileURLToPath(new URL('..', import.meta.url));

const dirs = mkdtempSync(join(tmpdir(), 'teavec-db-'));
after(() => rmSync(dirs, { recursive: true, force: true }));

/** The contract's plain config object as an EdgeVecConfig (undefined stays undefined). */
const configOf = (plain) => plain && (({ dimensions, ...rest }) => Object.assign(new EdgeVecConfig(dimensions), rest))(plain);

const backends = {
  memory: {
    open: (name, options) => openDatabase(name, { storage: 'memory', ...options }),
    openIndex: (name, config, options) => EdgeVec.open(name, configOf(config), { storage: 'memory', ...options }),
    quota: (name) => openDatabase(name, { storage: 'memory', quotaBytes: 300_000 }),
    followers: true,
  },
  file: {
    open: (name, options) => openDatabase(join(dirs, name), { storage: 'file', ...options }),
    openIndex: (name, config, options) => EdgeVec.open(join(dirs, name), configOf(config), { storage: 'file', ...options }),
    quota: null,
    followers: true,
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

test('TypeScript accepts openDatabase and its collections against the typings', () => {
  const project = mkdtempSync(join(tmpdir(), 'teavec-db-types-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(packageDir, join(project, 'node_modules', 'teavec'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  writeFileSync(join(project, 'usage.ts'), `
import init, { openDatabase, EdgeVec, EdgeVecConfig, TeaVecError, type PersistentDatabase, type PersistentCollection,
  type RecoveryReport, type PersistentEdgeVec } from 'teavec';
await init();
const db: PersistentDatabase = await openDatabase('notes', { storage: 'auto', durability: 'relaxed', flushIntervalMs: 50 });
const report: RecoveryReport = db.recovery;
const notes: PersistentCollection = await db.getOrCreateCollection({ name: 'notes', metadata: { 'hnsw:space': 'cosine' } });
await notes.add({ ids: ['a'], embeddings: [[1, 2, 3]], metadatas: [{ tag: 'x' }], documents: ['hello'] });
const deleted: string[] = await notes.delete({ where: { tag: 'x' } });
await notes.modify({ name: 'renamed', metadata: null });
const { generation, seq } = await db.checkpoint();
try { await db.createCollection('notes'); } catch (e) {
  if (e instanceof TeaVecError && (e.code === 'DUPLICATE_ID' || e.code === 'READ_ONLY')) void e.message;
}
await db.flush();
await db.close();
// @ts-expect-error storage names are a closed set
await openDatabase('x', { storage: 'localStorage' });
void report.dropped.length; void deleted; void generation; void seq; void notes.count();
const config = new EdgeVecConfig(3);
const index: PersistentEdgeVec = await EdgeVec.open('vectors', config, { storage: 'memory' });
const id: number = await index.insert(new Float32Array([1, 2, 3]));
const hits = index.search(new Float32Array([1, 2, 3]), 1);
await index.close();
void id; void hits[0].score;
`);
  execFileSync(process.execPath, [join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict',
    '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', 'usage.ts'], { cwd: project, stdio: 'inherit' });
  rmSync(project, { recursive: true, force: true });
});
