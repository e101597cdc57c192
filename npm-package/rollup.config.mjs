// One ES module for every runtime: browsers, Node 22, Cloudflare Workers. node:fs is only reached
// (through a dynamic import) when init() runs in Node without a module or bytes.
// Minified (comments dropped, class names kept for error messages): the API's JS would otherwise
// weigh more than a third of the shipped bytes.
import terser from '@rollup/plugin-terser';
import json from '@rollup/plugin-json';
import { fileURLToPath } from 'node:url';

const minify = terser({ keep_classnames: true, format: { comments: false } });
const errors = fileURLToPath(new URL('src/errors.js', import.meta.url));

export default [
  {
    input: 'src/index.js',
    output: {
      file: 'dist/teavec.js',
      format: 'es',
      sourcemap: false,
    },
    external: ['node:fs/promises'],
    plugins: [minify],
  },
  {
    // teavec/solr: its own entry, never part of the core bundle. It takes TeaVecError from the core
    // bundle (not a copy of it), so that `instanceof TeaVecError` holds for its errors too.
    input: 'src/solr.js',
    output: {
      file: 'dist/solr.js',
      format: 'es',
      sourcemap: false,
      paths: { [errors]: './teavec.js' },
    },
    external: [errors],
    plugins: [json({ preferConst: true }), minify],
  },
];
