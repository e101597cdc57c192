// Serves the demo on 127.0.0.1: the page from demo-web/, the teavec package from npm-package/dist.
// `node demo-web/serve.mjs [--port N]`; also imported by the browser tests, which test what this serves.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startStaticServer } from '../scripts/static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export function startDemoServer(port = 0) {
  return startStaticServer({
    port,
    mounts: {
      '/': join(here, 'public'),
      '/teavec/': join(here, '..', 'npm-package', 'dist'),
    },
    // The demo obeys the strict policy Workers-style hosts impose: no eval, Wasm allowed.
    headersFor: () => ({ 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" }),
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 8080;
  const { url } = await startDemoServer(port);
  console.log(`TeaVec demo: ${url}/  (Ctrl+C to stop)`);
}
