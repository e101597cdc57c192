// Small API gaps found by running EdgeVec and Chroma code unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPacked } from './helpers.mjs';

const teavec = await importPacked();
const { EdgeVec, EdgeVecConfig, Database, TeaVecError } = teavec;
await teavec.default();

test('EdgeVec getMetadata(id) with the key omitted returns the whole record, as EdgeVec\'s wrapper does', () => {
  const index = new EdgeVec(new EdgeVecConfig(2));
  const id = index.insertWithMetadata(new Float32Array([1, 2]), { a: 1, tags: ['x'] });
  const bare = index.insert(new Float32Array([2, 1]));
  assert.deepEqual(index.getMetadata(id), { a: 1, tags: ['x'] });
  assert.deepEqual(index.getMetadata(id, undefined), { a: 1, tags: ['x'] });
  assert.equal(index.getMetadata(id, 'a'), 1);
  assert.equal(index.getMetadata(bare), undefined, 'no record: undefined, as getAllMetadata');
  assert.equal(index.getMetadata(999), undefined, 'unknown id: undefined, as for a key');
  assert.throws(() => index.getMetadata(id, ''), (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT');
  assert.throws(() => index.getMetadata(id, null), (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT');
  index.free();
});
