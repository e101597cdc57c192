// The lost acknowledged save of the crash test, replayed step by step (docs/indexeddb.md, "The lost acknowledged
// save"): Chromium's IndexedDB keeps each origin in one LevelDB whose log a SIGKILL can leave with a torn last
// record. The next start reuses that log and appends after the torn record; the start after that finds the record
// corrupt, and Chromium deletes the origin's whole IndexedDB, acknowledged saves included. The store cannot
// prevent that; it must not pass it off as "nothing saved": the next load fails with STORAGE_LOST until a save or
// a delete. Chromium only (LevelDB files); Firefox and WebKit keep IndexedDB in SQLite and report no data loss.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inPage, openStorePage, startPagesServer, tearLeveldbLog } from './idb-helpers.mjs';
import { ENGINE, launch } from '../drivers/engines.mjs';

const NAME = 'storage-lost';
const SKIP = ENGINE !== 'chromium' && `Chromium's LevelDB files only: ${ENGINE} keeps IndexedDB in SQLite`;

let server;
let profile;

before(async () => {
  server = await startPagesServer();
});

after(async () => {
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Starts the browser on the profile, runs `steps(page)` in a fresh store page, then SIGKILLs the browser. */
async function session(steps) {
  const browser = await launch({ profileDir: profile });
  try {
    const page = await openStorePage(browser.defaultContext(), server.url);
    const result = await steps(page);
    // Long enough for Chromium to have written what the page saw acknowledged; the kill is what a crash does.
    await sleep(300);
    return result;
  } finally {
    await browser.kill();
  }
}

function leveldbDir() {
  const root = join(profile, 'Default', 'IndexedDB');
  return join(root, readdirSync(root).find((f) => f.endsWith('.indexeddb.leveldb')));
}

const saved = async (page, k) => {
  const r = await inPage(page, 'save', NAME, k, 4096);
  assert.ok(r.ok, JSON.stringify(r.error));
  return r.result.generation;
};

for (const torn of [false, true]) {
  const title = torn
    ? 'a torn LevelDB log makes Chromium discard the origin two starts later: the next load fails with STORAGE_LOST until a save'
    : 'without a torn log, the same starts and kills keep every acknowledged save';
  test(title, { skip: SKIP }, async () => {
    profile = mkdtempSync(join(tmpdir(), 'teavec-idb-lost-'));
    await session((page) => saved(page, 1));
    if (torn) tearLeveldbLog(leveldbDir());
    // The first start after the tear reads the log up to the torn record (a torn tail is normal after a crash).
    const first = await session(async (page) => {
      const loaded = await inPage(page, 'load', NAME);
      await saved(page, 2);
      return loaded;
    });
    assert.equal(first.k, 1, JSON.stringify(first));

    const second = await session(async (page) => ({
      loaded: await inPage(page, 'load', NAME),
      again: await inPage(page, 'load', NAME),
      listed: await inPage(page, 'list', NAME),
      generationAfter: await saved(page, 3),
      afterSave: await inPage(page, 'load', NAME),
      removed: await inPage(page, 'remove', NAME),
      afterDelete: await inPage(page, 'load', NAME),
    }));
    if (!torn) {
      assert.equal(second.loaded.k, 2, JSON.stringify(second.loaded));
      rmSync(profile, { recursive: true, force: true });
      return;
    }
    // Save 2 was acknowledged, then Chromium deleted the origin's database: the store says so, every time.
    for (const load of [second.loaded, second.again]) {
      assert.equal(load.ok, false, `a load after Chromium discarded the data must not look empty: ${JSON.stringify(load)}`);
      assert.equal(load.error.code, 'STORAGE_LOST', JSON.stringify(load.error));
      assert.match(load.error.message, /discarded.*data loss 'total'.*corrupt/, load.error.message);
    }
    assert.deepEqual(second.listed, []);
    // A new save starts over (generation 1 of a new database) and ends the report; a delete clears everything.
    assert.equal(second.generationAfter, 1);
    assert.equal(second.afterSave.k, 3, JSON.stringify(second.afterSave));
    assert.ok(second.removed.ok, JSON.stringify(second.removed));
    assert.equal(second.afterDelete.empty, true, JSON.stringify(second.afterDelete));
    rmSync(profile, { recursive: true, force: true });
  });
}

test('a database opened by name after Chromium discarded the origin opens empty, and recovery.storageLost says so', { skip: SKIP }, async () => {
  profile = mkdtempSync(join(tmpdir(), 'teavec-idb-lost-db-'));
  const write = (page, key) => page.evaluate(async (k) => {
    const { openDatabase } = await import('/teavec/teavec.js');
    const db = await openDatabase('lost-db', { storage: 'indexeddb' });
    const c = await db.getOrCreateCollection('c');
    await c.add({ ids: [k], embeddings: [[1, 2, 3]] });
    const out = { count: c.count(), lost: db.recovery.storageLost };
    await db.close();
    return out;
  }, key);
  assert.equal((await session((page) => write(page, 'a'))).count, 1);
  tearLeveldbLog(leveldbDir());
  assert.equal((await session((page) => write(page, 'b'))).count, 2, 'the first start after the tear keeps what it can read');
  // The database opens first after the wipe, so the browser's one-time report reaches it.
  const after = await session((page) => page.evaluate(async () => {
    const { openDatabase } = await import('/teavec/teavec.js');
    const db = await openDatabase('lost-db', { storage: 'indexeddb' });
    const out = { collections: db.countCollections(), lost: db.recovery.storageLost };
    await db.close();
    return out;
  }));
  assert.equal(after.collections, 0, JSON.stringify(after));
  assert.equal(after.lost?.dataLoss, 'total', JSON.stringify(after));
  assert.match(after.lost.message, /corrupt/);
  rmSync(profile, { recursive: true, force: true });
});
