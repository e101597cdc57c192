// One worker and the calls in flight to it: starts the worker script (a module Worker in browsers,
// worker_threads in Node), posts requests with their transfer lists, routes answers, callbacks and aborts.
import { TeaVecError } from './errors.js';
import { nodePlatform } from './files.js';
import { CALLBACK, SIGNAL } from './worker-protocol.js';

/** A started worker behind one interface: post, onMessage, onFailure, terminate, ref/unref (Node). */
async function startWorker(url) {
  if (typeof globalThis.Worker === 'function') {
    // Written as one expression so that Vite and webpack see the worker script and bundle it.
    const worker = url ? new Worker(url, { type: 'module' }) : new Worker(new URL('./worker-script.js', import.meta.url), { type: 'module' });
    return {
      post: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (handler) => worker.addEventListener('message', (event) => handler(event.data)),
      onFailure: (handler) => worker.addEventListener('error', (event) => {
        event.preventDefault?.();
        handler(event.message || `the worker script ${url ?? 'worker-script.js'} failed to load or threw`);
      }),
      terminate: () => worker.terminate(),
      ref: () => {},
      unref: () => {},
    };
  }
  const { Worker: NodeWorker } = await (await nodePlatform('a worker without a Worker global (worker_threads)')).workerThreads();
  const worker = new NodeWorker(url ?? new URL('./worker-script.js', import.meta.url));
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (handler) => worker.on('message', handler),
    onFailure: (handler) => {
      worker.on('error', (e) => handler(e?.message ?? String(e)));
      worker.on('exit', (code) => handler(`the worker exited (code ${code})`));
    },
    terminate: () => worker.terminate(),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
  };
}

const isPlain = (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** An error the worker sent, as the caller would have got it from the direct API (same class, code, fields). */
export function errorFromWire(wire, signal) {
  if (wire.name === 'AbortError' && signal?.aborted) return signal.reason;
  if (typeof wire.code === 'string' && wire.name === 'TeaVecError') {
    const { name, message, code, ...fields } = wire;
    void name;
    return Object.assign(new TeaVecError(code, message, fields), fields);
  }
  const error = typeof DOMException === 'function' && wire.name === 'AbortError'
    ? new DOMException(wire.message, 'AbortError') : new Error(wire.message);
  if (error.name !== wire.name) error.name = wire.name;
  return error;
}

export class Connection {
  #port;
  #pending = new Map();
  #next = 1;
  #ended = null;
  #endedError = null;
  #endedCode = null;
  #ready;

  /** Starts the worker (`options.url`: another worker script) and resolves once it listens. */
  static async start(options = {}) {
    const port = await startWorker(options.url);
    const connection = new Connection(port);
    await connection.#ready;
    port.unref();
    return connection;
  }

  constructor(port) {
    this.#port = port;
    this.#ready = new Promise((resolve, reject) => {
      port.onMessage((message) => {
        if (message.type === 'ready') resolve();
        else this.#receive(message);
      });
      port.onFailure((text) => {
        // Before it listens: the script or the engine did not load. Later: the object it served is gone.
        const error = new TeaVecError(this.#endedCode ?? 'LOAD_FAILED', `the TeaVec worker stopped: ${text}`);
        reject(error);
        this.#fail(error);
      });
    });
  }

  /** What every call gets once the worker is ended: `[code, message]` of the object it serves. */
  set endedError([code, message]) {
    this.#endedCode = code;
    this.#endedError = new TeaVecError(code, message);
  }

  get ended() { return this.#ended !== null; }

  /**
   * Posts `message` (a new request id is added) with `transfer`; `callbacks[slot]` receive the worker's
   * callback posts; `signal` aborts it (the worker stops between slices and answers AbortError).
   */
  request(message, { transfer = [], callbacks = [], signal } = {}) {
    if (this.#ended) return Promise.reject(this.#ended);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const onAbort = () => this.#port.post({ type: 'abort', id }, []);
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        signal?.removeEventListener('abort', onAbort);
        this.#pending.delete(id);
        if (this.#pending.size === 0) this.#port.unref();
      };
      this.#pending.set(id, {
        resolve: (value) => { settle(); resolve(value); },
        reject: (error) => { settle(); reject(error); },
        callbacks,
        signal,
      });
      this.#port.ref();
      try {
        this.#port.post({ ...message, id }, transfer);
      } catch (e) {
        // An argument postMessage cannot clone (a function in a nested object, a symbol): this call only fails.
        this.#pending.get(id).reject(e);
      }
    });
  }

  /** Stops the worker now; calls in flight and later ones reject with the ended error. */
  terminate() {
    if (!this.#ended) this.#fail(this.#endedError ?? new TeaVecError('INDEX_FREED', 'the TeaVec worker was terminated'));
    return this.#port.terminate();
  }

  #fail(error) {
    if (this.#ended) return;
    this.#ended = error;
    for (const pending of [...this.#pending.values()]) pending.reject(error);
  }

  #receive(message) {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if (message.type === 'callback') {
      try {
        pending.callbacks[message.slot]?.(...message.args);
      } catch {
        // A callback that throws must not break the call (the direct API ignores such errors too).
      }
    } else if (message.type === 'result') {
      pending.resolve(message);
    } else {
      pending.reject(errorFromWire(message.error, pending.signal));
    }
  }
}

/**
 * Arguments in their wire form: functions become callback slots, an AbortSignal (in an options object)
 * a marker; returns `{ args, callbacks, signal }`.
 */
export function encodeArgs(args) {
  const callbacks = [];
  let signal;
  const encode = (value) => {
    if (typeof value === 'function') {
      callbacks.push(value);
      return { [CALLBACK]: callbacks.length - 1 };
    }
    if (typeof AbortSignal === 'function' && value instanceof AbortSignal) {
      signal = value;
      return { [SIGNAL]: true };
    }
    return value;
  };
  const out = args.map((arg) => (isPlain(arg)
    ? Object.fromEntries(Object.entries(arg).map(([key, value]) => [key, encode(value)]))
    : encode(arg)));
  return { args: out, callbacks, signal };
}
