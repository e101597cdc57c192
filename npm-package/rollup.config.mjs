// One ES module for every runtime: browsers, Node 22, Cloudflare Workers. node:fs is only reached
// (through a dynamic import) when init() runs in Node without a module or bytes.
// Minified (comments dropped, class names kept for error messages): the API's JS would otherwise
// weigh more than a third of the shipped bytes.
import terser from '@rollup/plugin-terser';

export default {
  input: 'src/index.js',
  output: {
    file: 'dist/teavec.js',
    format: 'es',
    sourcemap: false,
  },
  external: ['node:fs/promises'],
  plugins: [terser({ keep_classnames: true, format: { comments: false } })],
};
