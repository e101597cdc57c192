// How TeaVec records are laid out in a Solr collection. The field names come from solr-layout.json,
// which the Maven module's configset (SolrSchema) and JVM importer read too; the two functions written
// here in JS and in Java (the metadata field name of a key, the content hash) are checked against the
// same examples (solr-cloud/src/test/resources/dev/teavec/solr/layout-examples.json).
import LAYOUT from '../../solr-cloud/src/main/resources/dev/teavec/solr/solr-layout.json' with { type: 'json' };
import { TeaVecError } from './errors.js';

export { LAYOUT };
export const F = LAYOUT.fields;
const META = LAYOUT.metadataFields;
const UTF8 = new TextEncoder();

/**
 * A float32 as a JSON number of at most 9 significant digits (enough to give back the same float32).
 * The shortest double text of a float32 can run to 25 characters ('-0.0000059382427934906445'), which
 * Solr's JSON reader keeps as a string, and a vector with one fails when Solr forwards it to a shard.
 */
export const shortFloat = (x) => Number(x.toPrecision(9));

/** TeaVec metric → Solr similarityFunction, and back. */
export const SIMILARITY = LAYOUT.similarity;
export const METRIC_OF_SIMILARITY = Object.fromEntries(Object.entries(SIMILARITY).map(([m, s]) => [s, m]));

/** A metadata key as a field-name part: letters and digits kept, any other UTF-16 unit as escape + 4 hex digits. */
export function encodeKey(key) {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const alnum = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    out += alnum ? key[i] : META.escape + c.toString(16).padStart(4, '0');
  }
  return out;
}

/** The indexed field of `key`'s values of one kind: 'string', 'strings', 'number' or 'boolean'. */
export function metadataField(key, kind) {
  const suffix = META.suffixes[kind];
  if (suffix === undefined) throw new Error(`no metadata field kind ${kind}`);
  return META.prefix + encodeKey(key) + suffix;
}

/** Lucene refuses longer terms; such values cannot be filtered on in Solr. */
export function checkTerm(s, what) {
  if (s.length * 3 > LAYOUT.maxTermBytes && UTF8.encode(s).length > LAYOUT.maxTermBytes) {
    throw new TeaVecError('NOT_SUPPORTED', `${what}: SolrCloud indexes strings of at most ${LAYOUT.maxTermBytes} `
      + 'UTF-8 bytes for filters, got a longer one');
  }
}

/** Bytes for the content hash, written little-endian into a growing buffer. */
class HashInput {
  bytes = new Uint8Array(1024);
  view = new DataView(this.bytes.buffer);
  length = 0;

  #room(n) {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(2 * this.bytes.length, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  u8(v) { this.#room(1); this.view.setUint8(this.length, v); this.length += 1; }
  u32(v) { this.#room(4); this.view.setUint32(this.length, v >>> 0, true); this.length += 4; }
  f32(v) { this.#room(4); this.view.setFloat32(this.length, v, true); this.length += 4; }
  f64(v) { this.#room(8); this.view.setFloat64(this.length, v, true); this.length += 8; }

  /** u32 UTF-8 length and the bytes, or u32 0xFFFFFFFF for null. */
  text(s) {
    if (s === null || s === undefined) {
      this.u32(0xffffffff);
      return;
    }
    const utf8 = UTF8.encode(s);
    this.u32(utf8.length);
    this.#room(utf8.length);
    this.bytes.set(utf8, this.length);
    this.length += utf8.length;
  }
}

/** Kinds of metadata values in the content hash. */
const HASH_KIND = { null: 0, string: 1, number: 2, boolean: 3, strings: 4 };

/**
 * The content fingerprint push and pull compare (the layout's hash field), lowercase hex of the first 16
 * bytes of SHA-256 over, little-endian: u32 dim, f32 × dim; u32 key count, then per key in UTF-16 order
 * text(key), u8 kind (0 null, 1 string, 2 number, 3 boolean, 4 string list) and the value (text; f64 with
 * -0 as 0; u8; u32 count + texts); text(document). text(s) = u32 UTF-8 length + bytes, or u32 0xFFFFFFFF
 * for none. No metadata and {} are one state, as in local collections. Needs Web Crypto (crypto.subtle).
 */
export async function contentHash(vector, metadata, document) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new TeaVecError('NOT_SUPPORTED', 'syncing with SolrCloud needs Web Crypto (crypto.subtle): a browser page '
      + 'served over https or localhost, a worker, Node 22 or Cloudflare Workers');
  }
  const input = new HashInput();
  input.u32(vector.length);
  for (let i = 0; i < vector.length; i++) input.f32(vector[i]);
  const keys = metadata ? Object.keys(metadata).sort() : [];
  input.u32(keys.length);
  for (const key of keys) {
    const v = metadata[key];
    input.text(key);
    if (v === null) {
      input.u8(HASH_KIND.null);
    } else if (typeof v === 'string') {
      input.u8(HASH_KIND.string);
      input.text(v);
    } else if (typeof v === 'number') {
      input.u8(HASH_KIND.number);
      input.f64(v === 0 ? 0 : v);
    } else if (typeof v === 'boolean') {
      input.u8(HASH_KIND.boolean);
      input.u8(v ? 1 : 0);
    } else {
      input.u8(HASH_KIND.strings);
      input.u32(v.length);
      for (const item of v) input.text(item);
    }
  }
  input.text(document ?? null);
  const digest = new Uint8Array(await subtle.digest('SHA-256', input.bytes.subarray(0, input.length)));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += digest[i].toString(16).padStart(2, '0');
  return hex;
}

/** The hash of a record `{ embedding, metadata, document }` (as toSolrDocument stores it). */
export function recordHash(record) {
  return contentHash(record.embedding, record.metadata, record.document);
}

/**
 * The Solr document of one record. `record`: `{ id, embedding (Float32Array), metadata (plain object or
 * null), document (string or null), version? }`, already validated. `version`: the last-writer-wins
 * version of records without their own.
 */
export async function toSolrDocument(record, version) {
  const metadataJson = record.metadata && Object.keys(record.metadata).length > 0 ? JSON.stringify(record.metadata) : null;
  const doc = {
    [F.id]: record.id,
    [F.vector]: Array.from(record.embedding, shortFloat),
    [F.version]: record.version ?? version,
    [F.hash]: await recordHash(record),
  };
  if (record.document !== null && record.document !== undefined) doc[F.document] = record.document;
  if (metadataJson !== null) {
    doc[F.metadata] = metadataJson;
    const keys = [];
    for (const [key, value] of Object.entries(record.metadata)) {
      if (value === null) continue;
      keys.push(key);
      const what = `metadata ${JSON.stringify(key)} of record ${JSON.stringify(record.id)}`;
      if (typeof value === 'string') {
        checkTerm(value, what);
        doc[metadataField(key, 'string')] = value;
      } else if (typeof value === 'number') {
        doc[metadataField(key, 'number')] = value;
      } else if (typeof value === 'boolean') {
        doc[metadataField(key, 'boolean')] = value;
      } else if (value.length > 0) {
        value.forEach((s) => checkTerm(s, what));
        doc[metadataField(key, 'strings')] = value;
      }
    }
    if (keys.length > 0) doc[F.metadataKeys] = keys;
  }
  return doc;
}

/** Stored fields to ask for, by what a caller includes. */
export function storedFields(include) {
  const fields = [F.id];
  if (include.includes('embeddings')) fields.push(F.vector);
  if (include.includes('metadatas')) fields.push(F.metadata);
  if (include.includes('documents')) fields.push(F.document);
  return fields;
}

/** A record from a stored Solr document: `{ id, embedding, metadata, document, hash, version, tombstone }`. */
export function fromSolrDocument(doc) {
  return {
    id: doc[F.id],
    // Solr writes the shortest decimal of each float32: back to that float32, as local collections return it.
    embedding: doc[F.vector]?.map(Math.fround) ?? null,
    metadata: doc[F.metadata] === undefined ? null : JSON.parse(doc[F.metadata]),
    document: doc[F.document] ?? null,
    hash: doc[F.hash] ?? null,
    version: doc[F.version] ?? null,
    tombstone: doc[F.tombstone] === true,
  };
}

/**
 * Last-writer-wins versions: microseconds since the epoch (performance.timeOrigin + performance.now()),
 * strictly increasing per clock. The JVM importer makes the same unit (docs/solr.md).
 */
export class VersionClock {
  #last = 0;

  next() {
    const perf = globalThis.performance;
    const now = Math.floor(perf?.timeOrigin !== undefined ? (perf.timeOrigin + perf.now()) * 1000 : Date.now() * 1000);
    this.#last = Math.max(this.#last + 1, now);
    return this.#last;
  }
}
