// One ES module for every runtime: browsers, Node 22, Cloudflare Workers. node:fs is only reached
// (through a dynamic import) when init() runs in Node without a module or bytes.
export default {
  input: 'src/index.js',
  output: {
    file: 'dist/teavec.js',
    format: 'es',
    sourcemap: false,
  },
  external: ['node:fs/promises'],
};
