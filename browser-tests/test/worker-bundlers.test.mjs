// teavec/worker through the bundlers apps use: a small app imports 'teavec' and 'teavec/worker', is built by
// Vite and by webpack 5 (no configuration for either: the Node-only code sits behind the package's `#teavec-node`
// import, which is an empty module outside the `node` condition), served as built and run in Chromium. The worker
// script and teavec.wasm must be found through their `new URL(…, import.meta.url)`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launchChromium } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..', '..', 'npm-package');
const env = {};

const APP = `
import { EdgeVecConfig } from 'teavec';
import { createWorkerIndex } from 'teavec/worker';
const index = await createWorkerIndex(Object.assign(new EdgeVecConfig(3), { metric: 'l2' }));
await index.insertBatch([new Float32Array([1, 2, 3]), new Float32Array([4, 5, 6])]);
window.__result = { hits: await index.search(new Float32Array([4, 5, 6]), 1), size: index.size, kernels: index.kernels };
await index.free();
`;

before(async () => {
  env.dir = mkdtempSync(join(tmpdir(), 'teavec-bundlers-'));
  // The package as an app has it installed: package.json (its exports) and dist/.
  const installed = join(env.dir, 'node_modules', 'teavec');
  mkdirSync(installed, { recursive: true });
  cpSync(join(packageDir, 'package.json'), join(installed, 'package.json'));
  cpSync(join(packageDir, 'dist'), join(installed, 'dist'), { recursive: true });
  mkdirSync(join(env.dir, 'src'));
  writeFileSync(join(env.dir, 'src', 'main.js'), APP);
  writeFileSync(join(env.dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  writeFileSync(join(env.dir, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">'
    + '<script type="module" src="/src/main.js"></script>');
  env.browser = await launchChromium();
});

after(async () => {
  await env.browser?.close();
  rmSync(env.dir, { recursive: true, force: true });
});

async function runBuilt(outDir, page = 'index.html') {
  const server = await startStaticServer({ mounts: { '/': outDir } });
  const tab = await env.browser.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e));
  try {
    await tab.goto(`${server.url}/${page}`);
    await tab.waitForFunction(() => window.__result, null, { timeout: 60_000 });
    const result = await tab.evaluate(() => window.__result);
    assert.deepEqual(result.hits, [{ id: 1, score: 0 }]);
    assert.equal(result.size, 2);
    assert.deepEqual(errors, []);
  } finally {
    await tab.close();
    await server.close();
  }
}

test('Vite: built with no configuration, the worker and teavec.wasm are found', async () => {
  const outDir = join(env.dir, 'vite-dist');
  await viteBuild({ root: env.dir, logLevel: 'silent', build: { outDir, target: 'esnext' } });
  await runBuilt(outDir);
});

test('webpack 5: built with no configuration, the worker and teavec.wasm are found', async () => {
  const outDir = join(env.dir, 'webpack-dist');
  const stats = await new Promise((resolve, reject) => {
    webpack({
      mode: 'production',
      context: env.dir,
      entry: './src/main.js',
      output: { path: outDir },
    }, (err, s) => (err ? reject(err) : resolve(s)));
  });
  assert.ok(!stats.hasErrors(), stats.toString({ all: false, errors: true }));
  writeFileSync(join(outDir, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script src="main.js"></script>');
  await runBuilt(outDir);
});
