// teavec/worker: the EdgeVec and openDatabase APIs with the engine in a dedicated worker (a module Worker
// in browsers, worker_threads in Node), every method returning a Promise. The proxies are built from the
// method table of src/worker-protocol.js; docs/worker.md describes the whole.
import { TeaVecError, EdgeVecConfig } from './index.js';
import { describe } from './describe.js';
import { CLASSES, FLAT, HANDLE } from './worker-protocol.js';
import { Connection, encodeArgs } from './worker-connection.js';
import { SharedConnection, canShare } from './worker-tabs.js';
import { detachEmbedder, rememberEmbedder, embedHere } from './worker-embeddings.js';

const CALL = Symbol('teavec.workerCall');
const PROPS = Symbol('teavec.workerProps');
const CONNECTION = Symbol('teavec.workerConnection');
const HANDLE_ID = Symbol('teavec.workerHandle');

/**
 * A list of vectors as one flat Float32Array `{ [FLAT], data, dims, count }` (its buffer goes in the
 * transfer list), or null when the list is not uniform (then it crosses as it is and the worker's direct
 * method reports what is wrong with it, as the direct API would).
 */
function flatBatch(list, numberArrays) {
  if (!Array.isArray(list) || list.length === 0) return null;
  const first = list[0];
  const isItem = (v) => v instanceof Float32Array || (numberArrays && Array.isArray(v) && v.every((x) => typeof x === 'number'));
  if (!isItem(first) || first.length === 0) return null;
  const dims = first.length;
  if (!list.every((v) => isItem(v) && v.length === dims)) return null;
  const data = new Float32Array(list.length * dims);
  list.forEach((v, i) => data.set(v, i * dims));
  return { [FLAT]: true, data, dims, count: list.length };
}

/** The wire form of a call's arguments per its table entry: `{ args, transfer, callbacks, signal }`. */
function wireArgs(spec, args) {
  const encoded = encodeArgs(args);
  const transfer = [];
  const out = encoded.args;
  if (spec.flat && out[spec.flat.arg] instanceof Float32Array) {
    const copy = out[spec.flat.arg].slice();
    out[spec.flat.arg] = copy;
    transfer.push(copy.buffer);
  }
  if (spec.vectors) {
    const { arg, field, numberArrays } = spec.vectors;
    const holder = field === undefined ? out : out[arg];
    const key = field === undefined ? arg : field;
    const flat = holder !== null && typeof holder === 'object' ? flatBatch(holder[key], numberArrays) : null;
    if (flat) {
      if (field !== undefined) out[arg] = { ...holder, [field]: flat };
      else out[arg] = flat;
      transfer.push(flat.data.buffer);
    }
  }
  return { args: out, transfer, callbacks: encoded.callbacks, signal: encoded.signal };
}

/** The base of every proxy: its worker, its handle there, and the properties mirrored from the last answer. */
class RemoteObject {
  constructor(connection, handle, props) {
    Object.defineProperties(this, {
      [CONNECTION]: { value: connection },
      [HANDLE_ID]: { value: handle },
      [PROPS]: { value: { ...props }, writable: true },
    });
  }

  async [CALL](method, spec, given) {
    const connection = this[CONNECTION];
    // Embedding functions stay on this side (src/worker-embeddings.js).
    const { args: detached, fn } = this instanceof WorkerDatabase ? detachEmbedder(method, given) : { args: given };
    const embedding = this instanceof WorkerCollection ? embedHere(connection, this, method, detached) : null;
    const args = embedding ? await embedding : detached;
    let answer;
    if (connection.callDirect) {
      // A database shared by tabs (src/worker-tabs.js): its connection takes the arguments as they are.
      answer = await connection.callDirect(this[HANDLE_ID], method, Boolean(spec.writes), args);
    } else {
      const { args: wire, transfer, callbacks, signal } = wireArgs(spec, args);
      answer = await connection.request({ type: 'call', handle: this[HANDLE_ID], method, args: wire }, { transfer, callbacks, signal });
    }
    if (answer.props) this[PROPS] = answer.props;
    const result = fromWire(connection, answer.value);
    if (this instanceof WorkerDatabase) rememberEmbedder(connection, method, args, fn, result);
    return result;
  }
}

/** A proxy class whose methods and properties are those the table lists for `cls`. */
function proxyOf(cls) {
  const Proxy = class extends RemoteObject {};
  for (const [method, spec] of Object.entries(CLASSES[cls].methods)) {
    const key = spec.symbol ? Symbol.for(spec.symbol) : method;
    Object.defineProperty(Proxy.prototype, key, {
      value: function proxied(...args) { return this[CALL](method, spec, args); },
      writable: true,
      configurable: true,
    });
  }
  for (const name of CLASSES[cls].properties) {
    Object.defineProperty(Proxy.prototype, name, { get() { return this[PROPS][name]; }, configurable: true });
  }
  return Proxy;
}

/** Ends the worker after the direct API's own ending (free/close) ran there; further calls reject. */
async function endRemote(proxy) {
  const connection = proxy[CONNECTION];
  if (connection.ended) return;
  try {
    await connection.request({ type: 'end', handle: proxy[HANDLE_ID] });
  } finally {
    await connection.terminate();
  }
}

/**
 * An EdgeVec whose engine runs in a worker: EdgeVec's methods, each returning a Promise. Batch inserts
 * (insertBatch, insertBatchFlat, insertBatchWithProgress, insertBatchWithMetadata) also take a last
 * options argument `{ signal, onProgress }`; `dimensions`, `metric`, `size` and `kernels` read as of the
 * last answer.
 */
export class WorkerIndex extends proxyOf('index') {
  /** Stops the worker at once; its memory goes with it. Calls in flight reject with INDEX_FREED. */
  terminate() { return this[CONNECTION].terminate(); }
  /** free() in the worker (close() for an index opened by name: flush, release its storage), then terminate(). */
  free() { return endRemote(this); }
  /** The same as free(): an index opened by name reads better closed. */
  close() { return endRemote(this); }
  /** Opened by name in a browser: 'leader' or 'follower' (see WorkerDatabase#tabRole); undefined otherwise. */
  get tabRole() { return this[CONNECTION].role; }
  async [Symbol.asyncDispose]() { await this.free(); }
}

/**
 * A database whose engine runs in a worker: openDatabase's API (or, opened without a name, an in-memory
 * Database's), each method returning a Promise. `name`, `storage`, `readOnly`, `recovery` and `stats`
 * read as of the last answer.
 */
export class WorkerDatabase extends proxyOf('database') {
  /** close() in the worker (flush, release the writer lock), then stops it. */
  close() { return endRemote(this); }
  /** Stops the worker at once, as a crash would: writes already acknowledged are durable, the rest are not. */
  terminate() { return this[CONNECTION].terminate(); }
  /**
   * A database opened by name in a browser is shared by the tabs of the origin: 'leader' in the tab whose worker
   * holds it, 'follower' in the others (their calls go to the leader); undefined when not shared.
   */
  get tabRole() { return this[CONNECTION].role; }
  async [Symbol.asyncDispose]() { await this.close(); }
}

/** A collection of a WorkerDatabase: the Collection API, each method returning a Promise. */
export class WorkerCollection extends proxyOf('collection') {}

const PROXIES = { index: WorkerIndex, database: WorkerDatabase, collection: WorkerCollection };

/** Calls `method` of `proxy` as its table describes it (also the methods proxies have under a symbol). */
function callProxy(proxy, method, args) {
  const cls = Object.keys(PROXIES).find((name) => proxy instanceof PROXIES[name]);
  const spec = CLASSES[cls].methods[method];
  if (!spec) return Promise.reject(new TeaVecError('NOT_SUPPORTED', `${method} is not a method of a worker ${cls}`));
  return proxy[CALL](method, spec, args);
}

/** A connection for a name the origin's tabs share (src/worker-tabs.js); `openLocal` opens it in this tab's worker. */
function sharedConnection(kind, storage, name, openLocal, ended) {
  return new SharedConnection(`teavec-worker:${storage ?? 'auto'}:${name}`, {
    openLocal,
    call: callProxy,
    propsOf: (proxy) => proxy[PROPS],
    isCollection: (value) => value instanceof WorkerCollection,
  }, new TeaVecError(...ended), kind);
}

/** A value from the worker with handles made proxies (the same proxy for the same handle). */
function fromWire(connection, value) {
  if (Array.isArray(value)) return value.map((v) => fromWire(connection, v));
  if (value === null || typeof value !== 'object' || value[HANDLE] === undefined) return value;
  connection.proxies ??= new Map();
  let proxy = connection.proxies.get(value[HANDLE]);
  if (!proxy) {
    proxy = new PROXIES[value.cls](connection, value[HANDLE], value.props);
    connection.proxies.set(value[HANDLE], proxy);
  } else {
    proxy[PROPS] = value.props;
  }
  return proxy;
}

const WORKER_OPTIONS = ['url', 'init', 'engine'];
/** The worker's engine: teavec's core (teavec.wasm) or teavec/quantization's (every encoding). */
const ENGINES = ['core', 'quantization'];

function checkWorkerOptions(options) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new TeaVecError('INVALID_ARGUMENT', `options.worker must be an object { url, init, engine }, got ${describe(options)}`);
  }
  const unknown = Object.keys(options).filter((k) => !WORKER_OPTIONS.includes(k));
  if (unknown.length > 0) {
    throw new TeaVecError('INVALID_ARGUMENT', `unknown options.worker field(s) ${unknown.join(', ')}; known: ${WORKER_OPTIONS.join(', ')}`);
  }
  if (options.engine !== undefined && !ENGINES.includes(options.engine)) {
    throw new TeaVecError('INVALID_ARGUMENT', `options.worker.engine must be ${ENGINES.map((e) => `'${e}'`).join(' or ')}, got ${describe(options.engine)}`);
  }
  const init = options.init instanceof URL ? options.init.href : options.init;
  return {
    url: options.url,
    init: init?.module instanceof URL ? { ...init, module: init.module.href } : init,
    engine: options.engine ?? 'core',
  };
}

/**
 * Starts a worker, opens the root object there and returns its proxy; the worker stops if that fails.
 * `transfer`: buffers of `args` that go to the worker (the caller made them for it).
 */
async function openRoot(kind, args, workerOptions, transfer = [], ended = CLASSES[kind].ended) {
  const options = checkWorkerOptions(workerOptions);
  const connection = await Connection.start({ url: options.url });
  connection.endedError = ended;
  const { args: wire, callbacks, signal } = encodeArgs(args);
  try {
    const answer = await connection.request({ type: 'open', kind, args: wire, init: options.init, engine: options.engine }, { transfer, callbacks, signal });
    return fromWire(connection, answer.value);
  } catch (e) {
    await connection.terminate();
    throw e;
  }
}

function splitWorkerOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return { rest: options, worker: undefined };
  const { worker, ...rest } = options;
  return { rest, worker };
}

/**
 * A new index in a new worker. `config`: an EdgeVecConfig (or a plain object of its settings, dimensions
 * required). `options.worker`: `{ url, init, engine }`: another worker script URL; what the worker passes to init();
 * `engine: 'quantization'` loads teavec/quantization's engine (float16, sq4, binary, pq) there instead of the core's.
 */
export async function createWorkerIndex(config, options = undefined) {
  const settings = config instanceof EdgeVecConfig ? config.toJSON() : config;
  return openRoot('index', [settings], splitWorkerOptions(options).worker);
}

/**
 * EdgeVec.open(name, config, options) in a new worker: the index opened (or created with `config`) by name,
 * every change resolved once durable in its write-ahead log. `options`: openDatabase's, `shared` and `worker`.
 * In browsers it is shared by the origin's tabs as openWorkerDatabase's databases are (the leader's `config`
 * counts).
 */
export async function openWorkerIndex(name, config = undefined, options = undefined) {
  const settings = config instanceof EdgeVecConfig ? config.toJSON() : config ?? null;
  const { rest, worker } = splitWorkerOptions(options);
  let openOptions = rest ?? {};
  let shared;
  if (openOptions !== null && typeof openOptions === 'object' && 'shared' in openOptions) ({ shared, ...openOptions } = openOptions);
  // After close(), calls fail as the direct API's do on a closed index opened by name.
  const ended = ['STORAGE_ERROR', `index ${JSON.stringify(name)} is closed (close() or terminate() was called); open it again`];
  const openLocal = () => openRoot('index', [settings, { open: name }, openOptions], worker, [], ended);
  if (typeof name !== 'string' || shared === false || !canShare(openOptions)) return openLocal();
  const connection = sharedConnection('index', openOptions.storage, name, openLocal, ended);
  return fromWire(connection, await connection.join());
}

/**
 * The index a snapshot holds, loaded in a new worker. `source`: `{ name }` (saved to IndexedDB by save()),
 * `{ path }` (Node: saveToFile) or `{ bytes }` (toBytes(); copied, then transferred). options:
 * `{ signal, onProgress, worker }`.
 */
export async function loadWorkerIndex(source, options = undefined) {
  if (source === null || typeof source !== 'object' || !['name', 'path', 'bytes'].some((k) => source[k] !== undefined)) {
    throw new TeaVecError('INVALID_ARGUMENT', `loadWorkerIndex takes { name } | { path } | { bytes }, got ${describe(source)}`);
  }
  const { rest, worker } = splitWorkerOptions(options);
  const { bytes } = source;
  if (!ArrayBuffer.isView(bytes) && !(bytes instanceof ArrayBuffer)) return openRoot('index', [null, source, rest ?? {}], worker);
  // A copy of the snapshot goes to the worker, transferred: the caller keeps its bytes.
  const copy = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice() : new Uint8Array(bytes).slice();
  return openRoot('index', [null, { ...source, bytes: copy }, rest ?? {}], worker, [copy.buffer]);
}

/**
 * openDatabase(name, options) in a new worker; without a name an in-memory Database. `options.worker`:
 * `{ url, init }` as for createWorkerIndex; the other options are openDatabase's. In browsers a named
 * database is shared by the origin's tabs (one worker, in the leader tab, holds it; src/worker-tabs.js)
 * unless `shared: false`, a read-only open or storage 'memory'.
 */
export async function openWorkerDatabase(name = undefined, options = undefined) {
  const { rest, worker } = splitWorkerOptions(options);
  let openOptions = rest;
  let shared;
  if (rest !== null && typeof rest === 'object' && 'shared' in rest) ({ shared, ...openOptions } = rest);
  // Not shared: no name (in memory), a name openDatabase will refuse, `shared: false`, or no Web Locks here.
  if (typeof name !== 'string' || shared === false || !canShare(openOptions)) {
    return openRoot('database', openOptions === undefined ? [name] : [name, openOptions], worker);
  }
  const connection = sharedConnection('database', openOptions?.storage, name,
    () => openRoot('database', [name, openOptions], worker), CLASSES.database.ended);
  return fromWire(connection, await connection.join());
}
