// teavec/quantization's init() after teavec's: the core engine is already loaded, so it must say so (one engine
// per page: two would give two sets of indexes that cannot meet).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import coreInit, { EdgeVec, EdgeVecConfig } from '../dist/teavec.js';
import init from '../dist/quantization.js';

test("teavec/quantization's init() after teavec's: LOAD_FAILED naming the order", async () => {
  await coreInit();
  const config = new EdgeVecConfig(8);
  config.quantization = 'pq';
  assert.throws(() => new EdgeVec(config),
    (e) => e.code === 'NOT_SUPPORTED' && e.message.includes("import init from 'teavec/quantization'"));
  await assert.rejects(init(), (e) => e.code === 'LOAD_FAILED' && e.message.includes('instead of teavec'));
});
