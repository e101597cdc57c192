// Several tabs, one database (openWorkerDatabase(name), openWorkerIndex(name) in browsers): the tab that gets the Web Lock
// `teavec-worker:<storage>:<name>` is the leader; its worker opens the database (and so holds its writer lock).
// Every other tab talks to the leader over the BroadcastChannel of the same name, addressing the database and
// its collections by name, with request ids. When the leader goes (tab closed, crashed, db closed), the next
// tab in the lock's queue opens the database from its durable state in its own worker and announces itself;
// reads that were waiting are sent again, writes that were waiting reject (their outcome is unknown: they may
// have become durable just before the leader went). docs/worker.md, "Several tabs".
import { TeaVecError } from './errors.js';
import { HANDLE, errorToWire } from './worker-protocol.js';
import { errorFromWire } from './worker-connection.js';

const HELLO_MS = 250;

/**
 * Whether a database opened with `options` is shared: this runtime has Web Locks and BroadcastChannel (browsers),
 * the storage outlives a tab (not 'memory'), and the open is not a read-only one (that follows the writer itself).
 */
export function canShare(options) {
  return typeof globalThis.navigator?.locks?.request === 'function' && typeof BroadcastChannel === 'function'
    && options?.storage !== 'memory' && !options?.readOnly && options?.onLocked !== 'readonly';
}

const tabId = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`);
const isPlain = (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** Arguments for another tab: functions dropped, an AbortSignal checked now and dropped (neither crosses a BroadcastChannel). */
function cloneable(args) {
  const keep = (v) => {
    if (typeof v === 'function') return undefined;
    if (typeof AbortSignal === 'function' && v instanceof AbortSignal) {
      v.throwIfAborted();
      return undefined;
    }
    return v;
  };
  return args.map((a) => (isPlain(a) ? Object.fromEntries(Object.entries(a).map(([k, v]) => [k, keep(v)])) : keep(a)));
}

/**
 * The connection of a shared database's (or index's: `cls` 'index') proxies, in every tab: the leader serves
 * calls (its own and other tabs') with the database in its worker; a follower sends them to the leader.
 * `deps`: `openLocal()` (the database in a new worker of this tab), `call(proxy, method, args)`,
 * `propsOf(proxy)`, `isCollection(value)`.
 */
export class SharedConnection {
  #lockName;
  #deps;
  #tab = tabId();
  #channel;
  #leader = null;
  #taking = false;
  #leaderKnown;
  #announced;
  #local = null;
  #localReady = null;
  #release = null;
  #lockAbort = new AbortController();
  #pending = new Map();
  #next = 1;
  #ended = null;
  #handles = new Map();
  #endedError;
  #cls;
  #leaving = false;
  /** Other tabs' calls this leader is answering (a graceful close lets them finish). */
  #serving = new Set();
  proxies = new Map();

  constructor(lockName, deps, endedError, cls = 'database') {
    this.#cls = cls;
    this.#lockName = lockName;
    this.#deps = deps;
    this.#endedError = endedError;
    this.#leaderKnown = new Promise((resolve) => { this.#announced = resolve; });
    this.#channel = new BroadcastChannel(lockName);
    this.#channel.onmessage = ({ data }) => this.#receive(data);
  }

  /** Joins: leader at once when the lock is free, else follower of the leader that answers. Resolves with the root's wire form. */
  async join() {
    globalThis.navigator.locks.request(this.#lockName, { signal: this.#lockAbort.signal }, () => {
      // The previous leader is gone (it held the lock): this tab's calls from now on are served here.
      this.#taking = true;
      this.#localReady = this.#lead();
      // Held until this tab closes the database or goes away.
      return new Promise((resolve) => { this.#release = resolve; });
    }).catch(() => {});
    const hello = setInterval(() => this.#channel.postMessage({ type: 'hello' }), HELLO_MS);
    this.#channel.postMessage({ type: 'hello' });
    try {
      await this.#leaderKnown;
    } finally {
      clearInterval(hello);
    }
    const answer = await this.request({ type: 'call', handle: this.#root, method: '__props', writes: false });
    return { [HANDLE]: this.#root, cls: this.#cls, props: answer.props };
  }

  #root = Object.freeze({ database: true });

  /** 'leader' or 'follower'. */
  get role() { return this.#leader === this.#tab ? 'leader' : 'follower'; }
  get ended() { return this.#ended !== null; }

  /** A call of this tab's proxies, with their own arguments (callbacks and signals work on the leader). */
  callDirect(handle, method, writes, args) {
    return this.request({ type: 'call', handle, method, writes, args });
  }

  request(message) {
    if (this.#ended) return Promise.reject(this.#ended);
    if (message.type === 'end') return this.#end(true);
    if (this.#leaving) return Promise.reject(this.#endedError);
    if (this.#taking) return this.#serve(message.handle, message.method, message.args ?? []).then((a) => this.#fromServed(message.handle, a));
    let args;
    try {
      args = cloneable(message.args ?? []);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      const id = this.#next++;
      const wire = { type: 'call', id, from: this.#tab, handle: this.#wireHandle(message.handle), method: message.method, args };
      // No leader between one leaving and the next announcing itself: the call waits, unsent (sentTo null).
      this.#pending.set(id, { resolve, reject, wire, writes: message.writes, handle: message.handle, sentTo: this.#leader });
      if (this.#leader !== null) this.#channel.postMessage({ ...wire, to: this.#leader });
    });
  }

  terminate() { return this.#end(false); }

  // ---- leader -------------------------------------------------------------------------------------

  async #lead() {
    if (this.#ended) {
      this.#release?.();
      return;
    }
    try {
      this.#local = await this.#deps.openLocal();
    } catch (e) {
      // This tab cannot open it: fail its calls (join() included); another tab may lead.
      this.#fail(e);
      this.#announced();
      this.#release?.();
      return;
    }
    this.#leader = this.#tab;
    this.#channel.postMessage({ type: 'leader', id: this.#tab });
    this.#announced();
    this.#afterLeaderChange();
  }

  async #serve(handle, method, args) {
    await this.#localReady;
    if (!this.#local) throw this.#ended ?? new TeaVecError('STORAGE_ERROR', 'this tab does not hold the database');
    const target = handle.database ? this.#local : await this.#local.getCollection(handle.collection);
    const value = method === '__props' ? undefined : await this.#deps.call(target, method, args);
    return { value: this.#encode(value), props: this.#deps.propsOf(target) };
  }

  #encode(value) {
    if (Array.isArray(value)) return value.map((v) => this.#encode(v));
    if (!this.#deps.isCollection(value)) return value;
    const props = this.#deps.propsOf(value);
    return { [HANDLE]: { collection: props.name }, cls: 'collection', props };
  }

  // ---- follower and both ---------------------------------------------------------------------------

  /** This tab's handle object for a collection name (one per name, so one proxy per collection). */
  #handleFor(name) {
    let handle = this.#handles.get(name);
    if (!handle) {
      handle = { collection: name };
      this.#handles.set(name, handle);
    }
    return handle;
  }

  #wireHandle(handle) {
    return handle.database ? { database: true } : { collection: handle.collection };
  }

  /** An answer in this tab's terms: collection handles made this tab's own; a renamed collection re-keyed. */
  #fromServed(handle, answer) {
    const local = (v) => {
      if (Array.isArray(v)) return v.map(local);
      if (v === null || typeof v !== 'object' || v[HANDLE]?.collection === undefined) return v;
      return { ...v, [HANDLE]: this.#handleFor(v[HANDLE].collection) };
    };
    if (!handle.database && answer.props?.name !== undefined && answer.props.name !== handle.collection) {
      this.#handles.delete(handle.collection);
      handle.collection = answer.props.name;
      this.#handles.set(handle.collection, handle);
    }
    return { value: local(answer.value), props: answer.props };
  }

  #receive(message) {
    if (message.type === 'call' && message.to === this.#tab) {
      // A leader on its way out applies nothing more: the caller sends the call again to the next leader.
      if (this.#ended || this.#leaving) this.#channel.postMessage({ type: 'reply', to: message.from, from: this.#tab, id: message.id, retry: true });
      else this.#answer(message);
      return;
    }
    if (this.#ended) return;
    if (message.type === 'hello') {
      if (this.role === 'leader') this.#channel.postMessage({ type: 'leader', id: this.#tab });
    } else if (message.type === 'leader') {
      if (message.id !== this.#leader && this.#leader !== this.#tab) {
        this.#leader = message.id;
        this.#announced();
        this.#afterLeaderChange();
      }
    } else if (message.type === 'leaving') {
      if (message.id === this.#leader && this.#leader !== this.#tab) this.#leader = null;
    } else if (message.type === 'reply' && message.to === this.#tab) {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      if (message.retry) {
        // Not applied by a leader that is leaving: unsent again, for the next leader.
        pending.sentTo = null;
        if (this.#leader !== null && this.#leader !== message.from) this.#afterLeaderChange();
        return;
      }
      this.#pending.delete(message.id);
      if (message.error) pending.reject(errorFromWire(message.error));
      else pending.resolve(this.#fromServed(pending.handle, message));
    }
  }

  async #answer({ id, from, handle, method, args }) {
    const done = (async () => {
      let reply;
      try {
        const served = await this.#serve(handle, method, args);
        reply = { type: 'reply', to: from, from: this.#tab, id, ...served };
      } catch (e) {
        reply = { type: 'reply', to: from, from: this.#tab, id, error: errorToWire(e) };
      }
      this.#channel.postMessage(reply);
    })();
    this.#serving.add(done);
    await done;
    this.#serving.delete(done);
  }

  /**
   * After a new leader: calls never sent (or sent back by a leaving leader) and reads go to it (served here if
   * it is this tab); writes sent to a leader that went without answering reject, their outcome unknown.
   */
  #afterLeaderChange() {
    for (const [id, pending] of [...this.#pending]) {
      if (pending.sentTo === this.#leader) continue;
      this.#pending.delete(id);
      if (pending.writes && pending.sentTo !== null) {
        pending.reject(new TeaVecError('STORAGE_ERROR', 'the tab that held this database went away before answering: this change '
          + 'may or may not be durable (read to find out)'));
      } else if (this.role === 'leader') {
        this.#serve(pending.handle, pending.wire.method, pending.wire.args).then((a) => pending.resolve(this.#fromServed(pending.handle, a)), pending.reject);
      } else {
        pending.sentTo = this.#leader;
        this.#pending.set(id, pending);
        this.#channel.postMessage({ ...pending.wire, to: this.#leader });
      }
    }
  }

  #fail(error) {
    if (this.#ended) return;
    this.#ended = error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  /**
   * close() (`graceful`: other tabs' calls in progress are answered, then the database is closed) or
   * terminate(): leaves the channel and the lock queue. A leader says it is leaving, so that followers hold their
   * next calls for the next leader, and sends back the calls that still reach it (they were not applied).
   */
  async #end(graceful) {
    if (this.#ended || this.#leaving) return;
    this.#leaving = true;
    const local = this.#local ?? await this.#localReady?.catch(() => null) ?? this.#local;
    if (local && graceful) await Promise.allSettled([...this.#serving]);
    if (local) this.#channel.postMessage({ type: 'leaving', id: this.#tab });
    this.#fail(this.#endedError);
    this.#lockAbort.abort();
    try {
      if (local) await (graceful ? local.close() : local.terminate());
    } finally {
      this.#local = null;
      this.#release?.();
      // Open a moment longer: a call already on its way here is sent back rather than lost.
      setTimeout(() => this.#channel.close(), 250);
    }
  }
}
