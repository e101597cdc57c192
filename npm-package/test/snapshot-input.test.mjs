// What fromBytes takes: every ArrayBufferView the typings promise (DataView included) and ArrayBuffer;
// and a snapshot is checked on its header before its bytes are copied into the engine, so that a
// large buffer of garbage is refused at once instead of being copied whole first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourceUsage } from 'node:process';
import { importPacked } from './helpers.mjs';

const teavec = await importPacked();
const { EdgeVec, EdgeVecConfig, Database, TeaVecError } = teavec;
await teavec.default();

const LARGE = 256 << 20;
const peakBytes = () => resourceUsage().maxRSS * 1024;

function corrupt(pattern) {
  return (e) => {
    assert.ok(e instanceof TeaVecError, `a TeaVecError, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.code, 'CORRUPT_SNAPSHOT');
    assert.match(e.message, pattern);
    return true;
  };
}

// First in this file, so that nothing before it raised the process's peak memory.
test(`a ${LARGE >> 20} MiB buffer is refused on its header alone, without the engine copying it`, () => {
  // Fresh pages that were never written: they take no memory until something copies them.
  const zeros = new Uint8Array(LARGE);
  const index = new EdgeVec(new EdgeVecConfig(2));
  index.insert(new Float32Array([1, 2]));
  const snapshot = index.toBytes();
  const padded = new Uint8Array(LARGE);
  padded.set(snapshot);
  const before = peakBytes();
  assert.throws(() => EdgeVec.fromBytes(zeros), corrupt(/not a TeaVec snapshot/));
  assert.throws(() => Database.fromBytes(zeros.buffer), corrupt(/not a TeaVec snapshot/));
  assert.throws(() => EdgeVec.fromBytes(new DataView(zeros.buffer)), corrupt(/not a TeaVec snapshot/));
  // A valid header, but the bytes present are not the length it states.
  assert.throws(() => EdgeVec.fromBytes(padded), corrupt(new RegExp(`the header says ${snapshot.length} bytes, ${LARGE} are present`)));
  const grown = peakBytes() - before;
  assert.ok(grown < 64 << 20, `peak memory grew by ${(grown / 2 ** 20).toFixed(1)} MiB while refusing ${LARGE >> 20} MiB buffers`);
  index.free();
});

test('fromBytes takes every ArrayBufferView and ArrayBuffer, at any offset', () => {
  const index = new EdgeVec(new EdgeVecConfig(3));
  index.insertWithMetadata(new Float32Array([1, 2, 3]), { a: 'x' });
  const bytes = index.toBytes();
  const db = new Database();
  db.createCollection('c').add({ ids: ['k'], embeddings: [[1, 2]] });
  const dbBytes = db.toBytes();
  for (const [name, load, raw, check] of [
    ['EdgeVec', EdgeVec.fromBytes, bytes, (x) => assert.deepEqual(x.getAllMetadata(0), { a: 'x' })],
    ['Database', Database.fromBytes, dbBytes, (x) => assert.deepEqual(x.getCollection('c').get().ids, ['k'])],
  ]) {
    // The snapshot at byte offset 8 of a larger buffer (8 keeps every element size aligned).
    const buffer = new ArrayBuffer(raw.length + 16);
    new Uint8Array(buffer, 8, raw.length).set(raw);
    const views = {
      Uint8Array: new Uint8Array(buffer, 8, raw.length),
      Int8Array: new Int8Array(buffer, 8, raw.length),
      Uint8ClampedArray: new Uint8ClampedArray(buffer, 8, raw.length),
      DataView: new DataView(buffer, 8, raw.length),
      Buffer: Buffer.from(buffer, 8, raw.length),
      ArrayBuffer: buffer.slice(8, 8 + raw.length),
    };
    if (raw.length % 2 === 0) views.Uint16Array = new Uint16Array(buffer, 8, raw.length / 2);
    if (raw.length % 8 === 0) views.Float64Array = new Float64Array(buffer, 8, raw.length / 8);
    for (const [kind, view] of Object.entries(views)) {
      const loaded = load(view);
      check(loaded);
      loaded.free();
      assert.ok(kind, `${name} from a ${kind}`);
    }
    assert.throws(() => load([1, 2, 3]), (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT');
    assert.throws(() => load('snapshot'), (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT');
  }
  index.free();
  db.free();
});
