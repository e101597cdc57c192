// Offline support: precaches the app shell, teavec (.js + .wasm), onnxruntime-web, transformers.js, the model and
// the corpus, all listed in /data/precache.json. One cache per version (sw.js?v=<version>); older ones are
// dropped when this one activates. Cache first for precached files; the network only for anything else.
const VERSION = new URL(self.location.href).searchParams.get('v') ?? 'dev';
const CACHE = `teavec-demo-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const manifest = await (await fetch('/data/precache.json', { cache: 'no-store' })).json();
    const cache = await caches.open(CACHE);
    // cache: 'reload' skips the HTTP cache, so the cache holds what the server serves now.
    await cache.addAll(manifest.urls.map((url) => new Request(url, { cache: 'reload' })));
    await cache.put('/data/precache.json', new Response(JSON.stringify(manifest), { headers: { 'content-type': 'application/json' } }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('teavec-demo-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname === '/data/precache.json') return; // always asked of the network; the page copes offline
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = request.mode === 'navigate' ? '/' : url.pathname;
    const hit = await cache.match(key);
    return hit ?? fetch(request);
  })());
});
