// One ES module for every runtime: browsers, Node 22, Cloudflare Workers. node:fs is only reached
// (through a dynamic import) when init() runs in Node without a module or bytes.
// Minified (comments dropped, class names kept for error messages): the API's JS would otherwise
// weigh more than a third of the shipped bytes.
import terser from '@rollup/plugin-terser';
import { fileURLToPath } from 'node:url';

const minify = terser({ keep_classnames: true, format: { comments: false } });
// teavec/solr imports solr-layout.json (Node reads it natively, `with { type: 'json' }`); the bundle inlines it.
const json = { name: 'json', transform: (code, id) => (id.endsWith('.json') ? { code: `export default ${code};`, map: null } : null) };
// teavec/solr takes these from the core bundle: TeaVecError (so that `instanceof TeaVecError` holds for
// its errors too) and the public API (defaults written once).
const core = [fileURLToPath(new URL('src/errors.js', import.meta.url)), fileURLToPath(new URL('src/index.js', import.meta.url))];

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
    // teavec/solr: its own entry, never part of the core bundle.
    input: 'src/solr.js',
    output: {
      file: 'dist/solr.js',
      format: 'es',
      sourcemap: false,
      paths: Object.fromEntries(core.map((file) => [file, './teavec.js'])),
    },
    external: core,
    plugins: [json, minify],
  },
];
