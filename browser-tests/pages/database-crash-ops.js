// The changes the database crash tests make: change k is a pure function of (seed, k) and of the state after
// changes 1..k-1, so a test can compute the state after any prefix and compare what a reopened database holds.
import { rng } from '/npm-test/random.js';

const POOL = 40;
const DIMS = 16;

/** Change k: { kind: 'upsert' | 'update' | 'delete' | 'modify', ... } given the model (Map key → record). */
export function changeFor(seed, k, model) {
  const random = rng(seed * 7919 + k);
  const pick = () => `r${Math.floor(random() * POOL)}`;
  const kind = ['upsert', 'upsert', 'update', 'delete', 'modify'][k % 5];
  if (kind === 'upsert' || (kind === 'update' && model.records.size === 0)) {
    const ids = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, pick))];
    return {
      kind: 'upsert',
      ids,
      embeddings: ids.map(() => Array.from({ length: DIMS }, () => Math.fround(random() * 2 - 1))),
      metadatas: ids.map(() => ({ k, tag: `t${Math.floor(random() * 3)}` })),
      documents: ids.map((id) => `${id} written by change ${k}`),
    };
  }
  if (kind === 'update') {
    const keys = [...model.records.keys()].sort();
    const id = keys[Math.floor(random() * keys.length)];
    return { kind, ids: [id], metadatas: [{ k, updated: true }] };
  }
  if (kind === 'delete') return { kind, ids: [...new Set([pick(), pick()])] };
  return { kind, metadata: { k } };
}

/** Applies change `c` to the model: { records: Map, metadata }. */
export function applyToModel(model, c) {
  if (c.kind === 'upsert') {
    c.ids.forEach((id, i) => model.records.set(id, { embedding: c.embeddings[i], metadata: c.metadatas[i], document: c.documents[i] }));
  } else if (c.kind === 'update') {
    const r = model.records.get(c.ids[0]);
    model.records.set(c.ids[0], { ...r, metadata: c.metadatas[0] });
  } else if (c.kind === 'delete') {
    for (const id of c.ids) model.records.delete(id);
  } else {
    model.metadata = c.metadata;
  }
}

/** Makes change `c` durable through collection `col` (a PersistentCollection). */
export function applyToCollection(col, c) {
  if (c.kind === 'upsert') return col.upsert({ ids: c.ids, embeddings: c.embeddings, metadatas: c.metadatas, documents: c.documents });
  if (c.kind === 'update') return col.update({ ids: c.ids, metadatas: c.metadatas });
  if (c.kind === 'delete') return col.delete({ ids: c.ids });
  return col.modify({ metadata: c.metadata });
}

/** The models after 0..n changes (n + 1 of them), as comparable JSON strings. */
export function expectedStates(seed, n) {
  const model = { records: new Map(), metadata: null };
  const out = [stateJson(model)];
  for (let k = 1; k <= n; k++) {
    applyToModel(model, changeFor(seed, k, model));
    out.push(stateJson(model));
  }
  return out;
}

function stateJson(model) {
  const keys = [...model.records.keys()].sort();
  return JSON.stringify({ metadata: model.metadata, records: keys.map((key) => [key, model.records.get(key)]) });
}

/** What collection `col` holds, as stateJson writes a model (float32 vectors compare exactly: inputs are fround). */
export function collectionJson(col) {
  const got = col.get({ include: ['embeddings', 'metadatas', 'documents'] });
  const rows = got.ids.map((id, i) => [id, { embedding: got.embeddings[i], metadata: got.metadatas[i], document: got.documents[i] }]);
  rows.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return JSON.stringify({ metadata: col.metadata, records: rows });
}
