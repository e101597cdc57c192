// The IndexedDB snapshot store's part that stays in the core bundle: the engine's Java IdbSnapshotStore
// (js-bindings, package dev.teavec.bindings.idb; protocol: docs/indexeddb.md) and the synchronous onSnapshotChange.
// The promise functions load on first use from src/idb-store.js, a chunk of its own (README "Size").
import { requireEngine } from './init.js';
import { TeaVecError, engineError } from './errors.js';

let store = null;
let storeEngine = null;

export function snapshotStore() {
  if (typeof indexedDB === 'undefined') {
    throw new TeaVecError('NOT_SUPPORTED',
      'IndexedDB is not available in this runtime: snapshots are stored in browsers and their workers');
  }
  const engine = requireEngine();
  if (storeEngine !== engine) {
    store = engine.snapshotStore();
    storeEngine = engine;
  }
  return store;
}

export function checkName(name) {
  if (typeof name !== 'string' || name.length === 0 || name.length > 256) {
    throw new TeaVecError('INVALID_ARGUMENT', 'a snapshot name must be a string of 1..256 characters');
  }
}

/**
 * Calls `listener({ type: 'saved' | 'deleted', name, generation, bytes })` whenever any page or worker of this
 * origin (this one included) saves or deletes `name`. Returns a function that stops listening.
 */
export function onSnapshotChange(name, listener) {
  checkName(name);
  if (typeof listener !== 'function') {
    throw new TeaVecError('INVALID_ARGUMENT', 'listener must be a function');
  }
  let subscription;
  try {
    subscription = snapshotStore().subscribe(name, (message) => listener(message));
  } catch (e) {
    throw engineError(e);
  }
  return () => subscription.close();
}

const chunk = () => import('./idb-store.js');
export const saveSnapshot = async (name, bytes, options = undefined) => (await chunk()).saveSnapshot(name, bytes, options);
export const loadSnapshot = async (name, options = undefined) => (await chunk()).loadSnapshot(name, options);
export const listGenerations = async (name) => (await chunk()).listGenerations(name);
export const deleteSnapshot = async (name) => (await chunk()).deleteSnapshot(name);
export const requestPersistence = async () => (await chunk()).requestPersistence();
