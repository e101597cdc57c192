// Shared by the browser tests: a static server for pages/ and the built package, and IndexedDB store pages.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { before, after } from 'node:test';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launch } from '../drivers/engines.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** What the test pages are served from: pages/, the built package, and npm-package/test (contract suites, random.js). */
export const PAGE_MOUNTS = {
  '/': join(here, '..', 'pages'),
  '/teavec/': join(here, '..', '..', 'npm-package', 'dist'),
  '/npm-test/': join(here, '..', '..', 'npm-package', 'test'),
};

export function startPagesServer() {
  return startStaticServer({ mounts: PAGE_MOUNTS });
}

/**
 * Registers this test file's before/after hooks: one pages server and one browser (of TEAVEC_ENGINE) for all its
 * tests, read as `env.server` and `env.browser` once the tests run.
 */
export function useServerAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startPagesServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** A page of `context` with pages/idb.html loaded and the engine initialized; `page.errors()` lists its errors. */
export async function openStorePage(context, baseUrl) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/idb.html`);
  // Module scripts have run by the load event; waiting for them anyway costs nothing and rules out a driver that
  // reports the load early.
  await page.waitForFunction(() => window.idbTest !== undefined, undefined, { timeout: 10_000 });
  await page.evaluate(() => window.idbTest.ready);
  return page;
}

/** Runs window.idbTest[method](...args) in the page. */
export function inPage(page, method, ...args) {
  return page.evaluate(([m, a]) => window.idbTest[m](...a), [method, args]);
}

export function rawInPage(page, method, ...args) {
  return page.evaluate(([m, a]) => window.idbTest.raw[m](...a), [method, args]);
}

/** Every file under `dir` as 'relative/path size' lines, sorted; [] when `dir` does not exist. */
export function listFiles(dir) {
  const out = [];
  const walk = (sub) => {
    let entries;
    try {
      entries = readdirSync(join(dir, sub), { withFileTypes: true });
    } catch (e) {
      if (e.code === 'ENOENT') return;
      throw e;
    }
    for (const entry of entries) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else out.push(`${path} ${statSync(join(dir, path), { throwIfNoEntry: false })?.size ?? 'gone'}`);
    }
  };
  walk('');
  return out.sort();
}

const LEVELDB_BLOCK = 32768;
const LEVELDB_HEADER = 7; // checksum (4), length (2), type (1)

/**
 * Where a leveldb write-ahead log (Chromium's IndexedDB backend) ends in the middle of a physical record, walking
 * the records by their lengths only: { size, tornAt } with tornAt null when the file ends on a record boundary.
 * A torn tail is what a process killed between (or within) leveldb's writes leaves behind.
 */
export function leveldbLogTail(path) {
  const data = readFileSync(path);
  let at = 0;
  while (at < data.length) {
    const left = LEVELDB_BLOCK - (at % LEVELDB_BLOCK);
    if (left < LEVELDB_HEADER) {
      at += left; // a block trailer: zero padding
      continue;
    }
    if (at + LEVELDB_HEADER > data.length) return { size: data.length, tornAt: at };
    const length = data.readUInt16LE(at + 4);
    if (length === 0 && data.readUInt32LE(at) === 0 && data[at + 6] === 0) {
      at += left; // zeroed space (leveldb skips it too)
      continue;
    }
    if (at + LEVELDB_HEADER + length > data.length) return { size: data.length, tornAt: at };
    at += LEVELDB_HEADER + length;
  }
  return { size: data.length, tornAt: null };
}

/**
 * Makes the newest leveldb log under `leveldbDir` end the way a SIGKILL between leveldb's two writes of a record
 * leaves it: a record header (type FULL, 100 bytes announced) whose payload never reached the file.
 */
export function tearLeveldbLog(leveldbDir) {
  const log = readdirSync(leveldbDir).filter((f) => /^\d+\.log$/.test(f)).sort().at(-1);
  if (!log) throw new Error(`no leveldb log in ${leveldbDir}`);
  const path = join(leveldbDir, log);
  const header = Buffer.alloc(LEVELDB_HEADER);
  header.writeUInt32LE(0x5eed1e55, 0); // any checksum: the reader never gets to check it
  header.writeUInt16LE(100, 4);
  header[6] = 1; // kFullType
  const size = statSync(path).size;
  if (LEVELDB_BLOCK - (size % LEVELDB_BLOCK) < LEVELDB_HEADER) throw new Error(`${path} ends in a block trailer`);
  appendFileSync(path, header);
  return { path, tornAt: size };
}
