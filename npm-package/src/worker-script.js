// The worker side of teavec/worker: runs in a dedicated module Worker (browsers) or a worker_threads Worker
// (Node), holds the engine and the objects the caller's proxies stand for, and answers their calls as
// src/worker-protocol.js describes them. Started by src/worker.js; not an entry point of its own.
import init, { EdgeVec, EdgeVecConfig, Database, TeaVecError, openDatabase, loadSnapshot } from './index.js';
import { CLASSES, CALLBACK, SIGNAL, FLAT, HANDLE, EMBEDDER, errorToWire } from './worker-protocol.js';
import { embedderStandIn } from './worker-embeddings.js';
import { slicedInsert } from './worker-slices.js';

/**
 * postMessage/onmessage of this worker, whichever runtime it is. No top-level await: a browser worker listens
 * from its first turn, and bundlers that emit classic worker scripts take this file as it is.
 */
function connect(start) {
  if (typeof globalThis.WorkerGlobalScope === 'function' && globalThis instanceof globalThis.WorkerGlobalScope) {
    start({
      post: (message, transfer) => globalThis.postMessage(message, transfer ?? []),
      listen: (handler) => globalThis.addEventListener('message', (event) => handler(event.data)),
    });
    return;
  }
  import('#teavec-node').then((node) => node.workerThreads()).then(({ parentPort }) => start({
    post: (message, transfer) => parentPort.postMessage(message, transfer ?? []),
    listen: (handler) => parentPort.on('message', handler),
  }));
}

const objects = new Map();
const ids = new Map();
const controllers = new Map();
let nextHandle = 1;
let engine = null;
/** The running sliced insert: writes that arrive meanwhile start after it, in arrival order. */
let exclusive = null;

function propsOf(target, cls) {
  const out = {};
  for (const name of CLASSES[cls].properties) {
    try {
      const value = target[name];
      if (typeof value !== 'function') out[name] = value;
    } catch {
      // A freed or deleted object: its properties throw; the proxy keeps the last values.
    }
  }
  return out;
}

/** The wire form of an object the caller gets a proxy for (the same handle each time for the same object). */
function handleOf(target, cls) {
  let id = ids.get(target);
  if (id === undefined) {
    id = nextHandle++;
    ids.set(target, id);
    objects.set(id, { target, cls });
  }
  return { [HANDLE]: id, cls, props: propsOf(target, cls) };
}

const isPlain = (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/**
 * The call's arguments with the wire markers restored: callbacks that post back, the call's own AbortSignal
 * (its property removed from the options object, which the direct methods do not expect), flat batches as
 * views of one vector each. Also returns the signal and the options' onProgress, for sliced inserts.
 */
function restoreArgs(port, id, args) {
  let signal;
  let onProgress;
  const restore = (value) => {
    if (value?.[CALLBACK] !== undefined) {
      const slot = value[CALLBACK];
      return (...cbArgs) => port.post({ type: 'callback', id, slot, args: cbArgs });
    }
    if (value?.[EMBEDDER]) return embedderStandIn(value[EMBEDDER]);
    if (value?.[FLAT]) {
      const { data, dims, count } = value;
      return Array.from({ length: count }, (_, i) => data.subarray(i * dims, (i + 1) * dims));
    }
    return value;
  };
  const out = args.map((arg) => {
    if (!isPlain(arg) || arg[CALLBACK] !== undefined || arg[FLAT]) return restore(arg);
    const copy = {};
    for (const [key, value] of Object.entries(arg)) {
      if (value?.[SIGNAL]) {
        const controller = new AbortController();
        controllers.set(id, controller);
        signal = controller.signal;
        continue;
      }
      copy[key] = restore(value);
      if (key === 'onProgress' && typeof copy[key] === 'function') onProgress = copy[key];
    }
    return copy;
  });
  return { args: out, signal, onProgress };
}

/** What the proxy stands for, in words, for NOT_SUPPORTED (one table serves each kind's variants). */
function describeTarget(target, cls) {
  if (cls === 'database') {
    return target instanceof Database ? 'an in-memory database (openWorkerDatabase without a name)' : 'a database opened by name';
  }
  if (cls === 'index') {
    return target instanceof EdgeVec ? 'an index not opened by name (createWorkerIndex, loadWorkerIndex)' : 'an index opened by name';
  }
  return `a ${cls}`;
}

async function startWrite() {
  while (exclusive) await exclusive.catch(() => {});
}

async function callMethod(port, { id, handle, method, args }) {
  const entry = objects.get(handle);
  const spec = entry && Object.hasOwn(CLASSES[entry.cls].methods, method) ? CLASSES[entry.cls].methods[method] : null;
  if (!spec) throw new TeaVecError('NOT_SUPPORTED', `${method} is not a method of this worker ${entry?.cls ?? 'object'}`);
  const { target, cls } = entry;
  const call = restoreArgs(port, id, args);
  if (spec.writes) await startWrite();
  call.signal?.throwIfAborted();
  let result;
  if (spec.slices && target instanceof EdgeVec) {
    exclusive = slicedInsert(target, spec.slices, call.args, call);
    try {
      result = await exclusive;
    } finally {
      exclusive = null;
    }
  } else {
    const fn = spec.symbol ? target[Symbol.for(spec.symbol)] : target[method];
    if (typeof fn !== 'function') throw new TeaVecError('NOT_SUPPORTED', `${describeTarget(target, cls)} has no ${method}()`);
    result = await fn.apply(target, call.args);
  }
  if (spec.returns) result = Array.isArray(result) ? result.map((r) => handleOf(r, spec.returns)) : handleOf(result, spec.returns);
  return { value: result, props: propsOf(target, cls) };
}

/** An EdgeVecConfig from settings as plain data (an EdgeVecConfig's fields); anything else as it is, for the direct API to refuse. */
function configOf(settings) {
  if (!isPlain(settings) || !Number.isInteger(settings.dimensions)) return settings;
  const config = new EdgeVecConfig(settings.dimensions);
  for (const [key, value] of Object.entries(settings)) if (key !== 'dimensions') config[key] = value;
  return config;
}

/**
 * A new EdgeVec from settings, or from a snapshot source (`{ bytes }`, `{ path }`, `{ name }`), or the index
 * opened by name (`{ open: name }`: EdgeVec.open, `options` openDatabase's).
 */
async function openIndex(settings, source, options) {
  if (!source) return new EdgeVec(configOf(settings));
  if (source.open !== undefined) return EdgeVec.open(source.open, settings === null ? undefined : configOf(settings), options.args);
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  let index;
  if (source.bytes) index = EdgeVec.fromBytes(source.bytes);
  else if (source.path !== undefined) index = await EdgeVec.loadFromFile(source.path);
  else {
    const saved = await loadSnapshot(source.name, onProgress ? { onProgress } : undefined);
    if (saved === null) throw new TeaVecError('NOT_FOUND', `no index is saved under the name "${source.name}"`);
    signal?.throwIfAborted();
    index = EdgeVec.fromBytes(saved.bytes);
  }
  if (signal?.aborted) {
    index.free();
    signal.throwIfAborted();
  }
  return index;
}

/** The engine this worker runs: the core's, or teavec/quantization's (imported only when asked for). */
async function loadEngine(input, which) {
  if (which === 'quantization') return (await import('./quantization.js')).default(input);
  return init(input);
}

async function open(port, { id, kind, args, init: initInput, engine: which }) {
  engine ??= loadEngine(initInput ?? undefined, which);
  await engine;
  const call = restoreArgs(port, id, args);
  if (kind === 'index') {
    return { value: handleOf(await openIndex(call.args[0], call.args[1], { ...call, args: call.args[2] }), 'index') };
  }
  const [name, options] = call.args;
  const db = name === undefined ? new Database() : await openDatabase(name, options);
  return { value: handleOf(db, 'database') };
}

/** close()/free(): the direct API's own ending, then the caller stops this worker. */
async function end({ handle }) {
  const entry = objects.get(handle);
  if (!entry) return { value: undefined };
  const { target } = entry;
  if (typeof target.close === 'function') await target.close();
  else target.free();
  return { value: undefined };
}

connect((port) => {
  port.listen(async (message) => {
    if (message.type === 'abort') {
      controllers.get(message.id)?.abort();
      return;
    }
    const { id } = message;
    try {
      const answer = message.type === 'open' ? await open(port, message)
        : message.type === 'end' ? await end(message) : await callMethod(port, message);
      port.post({ type: 'result', id, ...answer });
    } catch (e) {
      port.post({ type: 'error', id, error: errorToWire(e) });
    } finally {
      controllers.delete(id);
    }
  });
  port.post({ type: 'ready' });
});
