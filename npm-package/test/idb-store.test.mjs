// Node has no IndexedDB: every snapshot-store function fails with NOT_SUPPORTED, in the JS wrapper and in
// the engine itself. (The store is tested in Chromium by browser-tests/test/idb-*.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageDir } from './helpers.mjs';
import init, {
  saveSnapshot, loadSnapshot, listGenerations, deleteSnapshot, requestPersistence, onSnapshotChange, TeaVecError,
} from '../dist/teavec.js';

const engine = await init();

function isNotSupported(e) {
  assert.ok(e instanceof TeaVecError, `expected a TeaVecError, got ${e}`);
  assert.equal(e.code, 'NOT_SUPPORTED');
  assert.match(e.message, /IndexedDB/);
  return true;
}

test('the snapshot functions reject with NOT_SUPPORTED in Node', async () => {
  assert.equal(typeof indexedDB, 'undefined');
  await assert.rejects(saveSnapshot('x', new Int8Array(3)), isNotSupported);
  await assert.rejects(loadSnapshot('x'), isNotSupported);
  await assert.rejects(listGenerations('x'), isNotSupported);
  await assert.rejects(deleteSnapshot('x'), isNotSupported);
  await assert.rejects(requestPersistence(), isNotSupported);
  assert.throws(() => onSnapshotChange('x', () => {}), isNotSupported);
});

test('the engine checks too: its store throws "NOT_SUPPORTED: ..." without IndexedDB', () => {
  const store = engine.snapshotStore();
  assert.throws(() => store.saveSnapshot('x', new Int8Array(3), 0, null), (e) => e.message.startsWith('NOT_SUPPORTED: IndexedDB'));
  assert.throws(() => store.loadSnapshot('x', null), /NOT_SUPPORTED/);
  assert.equal(store.defaultChunkBytes, 4 * 1024 * 1024);
});

test('TypeScript accepts the snapshot functions against the typings', () => {
  const project = mkdtempSync(join(tmpdir(), 'teavec-idb-types-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(packageDir, join(project, 'node_modules', 'teavec'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  writeFileSync(join(project, 'usage.ts'), `
import { saveSnapshot, loadSnapshot, listGenerations, deleteSnapshot, requestPersistence, onSnapshotChange,
  TeaVecError, type SavedSnapshot, type LoadedSnapshot, type SnapshotChange } from 'teavec';
const saved: SavedSnapshot = await saveSnapshot('docs', new Uint8Array(4), { onProgress: (d, t) => void (d / t), chunkBytes: 1 << 20 });
const loaded: LoadedSnapshot | null = await loadSnapshot('docs', { onProgress: () => {} });
const bytes: Int8Array | undefined = loaded?.bytes;
const newest: number = (await listGenerations('docs'))[0].generation;
await deleteSnapshot('docs');
const persisted: boolean = await requestPersistence();
const stop: () => void = onSnapshotChange('docs', (c: SnapshotChange) => { if (c.type === 'saved') void c.generation; });
try { await saveSnapshot('docs', new ArrayBuffer(1)); } catch (e) {
  if (e instanceof TeaVecError && (e.code === 'QUOTA_EXCEEDED' || e.code === 'STORAGE_ERROR' || e.code === 'NOT_SUPPORTED')) stop();
}
// @ts-expect-error bytes must be binary
await saveSnapshot('docs', [1, 2, 3]);
void saved; void bytes; void newest; void persisted;
`);
  execFileSync(process.execPath, [join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict',
    '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', 'usage.ts'], { cwd: project, stdio: 'inherit' });
  rmSync(project, { recursive: true, force: true });
});
