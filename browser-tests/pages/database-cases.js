// Runs one case of the database contract (npm-package/test/database-contract.js) against a browser storage,
// in the page (IndexedDB) or in a dedicated worker (OPFS, whose sync access handles exist only there).
import init, { openDatabase, EdgeVec, EdgeVecConfig } from '/teavec/teavec.js';
import { databaseContract } from '/npm-test/database-contract.js';

export const ready = init();

export async function runCase(index, storage, name) {
  await ready;
  const open = (n, options) => openDatabase(n, { storage, ...options });
  // Quota cases run on an origin whose quota the test made small, so the storage is the ordinary one.
  const configOf = (plain) => plain && (({ dimensions, ...rest }) => Object.assign(new EdgeVecConfig(dimensions), rest))(plain);
  const openIndex = (n, config, options) => EdgeVec.open(n, configOf(config), { storage, ...options });
  const env = { open, openIndex, quota: (n) => open(n), followers: storage !== 'opfs' };
  try {
    await databaseContract[index].run(env, name);
    return { ok: true };
  } catch (e) {
    return { ok: false, message: `${e?.code ?? ''} ${e?.message ?? e}`, stack: e?.stack };
  }
}
