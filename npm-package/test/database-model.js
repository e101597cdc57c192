// An exact model of a database opened by name (openDatabase), independent of TeaVec's code: collections of
// records (vector bits, metadata, document) changed by operations given as JSON (so that a child process can
// print them and its parent replay them), and the canonical state text both the model and a real database
// are compared by. Plain ES module without Node imports.
//
// Operations (`t`):
//   create  { name, metadata }                 createCollection({ name, metadata, metric, dimensions })
//   drop    { name }                           deleteCollection(name)
//   modify  { name, newName?, metadata? }      getCollection(name).modify({ name: newName, metadata })
//   add | upsert | update  { c, ids, vecs?, mds?, docs? }   vecs: each vector as uint32 bit patterns
//   del     { c, ids }                         delete({ ids })        → the deleted ids
//   delw    { c, tag }                         delete({ where: { tag } })
//   bad     { kind, ... }                      input the database must refuse, changing nothing
export const DIMS = 16;
export const METRIC = 'cosine';

export const toFloat32 = (bits) => new Float32Array(Uint32Array.from(bits).buffer);
export const bitsOf = (vector) => Array.from(new Uint32Array(Float32Array.from(vector).buffer));
const hex = (bits) => bits.map((b) => (b >>> 0).toString(16).padStart(8, '0')).join('');

/** JSON with object keys sorted, so that key order never decides equality. */
export function canonicalJson(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}

export class DatabaseModel {
  /** name → { metadata, records: Map(id → { bits, metadata, document }) } */
  collections = new Map();

  clone() {
    const copy = new DatabaseModel();
    for (const [name, c] of this.collections) {
      copy.collections.set(name, { metadata: c.metadata, records: new Map([...c.records].map(([id, r]) => [id, { ...r }])) });
    }
    return copy;
  }

  /** Applies a valid operation (an invalid one throws: the caller generated it wrongly); returns delete's ids. */
  apply(op) {
    const c = op.c === undefined ? null : this.#collection(op.c);
    switch (op.t) {
      case 'create':
        if (this.collections.has(op.name)) throw new Error(`model: ${op.name} exists`);
        this.collections.set(op.name, { metadata: op.metadata ?? null, records: new Map() });
        return undefined;
      case 'drop':
        this.#collection(op.name);
        this.collections.delete(op.name);
        return undefined;
      case 'modify': {
        const target = this.#collection(op.name);
        if (op.metadata !== undefined) target.metadata = op.metadata;
        if (op.newName !== undefined && op.newName !== op.name) {
          if (this.collections.has(op.newName)) throw new Error(`model: ${op.newName} exists`);
          this.collections.delete(op.name);
          this.collections.set(op.newName, target);
        }
        return undefined;
      }
      case 'add':
      case 'upsert':
      case 'update':
        op.ids.forEach((id, i) => {
          const old = c.records.get(id);
          if (op.t === 'add' && old) throw new Error(`model: ${id} exists`);
          if (op.t === 'update' && !old) throw new Error(`model: ${id} is missing`);
          c.records.set(id, {
            bits: op.vecs ? op.vecs[i] : old.bits,
            metadata: op.mds ? op.mds[i] : old?.metadata ?? null,
            document: op.docs ? op.docs[i] : old?.document ?? null,
          });
        });
        return undefined;
      case 'del': {
        const deleted = [...new Set(op.ids)].filter((id) => c.records.has(id));
        for (const id of deleted) c.records.delete(id);
        return deleted;
      }
      case 'delw': {
        const deleted = [...c.records].filter(([, r]) => r.metadata?.tag === op.tag).map(([id]) => id);
        for (const id of deleted) c.records.delete(id);
        return deleted;
      }
      case 'bad':
        return undefined;
      default:
        throw new Error(`model: unknown operation ${op.t}`);
    }
  }

  #collection(name) {
    const c = this.collections.get(name);
    if (!c) throw new Error(`model: no collection ${name}`);
    return c;
  }

  /** The canonical state text. */
  state() {
    return stateText([...this.collections].map(([name, c]) => ({
      name,
      metadata: c.metadata,
      records: [...c.records].map(([id, r]) => [id, hex(r.bits), r.metadata, r.document]),
    })));
  }

  /** The model of what `db` holds (an opened database or an in-memory Database). */
  static of(db) {
    const model = new DatabaseModel();
    for (const col of db.listCollections()) {
      const records = new Map();
      const got = col.get({ include: ['embeddings', 'metadatas', 'documents'] });
      got.ids.forEach((id, i) => records.set(id, {
        bits: bitsOf(got.embeddings[i]), metadata: got.metadatas[i], document: got.documents[i],
      }));
      model.collections.set(col.name, { metadata: col.metadata ?? null, records });
    }
    return model;
  }
}

function stateText(collections) {
  return collections.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((c) => `collection ${JSON.stringify(c.name)} ${canonicalJson(c.metadata)}\n${c.records
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([id, bits, md, doc]) => `  ${JSON.stringify(id)} ${bits} ${canonicalJson(md)} ${JSON.stringify(doc)}\n`).join('')}`)
    .join('');
}

/** The canonical state text of an opened database (or an in-memory Database). */
export const stateOf = (db) => DatabaseModel.of(db).state();

/** The collection-level call for op, on an opened database; resolves with what it resolves with. */
export function run(db, op) {
  const vectors = () => op.vecs?.map(toFloat32);
  switch (op.t) {
    case 'create': return db.createCollection({ name: op.name, metadata: op.metadata ?? undefined, metric: METRIC, dimensions: DIMS });
    case 'drop': return db.deleteCollection(op.name);
    case 'modify': return db.getCollection(op.name).modify({
      ...(op.newName === undefined ? {} : { name: op.newName }), ...(op.metadata === undefined ? {} : { metadata: op.metadata }),
    });
    case 'add':
    case 'upsert':
    case 'update': return db.getCollection(op.c)[op.t]({
      ids: op.ids,
      ...(op.vecs ? { embeddings: vectors() } : {}),
      ...(op.mds ? { metadatas: op.mds } : {}),
      ...(op.docs ? { documents: op.docs } : {}),
    });
    case 'del': return db.getCollection(op.c).delete({ ids: op.ids });
    case 'delw': return db.getCollection(op.c).delete({ where: { tag: op.tag } });
    default: throw new Error(`run: unknown operation ${op.t}`);
  }
}

/** Where two state texts first differ (for failure messages: the states themselves can be long). */
export function difference(actual, expected) {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const i = a.findIndex((line, k) => line !== e[k]);
  const at = i < 0 ? Math.min(a.length, e.length) : i;
  const cut = (s) => (s === undefined ? 'nothing' : JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}…` : s));
  return `line ${at}: got ${cut(a[at])}, expected ${cut(e[at])}`;
}

/** Throws unless the state texts are equal, naming the first difference. */
export function assertSameState(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: ${difference(actual, expected)}`);
}
