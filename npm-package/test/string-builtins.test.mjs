// The engine modules are compiled with the JS string builtins (src/init.js compileFrom, src/loader.js): a string
// crosses between JavaScript and the engine in bulk, not as one charCodeAt (JS → engine) or concat (engine → JS)
// call per character through the loader's wasm:js-string imports. Node 22 has the builtins.
import { test } from 'node:test';
import { deepStrictEqual as eq, ok } from 'node:assert/strict';
import init, { EdgeVec, EdgeVecConfig } from '../dist/teavec.js';

await init();

test('strings cross in bulk: a 4,000-character key and metadata text make no per-character calls, and come back exact', () => {
  const index = new EdgeVec(new EdgeVecConfig(4));
  // Non-ASCII, an emoji (a surrogate pair) and a lone surrogate, as keys may hold.
  const key = `k-é🙂\ud800-${'x'.repeat(4000)}`;
  const note = `ü-${'y'.repeat(4000)}`;
  const original = String.prototype.charCodeAt;
  let calls = 0;
  String.prototype.charCodeAt = function counted(i) {
    calls++;
    return original.call(this, i);
  };
  try {
    index.upsert(key, new Float32Array([1, 2, 3, 4]), { note });
  } finally {
    String.prototype.charCodeAt = original;
  }
  ok(calls < 100, `${calls} charCodeAt calls for ~8,000 characters sent to the engine`);
  const [hit] = index.search(new Float32Array([1, 2, 3, 4]), 1);
  eq(index.getMetadata(hit.id), { note }, 'the metadata text comes back exact');
  eq(index.keyOf(hit.id), key, 'the key comes back exact');
  index.free();
});
