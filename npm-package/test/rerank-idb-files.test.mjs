// The IndexedDB rows files of rerank: 'storage' (src/rerank-idb-files.js) on fake-indexeddb: written whole in
// chunks, read back through settle() byte for byte as the file tier reads them, listed after a reopen, removed.
// The whole feature (openDatabase on IndexedDB) runs in Chromium: browser-tests/test/database-storage.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { idbRowFiles, CHUNK } from '../src/rerank-idb-files.js';
import { RowsFile, writeRowsFile, removeOtherRowsFiles, rowsFileName } from '../src/rerank-rows-file.js';
import { rng } from './random.js';

function section(name, seed, count, dims) {
  const random = rng(seed);
  const ids = Int32Array.from({ length: count }, (_, i) => i * 3 + 1);
  const taken = new Map([...ids].map((id) => [id, Float32Array.from({ length: dims }, () => random() * 2 - 1)]));
  return { name, dims, snap: { ids, taken, checkpointed: null } };
}

test('a rows file written to IndexedDB reads back row for row, across a reopen, and is removed', async () => {
  const factory = new IDBFactory();
  const sections = [section('a', 1, 700, 24), section('b', 2, 90, 7)];
  let files = await idbRowFiles('db', factory);
  writeRowsFile(files, 42, sections);
  await files.written;
  assert.ok(files.exists(rowsFileName(42)));
  const size = files.open(rowsFileName(42)).size;
  assert.ok(size > 3 * CHUNK, `several chunks (${size} bytes)`);
  assert.throws(() => new RowsFile(files, 42), /outside settle/, 'a synchronous read without settle is refused');
  files.close();

  files = await idbRowFiles('db', factory);
  assert.deepEqual(files.list(), [rowsFileName(42)], 'listed after reopening');
  const file = await files.settle(() => new RowsFile(files, 42));
  for (const { name, snap } of sections) {
    const rows = file.section(name);
    assert.equal(rows.count, snap.ids.length);
    // Every row at once (every chunk), then a few scattered ones: both in one settle each.
    const all = await files.settle(() => [...snap.ids].map((id) => rows.read(id)));
    all.forEach((row, i) => assert.deepEqual(row, snap.taken.get(snap.ids[i]), `${name}: row of ${snap.ids[i]}`));
    const some = [snap.ids[5], snap.ids.at(-1), snap.ids[0]];
    const got = await files.settle(() => some.map((id) => rows.read(id)));
    got.forEach((row, i) => assert.deepEqual(row, snap.taken.get(some[i])));
    assert.equal(await files.settle(() => rows.read(2)), null, 'an id the checkpoint did not hold');
  }
  // A second checkpoint's file, copying the first's rows through settle as the tier does.
  const copied = sections.map(({ name, dims, snap }) => ({
    name, dims, snap: { ids: snap.ids, taken: new Map(), checkpointed: file.section(name) },
  }));
  await files.settle(() => copied.forEach(({ snap }) => snap.ids.forEach((id) => snap.checkpointed.read(id))), () => {
    writeRowsFile(files, 50, copied);
    return files.written;
  });
  removeOtherRowsFiles(files, [50]);
  assert.deepEqual(files.list(), [rowsFileName(50)]);
  const second = await files.settle(() => new RowsFile(files, 50));
  const row = await files.settle(() => second.section('a').read(sections[0].snap.ids[333]));
  assert.deepEqual(row, sections[0].snap.taken.get(sections[0].snap.ids[333]), 'the copy holds the same rows');
  files.close();

  files = await idbRowFiles('db', factory);
  assert.deepEqual(files.list(), [rowsFileName(50)], 'the removed file stays removed after reopening');
  files.close();
});
