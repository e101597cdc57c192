// One ES module for every runtime: browsers, Node 22, Cloudflare Workers. What only Node can do (files,
// worker_threads) is reached through the package's own `#teavec-node` import (package.json "imports"):
// dist/node-platform.js under the `node` condition, dist/node-absent.js elsewhere, so that no bundle for a
// browser, a worker or workerd holds a `node:` import.
// Minified (comments dropped, class names kept for error messages): the API's JS would otherwise
// weigh more than a third of the shipped bytes.
import { fileURLToPath } from 'node:url';
import terser from '@rollup/plugin-terser';
import json from '@rollup/plugin-json';

const NODE_PLATFORM = '#teavec-node';
const minify = () => terser({ keep_classnames: true, compress: { passes: 3 }, format: { comments: false } });
const errorsModule = fileURLToPath(new URL('./src/errors.js', import.meta.url));
const factoriesModule = fileURLToPath(new URL('./src/embedding-factories.js', import.meta.url));
// teavec/solr takes these from the core bundle: TeaVecError (so that `instanceof TeaVecError` holds for
// its errors too) and the public API (defaults written once).
const quantizationModule = fileURLToPath(new URL('src/quantization.js', import.meta.url));
const core = [fileURLToPath(new URL('src/errors.js', import.meta.url)), fileURLToPath(new URL('src/index.js', import.meta.url))];

export default [
  {
    input: 'src/index.js',
    // The chunk takes the engine's internals from teavec.js itself (extra, mangled exports), not from a third file.
    preserveEntrySignatures: 'allow-extension',
    // openDatabase's code is a chunk of its own, imported on first use (src/open-database.js): it is not
    // part of the core bundle's bytes.
    output: {
      dir: 'dist',
      entryFileNames: 'teavec.js',
      chunkFileNames: 'teavec-[name].js',
      format: 'es',
      sourcemap: false,
    },
    external: [NODE_PLATFORM],
    plugins: [minify()],
  },
  // `#teavec-node`: kept as written (not minified, self-contained) in the two forms the condition picks from.
  ...['node-platform', 'node-absent'].map((name) => ({
    input: `src/${name}.js`,
    output: { file: `dist/${name}.js`, format: 'es', sourcemap: false },
    external: (id) => id.startsWith('node:'),
  })),
  {
    // teavec/embeddings: never part of the core bundle. It takes TeaVecError from ./teavec.js, so that
    // both entries share one error class (instanceof works); transformers.js stays an optional peer.
    input: 'src/embeddings.js',
    output: {
      file: 'dist/embeddings.js',
      format: 'es',
      sourcemap: false,
      paths: { [errorsModule]: './teavec.js', [factoriesModule]: './teavec.js' },
    },
    external: [errorsModule, factoriesModule, '@huggingface/transformers'],
    plugins: [minify()],
  },
  {
    // teavec/solr: its own entry, never part of the core bundle.
    input: 'src/solr.js',
    output: {
      file: 'dist/solr.js',
      format: 'es',
      sourcemap: false,
      paths: Object.fromEntries(core.map((file) => [file, './teavec.js'])),
    },
    external: core,
    plugins: [json({ preferConst: true }), minify()],
  },
  // teavec/langchain and teavec/ai: their own entries, never part of the core bundle; @langchain/core and ai stay
  // optional peers (imported, not bundled).
  ...[['langchain', /^@langchain\/core(\/|$)/], ['ai', /^ai$/]].map(([name, peer]) => ({
    input: `src/${name}.js`,
    output: {
      file: `dist/${name}.js`,
      format: 'es',
      sourcemap: false,
      paths: Object.fromEntries(core.map((file) => [file, './teavec.js'])),
    },
    external: (id) => core.includes(id) || peer.test(id),
    plugins: [minify()],
  })),
  {
    // teavec/quantization: the engine with every encoding (teavec-quantization.wasm) and its kernels; it takes
    // init() and the API from ./teavec.js, so that one engine runs everything.
    input: 'src/quantization.js',
    output: {
      file: 'dist/quantization.js',
      format: 'es',
      sourcemap: false,
      paths: Object.fromEntries(core.map((file) => [file, './teavec.js'])),
    },
    external: core,
    plugins: [minify()],
  },
  // teavec/worker: its own entry, never part of the core bundle. worker.js (the proxies) starts
  // worker-script.js (the engine's side) by `new URL('./worker-script.js', import.meta.url)`; both take the core
  // from ./teavec.js, so that errors are the core's TeaVecError and the worker loads the one engine.
  ...['worker', 'worker-script'].map((name) => ({
    input: `src/${name}.js`,
    output: {
      file: `dist/${name}.js`,
      format: 'es',
      sourcemap: false,
      paths: { ...Object.fromEntries(core.map((file) => [file, './teavec.js'])), [quantizationModule]: './quantization.js' },
    },
    external: [...core, quantizationModule, NODE_PLATFORM],
    plugins: [minify()],
  })),
];
