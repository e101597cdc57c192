// window.dbCrash for browser-tests/test/database-crash.test.mjs: a writer making awaited changes (database-crash-ops.js)
// and acknowledging each over HTTP once its promise resolved; and a check of what a reopened database holds. The
// same code runs in the page (IndexedDB) or in a dedicated worker (OPFS), where run() sends it.
import init, { openDatabase } from '/teavec/teavec.js';
import { changeFor, applyToModel, applyToCollection, expectedStates, collectionJson } from './database-crash-ops.js';

export const ready = init();
const CHECKPOINT_EVERY = 20;
const ACK_DELAY_MS = 10;

/**
 * Opens `name`, finds which prefix of the changes it holds: `{ ok, m, integrity }` with m in [from, to], or
 * `{ ok: false, message }` when it holds none of them (a lost or half-applied change).
 */
export async function check(seed, name, storage, from, to) {
  await ready;
  const db = await openDatabase(name, { storage });
  try {
    const col = db.countCollections() === 0 ? null : db.getCollection('c');
    const got = col ? collectionJson(col) : JSON.stringify({ metadata: null, records: [] });
    const states = expectedStates(seed, to);
    for (let m = from; m <= to; m++) {
      if (states[m] === got) {
        db.checkIntegrity();
        return { ok: true, m, recovery: { replayed: db.recovery.replayed, dropped: db.recovery.dropped.length } };
      }
    }
    return { ok: false, message: `holds none of the states after changes ${from}..${to}: ${got.slice(0, 300)}` };
  } finally {
    await db.close();
  }
}

/** Makes changes from+1, from+2, … forever, acknowledging each at `ackUrl?k=` once durable; checkpoints now and then. */
export async function writeLoop(seed, name, storage, from, ackUrl) {
  await ready;
  const db = await openDatabase(name, { storage, checkpointBytes: 64 * 1024 });
  const col = await db.getOrCreateCollection('c');
  const model = { records: new Map(), metadata: null };
  for (let k = 1; k <= from; k++) applyToModel(model, changeFor(seed, k, model));
  for (let k = from + 1; ; k++) {
    const c = changeFor(seed, k, model);
    await applyToCollection(col, c);
    applyToModel(model, c);
    // A pause between durable and acknowledged, so that some crashes land in it (the reopen must then hold k).
    await new Promise((resolve) => setTimeout(resolve, ACK_DELAY_MS));
    await fetch(`${ackUrl}?k=${k}`, { cache: 'no-store' });
    if (k % CHECKPOINT_EVERY === 0) db.checkpoint(); // not awaited: the next changes race it
  }
}

let follower = null;

/** Opens `name` as a read-only follower of the writer in another tab; resolves with its readOnly flag. */
export async function follow(name, storage) {
  await ready;
  follower = await openDatabase(name, { storage, onLocked: 'readonly' });
  return follower.readOnly;
}

/** Which prefix of the changes (0..upTo) the follower holds now; -1 if none of them. */
export function followed(seed, upTo) {
  const got = follower.countCollections() === 0 ? JSON.stringify({ metadata: null, records: [] }) : collectionJson(follower.getCollection('c'));
  return expectedStates(seed, upTo).indexOf(got);
}
