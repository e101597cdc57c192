// The list of URLs the service worker precaches, and a version that changes whenever any of those files does.
// Written next to the corpus as /data/precache.json; the page registers sw.js?v=<version>, so a new version
// installs a new worker (and a new cache) instead of serving stale files forever.
import { createHash } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PRECACHE_MANIFEST, WEB_DATA_DIR } from './paths.mjs';

/** Files under `mounts` (URL prefix → directory) that the app needs offline, besides every file of the app shell. */
export const RUNTIME_FILES = {
  // The core bundle, the chunks it imports on first use (openDatabase's code) and the log's teavec-wal.wasm.
  '/teavec/': (dir) => readdirSync(dir).filter((f) => /^teavec(-[\w-]+)?\.(js|wasm)$/.test(f) && f !== 'teavec-simd.wasm'),
  '/vendor/ort/': ['ort.wasm.min.mjs', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'],
  '/vendor/transformers/': ['transformers.js'],
};

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * `mounts` as given to the static server. Precaches the whole of '/' (the app shell), the model folder, the corpus
 * (except this manifest) and RUNTIME_FILES. Returns { version, urls }.
 */
export function writePrecacheManifest(mounts, modelPrefix) {
  const entries = [];
  const add = (prefix, dir, files) => {
    for (const file of files) entries.push({ url: prefix + relative(dir, file).split(sep).join('/'), file });
  };
  add('/', mounts['/'], walk(mounts['/']));
  add(modelPrefix, mounts[modelPrefix], walk(mounts[modelPrefix]).filter((f) => /\.(json|onnx)$/.test(f)));
  add('/data/', mounts['/data/'], walk(mounts['/data/']).filter((f) => !f.endsWith(PRECACHE_MANIFEST) && !f.endsWith('.tmp')));
  for (const [prefix, files] of Object.entries(RUNTIME_FILES)) {
    const names = typeof files === 'function' ? files(mounts[prefix]) : files;
    add(prefix, mounts[prefix], names.map((f) => join(mounts[prefix], f)));
  }
  const hash = createHash('sha256');
  for (const { url, file } of entries) {
    const { size, mtimeMs } = statSync(file); // throws if a runtime file is missing: better now than offline
    hash.update(`${url} ${size} ${mtimeMs}\n`);
  }
  const urls = entries.map((e) => e.url).map((u) => (u === '/index.html' ? '/' : u));
  const manifest = { version: hash.digest('hex').slice(0, 16), urls };
  writeFileSync(join(WEB_DATA_DIR, PRECACHE_MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}
