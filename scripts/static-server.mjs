// A small static file server for the demo and the browser tests, bound to 127.0.0.1 only.
// Serves .wasm as application/wasm (needed for streaming compilation) and can add response headers,
// e.g. a strict Content-Security-Policy.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
};

/**
 * Starts serving. `mounts` maps URL prefixes (ending in '/') to directories; the longest prefix wins.
 * `headersFor(pathname)` may return extra headers. Resolves to { url, close }.
 */
export function startStaticServer({ mounts, port = 0, headersFor = () => ({}) }) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, 'http://127.0.0.1');
      const prefix = prefixes.find((p) => pathname.startsWith(p));
      if (!prefix) throw Object.assign(new Error('not found'), { status: 404 });
      const root = mounts[prefix];
      let file = normalize(join(root, decodeURIComponent(pathname.slice(prefix.length))));
      if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
        throw Object.assign(new Error('forbidden'), { status: 403 });
      }
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        ...headersFor(pathname),
      });
      res.end(body);
    } catch (e) {
      const status = e.status ?? (e.code === 'ENOENT' ? 404 : 500);
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(String(status));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://127.0.0.1:${actual}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
