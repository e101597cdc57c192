// The operations database-crash-writer.mjs generates: valid ones against a model of the database (which it
// keeps up to date), and ones the database must refuse as a whole. Plain ES module without Node imports.
import { DIMS, bitsOf, toFloat32 } from './database-model.js';

const COLLECTIONS = ['notes', 'tasks', 'misc', 'ünï 😀'];
const IDS = 40;
const TAGS = 5;

/** Generates operations valid against `model` (which it keeps up to date), and ones the database must refuse. */
export class Workload {
  constructor(model, random) {
    this.model = model;
    this.random = random;
  }

  int(n) { return Math.floor(this.random() * n); }

  pick(list) { return list[this.int(list.length)]; }

  chance(p) { return this.random() < p; }

  vector() {
    const v = new Float32Array(DIMS).map(() => this.random() * 2 - 1);
    // The exact bits must survive: negative zero and subnormals now and then (component 0 keeps the norm > 0).
    if (this.chance(0.2)) v[1 + this.int(DIMS - 1)] = -0;
    if (this.chance(0.2)) v[1 + this.int(DIMS - 1)] = (this.random() - 0.5) * 1e-40;
    v[0] = 0.5 + this.random();
    return bitsOf(v);
  }

  metadata() {
    const md = { tag: `t${this.int(TAGS)}`, n: this.int(1000) - 500 };
    if (this.chance(0.5)) md.x = (this.random() - 0.5) * 10 ** (this.int(12) - 6);
    if (this.chance(0.3)) md.ok = this.chance(0.5);
    if (this.chance(0.3)) md.s = `é ${this.int(100)} 😀`;
    return md;
  }

  document() {
    return this.chance(0.1) ? '' : `doc ${this.int(1e6)} ${this.chance(0.3) ? 'ünïcödé 😀' : ''}`;
  }

  names() { return [...this.model.collections.keys()]; }

  ids(collection, existing, n) {
    const have = [...this.model.collections.get(collection).records.keys()];
    const pool = existing ? have : Array.from({ length: IDS }, (_, i) => `id-${i}`).filter((id) => !have.includes(id));
    const out = new Set();
    for (let i = 0; i < n && pool.length > 0; i++) out.add(this.pick(pool));
    return [...out];
  }

  /** One valid operation on records of an existing collection. */
  recordOp() {
    const c = this.pick(this.names());
    const size = this.model.collections.get(c).records.size;
    const r = this.random();
    if (r < 0.25 && size < IDS) {
      const ids = this.ids(c, false, 1 + this.int(6));
      const withMd = this.chance(0.8);
      const withDocs = this.chance(0.6);
      return { t: 'add', c, ids, vecs: ids.map(() => this.vector()), ...(withMd ? { mds: ids.map(() => this.metadata()) } : {}),
        ...(withDocs ? { docs: ids.map(() => this.document()) } : {}) };
    }
    if (r < 0.55) {
      const ids = [...new Set([...this.ids(c, true, this.int(4)), ...this.ids(c, false, 1 + this.int(3))])];
      if (ids.length === 0) return null;
      return { t: 'upsert', c, ids, vecs: ids.map(() => this.vector()),
        ...(this.chance(0.7) ? { mds: ids.map(() => this.metadata()) } : {}),
        ...(this.chance(0.5) ? { docs: ids.map(() => this.document()) } : {}) };
    }
    if (r < 0.75 && size > 0) {
      const ids = this.ids(c, true, 1 + this.int(4));
      const fields = 1 + this.int(7);
      return { t: 'update', c, ids, ...(fields & 1 ? { vecs: ids.map(() => this.vector()) } : {}),
        ...(fields & 2 ? { mds: ids.map(() => this.metadata()) } : {}), ...(fields & 4 ? { docs: ids.map(() => this.document()) } : {}) };
    }
    if (r < 0.95) return { t: 'del', c, ids: [...this.ids(c, true, 1 + this.int(3)), ...this.ids(c, false, this.int(2))] };
    return { t: 'delw', c, tag: `t${this.int(TAGS)}` };
  }

  /** One valid operation of any kind. */
  op() {
    const names = this.names();
    const free = COLLECTIONS.filter((n) => !names.includes(n));
    const r = this.random();
    if (names.length === 0 || (r < 0.03 && free.length > 0)) {
      return { t: 'create', name: this.pick(free), metadata: this.chance(0.7) ? { owner: `u${this.int(9)}`, v: this.int(5) } : null };
    }
    if (r < 0.045 && names.length > 1) return { t: 'drop', name: this.pick(names) };
    if (r < 0.075) return { t: 'modify', name: this.pick(names), metadata: { owner: `m${this.int(99)}`, at: this.int(1e9) } };
    if (r < 0.09 && free.length > 0) {
      return { t: 'modify', name: this.pick(names), newName: this.pick(free), ...(this.chance(0.5) ? { metadata: { renamed: true } } : {}) };
    }
    return this.recordOp() ?? this.op();
  }

  /** An operation the database must refuse as a whole (each carries valid parts next to the bad one). */
  badOp() {
    const names = this.names();
    const c = this.pick(names);
    const kinds = ['dims', 'nan', 'badmd', 'dupcol'];
    if (this.model.collections.get(c).records.size > 0) kinds.push('dup', 'missing');
    if (names.length > 1) kinds.push('rename-taken');
    const kind = this.pick(kinds);
    // Ids no valid operation uses: never present, so each batch is valid but for its one bad part.
    const fresh = Array.from({ length: 1 + this.int(3) }, (_, i) => `bad-${i}`);
    return { t: 'bad', kind, c, fresh, existing: this.ids(c, true, 1), other: names.find((n) => n !== c),
      vecs: fresh.map(() => this.vector()) };
  }
}

/** Calls the database the way op.kind says it must refuse. */
export function runBad(db, op) {
  const col = db.getCollection(op.c);
  const vecs = op.vecs.map(toFloat32);
  switch (op.kind) {
    case 'dims': return col.add({ ids: op.fresh, embeddings: [...vecs.slice(0, -1), vecs.at(-1).subarray(1)] });
    case 'nan': return col.upsert({ ids: op.fresh, embeddings: vecs.map((v, i) => (i === vecs.length - 1 ? v.map((x, d) => (d === 3 ? NaN : x)) : v)) });
    case 'badmd': return col.upsert({ ids: op.fresh, embeddings: vecs, metadatas: op.fresh.map((_, i) => (i === op.fresh.length - 1 ? { nested: { no: 1 } } : { ok: 1 })) });
    case 'dupcol': return db.createCollection({ name: op.c, dimensions: DIMS });
    case 'dup': return col.add({ ids: [...op.fresh, ...op.existing], embeddings: [...vecs, ...op.existing.map(() => vecs[0])] });
    case 'missing': return col.update({ ids: [...op.existing, 'id-never'], documents: [...op.existing.map(() => 'changed'), 'x'] });
    case 'rename-taken': return col.modify({ name: op.other });
    default: throw new Error(`unknown bad operation ${op.kind}`);
  }
}

