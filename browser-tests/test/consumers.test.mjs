// The packed `teavec` as apps consume it: one `npm pack`ed tarball, installed into small fixture apps that each
// tool builds with its default production configuration (plus the one line the README gives for that tool, if
// any), served and run in one Chromium: the page inserts, searches and opens a database (teavec-wal.wasm) with a
// text query (teavec-text.wasm), and shows the result; no console error and no failed request is allowed. Also: a
// Cloudflare Worker bundled by `wrangler deploy --dry-run` run in workerd (miniflare) without nodejs_compat, and
// the typings under TypeScript's module resolutions with and without the DOM lib. Prints what each app ships.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as vite8 from 'vite';
import * as vite7 from 'vite7';
import webpack from 'webpack';
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { installPackedPackage, packageDir } from '../../npm-package/test/helpers.mjs';
import { launchChromium } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const testsDir = join(here, '..');
const env = { shipped: [] };

// The app: what the README's quick start and openDatabase sections do, written as a user would.
const RUN = `
import init, { EdgeVec, EdgeVecConfig, openDatabase } from 'teavec';

export async function run(name) {
  await init();
  const config = new EdgeVecConfig(3);
  config.metric = 'l2';
  const index = new EdgeVec(config);
  index.insert(new Float32Array([1, 2, 3]));
  index.insert(new Float32Array([4, 5, 6]));
  const hits = index.search(new Float32Array([4, 5, 6]), 1);
  // openDatabase loads teavec-wal.wasm; a text query loads teavec-text.wasm.
  const db = await openDatabase(name + '-' + Date.now(), { storage: 'indexeddb' });
  const notes = await db.getOrCreateCollection('notes');
  await notes.add({ ids: ['a', 'b'], embeddings: [[1, 0, 0], [0, 1, 0]], documents: ['quota exceeded in Safari', 'hello world'] });
  const text = await notes.query({ queryTexts: ['quota'], mode: 'text', nResults: 1 });
  await db.close();
  return { hits, text: text.ids[0] };
}
`;
const MAIN = `
import { run } from './run.js';
const out = document.getElementById('out');
try {
  const result = await run('page');
  out.textContent = JSON.stringify(result);
} catch (e) {
  out.textContent = 'failed: ' + (e && e.stack || e);
  throw e;
}
`;
// A module worker without top-level await (Vite's default worker format, iife, cannot hold one): the worker
// starts init() at once and awaits it in its message handler.
const WORKER_MAIN = `
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const out = document.getElementById('out');
worker.onmessage = ({ data }) => { out.textContent = typeof data === 'string' ? 'failed: ' + data : JSON.stringify(data); };
worker.onerror = (e) => { out.textContent = 'failed: ' + e.message; };
worker.postMessage('run');
`;
const WORKER = `
import { run } from './run.js';
self.onmessage = () => run('worker').then((result) => self.postMessage(result), (e) => self.postMessage(String(e && e.stack || e)));
`;
const EXPECTED = { hits: [{ id: 1, score: 0 }], text: ['a'] };
const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const html = (script, head = '') => '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">' + head
  + `<pre id="out"></pre><script ${script}></script>`;

/** A fixture app: `teavec` installed from the packed tarball, its sources, its index.html. */
function makeApp(name, { main = MAIN, worker = false, page = html('type="module" src="/src/main.js"') } = {}) {
  const dir = join(env.dir, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  cpSync(join(env.packed, 'node_modules', 'teavec'), join(dir, 'node_modules', 'teavec'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  writeFileSync(join(dir, 'src', 'run.js'), RUN);
  writeFileSync(join(dir, 'src', 'main.js'), main);
  if (worker) writeFileSync(join(dir, 'src', 'worker.js'), WORKER);
  writeFileSync(join(dir, 'index.html'), page);
  return dir;
}

/**
 * The gzip bytes of what an app's build emits: its JS (the app's own code is a few hundred bytes of it; chunks
 * loaded on first use included), teavec.wasm, and the side modules loaded on first use (teavec-wal.wasm by
 * openDatabase, teavec-text.wasm by text queries). teavec-simd.wasm, copied by `cp dist/*.wasm`, is never fetched
 * by a browser (the kernels ride in teavec.wasm's custom section) and is not counted.
 */
function shipped(tool, outDir) {
  const sizes = { js: 0, wasm: 0, side: 0 };
  const walk = (dir) => {
    for (const f of readdirSync(dir)) {
      const path = join(dir, f);
      const gz = () => gzipSync(readFileSync(path), { level: 9 }).length;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.m?js$/.test(f)) sizes.js += gz();
      else if (f.endsWith('.wasm')) {
        // Known by content: webpack names assets by hash.
        const kind = env.wasmKinds.get(sha256(path));
        if (kind === 'teavec.wasm') sizes.wasm += gz();
        else if (kind !== 'teavec-simd.wasm') sizes.side += gz();
      }
    }
  };
  walk(outDir);
  env.shipped.push({ tool, ...sizes });
}

/** The one line the README gives for esbuild and Rollup: put the package's .wasm files beside the bundle. */
function copyWasm(app, outDir) {
  const dist = join(app, 'node_modules', 'teavec', 'dist');
  for (const f of readdirSync(dist).filter((f) => f.endsWith('.wasm'))) cpSync(join(dist, f), join(outDir, f));
}

/** Loads `url` in a fresh tab: the app's result must show, with no console error and no failed request. */
async function expectApp(url) {
  const context = await env.browser.newContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  tab.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  tab.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`); });
  // Vite's dev server answers an unknown path with index.html: a .wasm must come back as wasm.
  tab.on('response', (r) => {
    if (/\.wasm(\?|$)/.test(r.url()) && !/application\/wasm/.test(r.headers()['content-type'] ?? '')) {
      errors.push(`${r.url()} served as ${r.headers()['content-type']}`);
    }
  });
  try {
    await tab.goto(url);
    await tab.waitForFunction(() => document.getElementById('out')?.textContent, null, { timeout: 60_000 });
    const text = await tab.evaluate(() => document.getElementById('out').textContent);
    assert.ok(text.startsWith('{'), text);
    assert.deepEqual(JSON.parse(text), EXPECTED);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

async function serve(dir) {
  const server = await startStaticServer({ mounts: { '/': dir } });
  try {
    await expectApp(`${server.url}/index.html`);
  } finally {
    await server.close();
  }
}

before(async () => {
  env.packed = installPackedPackage();
  const dist = join(env.packed, 'node_modules', 'teavec', 'dist');
  env.wasmKinds = new Map(readdirSync(dist).filter((f) => f.endsWith('.wasm'))
    .map((f) => [sha256(join(dist, f)), f]));
  env.dir = mkdtempSync(join(tmpdir(), 'teavec-consumers-'));
  env.browser = await launchChromium();
});

after(async () => {
  await env.browser?.close();
  if (env.dir) rmSync(env.dir, { recursive: true, force: true });
  if (env.shipped.length) {
    const kb = (n) => (n / 1024).toFixed(1).padStart(6);
    console.log('# what each app ships for TeaVec, KB gzip: JS + teavec.wasm = at start; + side modules loaded on first use');
    for (const { tool, js, wasm, side } of env.shipped) {
      console.log(`#   ${tool.padEnd(22)} JS ${kb(js)} + teavec.wasm ${kb(wasm)} = ${kb(js + wasm)}; + wal/text .wasm ${kb(side)}`);
    }
  }
});

// Vite 7 needs what the README says for it: its dev server pre-bundles teavec (then teavec.wasm is looked for
// in .vite/deps/ and index.html comes back), and its default worker format (iife) cannot hold teavec's lazily
// loaded chunks. Vite 8 needs nothing.
const VITES = [
  ['Vite 8', vite8, { dev: {}, worker: {} }],
  ['Vite 7', vite7, { dev: { optimizeDeps: { exclude: ['teavec'] } }, worker: { worker: { format: 'es' } } }],
];
for (const [label, vite, oneLine] of VITES) {
  const name = label.replace(' ', '').toLowerCase();
  const says = (config) => (Object.keys(config).length ? ` (${JSON.stringify(config).replace(/"/g, '')})` : ' (default configuration)');

  test(`${label} build (default configuration)`, async () => {
    const app = makeApp(`${name}-page`);
    await vite.build({ root: app, logLevel: 'silent', configFile: false });
    shipped(`${label} build`, join(app, 'dist'));
    await serve(join(app, 'dist'));
  });

  test(`${label} build, teavec in a module worker${says(oneLine.worker)}`, async () => {
    const app = makeApp(`${name}-worker`, { main: WORKER_MAIN, worker: true });
    await vite.build({ root: app, logLevel: 'silent', configFile: false, ...oneLine.worker });
    shipped(`${label} build, worker`, join(app, 'dist'));
    await serve(join(app, 'dist'));
  });

  test(`${label} dev server${says(oneLine.dev)}`, async () => {
    const app = makeApp(`${name}-dev`);
    const server = await vite.createServer({ root: app, logLevel: 'silent', configFile: false, server: { port: 0, host: '127.0.0.1' }, ...oneLine.dev });
    await server.listen();
    try {
      await expectApp(server.resolvedUrls.local[0]);
    } finally {
      await server.close();
    }
  });
}

test('webpack 5 (production mode, no configuration)', async () => {
  const app = makeApp('webpack', { page: html('src="main.js"') });
  const outDir = join(app, 'dist');
  const stats = await new Promise((resolve, reject) => {
    webpack({ mode: 'production', context: app, entry: './src/main.js', output: { path: outDir } },
      (err, s) => (err ? reject(err) : resolve(s)));
  });
  assert.ok(!stats.hasErrors(), stats.toString({ all: false, errors: true }));
  shipped('webpack 5', outDir);
  writeFileSync(join(outDir, 'index.html'), html('src="main.js"'));
  await serve(outDir);
});

test('esbuild (--bundle --format=esm; the .wasm files copied beside the bundle)', async () => {
  const app = makeApp('esbuild');
  const outDir = join(app, 'dist');
  await esbuild.build({ entryPoints: [join(app, 'src', 'main.js')], bundle: true, format: 'esm', outdir: outDir, logLevel: 'silent' });
  copyWasm(app, outDir);
  shipped('esbuild', outDir);
  writeFileSync(join(outDir, 'index.html'), html('type="module" src="main.js"'));
  await serve(outDir);
});

test('Rollup + @rollup/plugin-node-resolve (the .wasm files copied beside the bundle)', async () => {
  const app = makeApp('rollup');
  const outDir = join(app, 'dist');
  const bundle = await rollup({ input: join(app, 'src', 'main.js'), plugins: [nodeResolve()], onwarn: () => {} });
  await bundle.write({ dir: outDir, format: 'es' });
  await bundle.close();
  copyWasm(app, outDir);
  shipped('Rollup', outDir);
  writeFileSync(join(outDir, 'index.html'), html('type="module" src="main.js"'));
  await serve(outDir);
});

test('a bundle built for browsers, run in Node anyway: saveToFile fails with NOT_SUPPORTED, no node: import in it', async () => {
  const app = makeApp('browser-bundle-in-node');
  writeFileSync(join(app, 'src', 'save.js'), `
import init, { EdgeVec, EdgeVecConfig } from 'teavec';
export async function save(bytes, path) {
  await init(bytes);
  const index = new EdgeVec(new EdgeVecConfig(2));
  index.insert(new Float32Array([1, 0]));
  return index.saveToFile(path).then(() => 'saved', (e) => e.code + ': ' + e.message);
}
`);
  const outfile = join(app, 'dist', 'save.js');
  await esbuild.build({ entryPoints: [join(app, 'src', 'save.js')], bundle: true, format: 'esm', platform: 'browser', outfile, logLevel: 'silent' });
  assert.doesNotMatch(readFileSync(outfile, 'utf8'), /["'`]node:/);
  const { save } = await import(pathToFileURL(outfile).href);
  const said = await save(readFileSync(join(app, 'node_modules', 'teavec', 'dist', 'teavec.wasm')), join(app, 'x.tvec'));
  assert.match(said, /^NOT_SUPPORTED: saveToFile needs Node\.js, and this bundle was built with teavec's browser entry/);
});

test('an import map, no build step', async () => {
  const importMap = '<script type="importmap">{"imports":{"teavec":"/node_modules/teavec/dist/teavec.js"}}</script>';
  const app = makeApp('importmap', { page: html('type="module" src="/src/main.js"', importMap) });
  await serve(app);
});

test('Cloudflare Worker: bundled by `wrangler deploy --dry-run`, run in workerd without nodejs_compat', async () => {
  const app = makeApp('wrangler');
  writeFileSync(join(app, 'src', 'worker.js'), `
import init, { EdgeVec, EdgeVecConfig } from 'teavec';
import wasmModule from 'teavec/teavec.wasm';

export default {
  async fetch() {
    await init({ module: wasmModule });
    const config = new EdgeVecConfig(3);
    config.metric = 'l2';
    const index = new EdgeVec(config);
    index.insert(new Float32Array([1, 2, 3]));
    index.insert(new Float32Array([4, 5, 6]));
    return Response.json(index.search(new Float32Array([4, 5, 6]), 1));
  },
};
`);
  writeFileSync(join(app, 'wrangler.toml'), 'name = "teavec-consumer"\nmain = "src/worker.js"\ncompatibility_date = "2025-09-01"\n');
  const outDir = join(app, 'out');
  execFileSync(process.execPath, [join(testsDir, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), 'deploy', '--dry-run', '--outdir', outDir], {
    cwd: app, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
  });
  const bundle = readFileSync(join(outDir, 'worker.js'), 'utf8');
  assert.doesNotMatch(bundle, /["']node:/, 'no node: import in the Worker bundle');
  rmSync(join(outDir, 'worker.js.map'), { force: true });
  shipped('wrangler (Worker)', outDir);
  // miniflare: the npm package's devDependency (the one its own workerd test runs on).
  const { Miniflare } = await import(createRequire(join(packageDir, 'package.json')).resolve('miniflare'));
  const mf = new Miniflare({
    compatibilityDate: '2025-09-01', modules: true, modulesRoot: outDir, scriptPath: join(outDir, 'worker.js'),
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
  });
  try {
    const res = await mf.dispatchFetch('http://localhost/');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), [{ id: 1, score: 0 }]);
  } finally {
    await mf.dispose();
  }
});

test('TypeScript: the typings check under bundler, node16 and nodenext, with and without the DOM lib', () => {
  const app = makeApp('typescript');
  // Every entry; what needs the DOM lib (a WebAssembly.Module) only where it is there.
  const usage = (dom) => `
import init, { EdgeVec, EdgeVecConfig, openDatabase, type InitInput } from 'teavec';
import { createWorkerIndex } from 'teavec/worker';
import { SolrCollection } from 'teavec/solr';
import embedder from 'teavec/embeddings';
await init();
await init({ module: new Uint8Array(8), simd: false });
${dom ? 'declare const module: WebAssembly.Module;\nconst input: InitInput = { module, simd: module };\nvoid input;' : ''}
const index = new EdgeVec(new EdgeVecConfig(4));
const id: number = index.insert(new Float32Array(4));
// @ts-expect-error vectors are Float32Array
index.insert([1, 2, 3, 4]);
void id; void openDatabase; void createWorkerIndex; void SolrCollection; void embedder;
`;
  writeFileSync(join(app, 'dom.ts'), usage(true));
  writeFileSync(join(app, 'nodom.ts'), usage(false));
  // In this process, the six programs sharing parsed files (lib and @types/node files are most of the work).
  const ts = createRequire(join(packageDir, 'package.json'))('typescript');
  const parsed = new Map();
  const failures = [];
  for (const resolution of ['bundler', 'node16', 'nodenext']) {
    for (const dom of [false, true]) {
      const options = {
        noEmit: true, strict: true, skipLibCheck: false, target: ts.ScriptTarget.ES2022,
        module: { bundler: ts.ModuleKind.ESNext, node16: ts.ModuleKind.Node16, nodenext: ts.ModuleKind.NodeNext }[resolution],
        moduleResolution: { bundler: ts.ModuleResolutionKind.Bundler, node16: ts.ModuleResolutionKind.Node16, nodenext: ts.ModuleResolutionKind.NodeNext }[resolution],
        lib: dom ? ['lib.es2022.d.ts', 'lib.dom.d.ts'] : ['lib.es2022.d.ts'],
        types: ['node'], typeRoots: [join(packageDir, 'node_modules', '@types')],
      };
      const host = ts.createCompilerHost(options);
      const read = host.getSourceFile.bind(host);
      host.getSourceFile = (file, version, ...rest) => {
        const key = `${file}\0${JSON.stringify(version)}`;
        if (!parsed.has(key)) parsed.set(key, read(file, version, ...rest));
        return parsed.get(key);
      };
      const program = ts.createProgram([join(app, dom ? 'dom.ts' : 'nodom.ts')], options, host);
      const diagnostics = ts.getPreEmitDiagnostics(program);
      if (diagnostics.length) {
        failures.push(`${resolution}${dom ? ' + DOM' : ''}:\n${ts.formatDiagnostics(diagnostics, host)}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});
