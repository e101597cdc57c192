// Runs one case of the log storage contract (npm-package/test/wal-contract.js) against a browser storage, in
// the page (IndexedDB) or in a dedicated worker (OPFS, whose sync access handles exist only there).
import init, { _openLogStorage as openLogStorage, _logRecords as records } from '/teavec/teavec.js';
import { walContract } from '/npm-test/wal-contract.js';

export const ready = init();

export async function runCase(index, storage, name) {
  await ready;
  const open = (n) => openLogStorage(n, { storage });
  // Quota cases run on an origin whose quota the test made small, so the storage is the ordinary one.
  const env = { open, quota: open, records };
  try {
    await walContract[index].run(env, name);
    return { ok: true };
  } catch (e) {
    return { ok: false, message: `${e?.code ?? ''} ${e?.message ?? e}`, stack: e?.stack };
  }
}

export const caseNames = walContract.map((c) => ({ name: c.name, needsQuota: !!c.needsQuota }));
