// HTTP to one SolrCloud collection with `fetch` alone: any node routes a request to the shards. A node
// that does not answer is left for the next one; a request that fails for a reason that passes (no
// connection, a timeout, HTTP 429 or 5xx: a write forwarded to a shard leader that is shutting down
// fails once with 500 and succeeds once the leader moved) is retried with backoff. Writes are safe to
// repeat: records are replaced by id, and versions make an older or equal repeat a no-op.
import { TeaVecError } from './errors.js';

const RETRY_DEFAULTS = { attempts: 8, firstDelayMs: 200, maxDelayMs: 4000 };
const sleep = (ms, signal) => new Promise((resolve, reject) => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
});

function positiveInt(name, value) {
  if (!Number.isInteger(value) || value < 1) {
    throw new TeaVecError('INVALID_CONFIG', `${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

function nonNegative(name, value) {
  if (typeof value !== 'number' || !(value >= 0)) {
    throw new TeaVecError('INVALID_CONFIG', `${name} must be a number ≥ 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Base URLs from `url`: one ('http://host:8983/solr') or several (any node of the cluster). */
export function checkUrls(url) {
  const urls = typeof url === 'string' ? [url] : url;
  if (!Array.isArray(urls) || urls.length === 0) {
    throw new TeaVecError('INVALID_CONFIG', "url must be a Solr base URL ('http://host:8983/solr') or a non-empty array of them");
  }
  return urls.map((u, i) => {
    let parsed;
    try {
      parsed = new URL(u);
    } catch {
      throw new TeaVecError('INVALID_CONFIG', `url${urls.length > 1 ? `[${i}]` : ''} is not a URL: ${JSON.stringify(u)}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new TeaVecError('INVALID_CONFIG', `url must be http(s), got ${JSON.stringify(u)}`);
    }
    return parsed.href.replace(/\/+$/, '');
  });
}

export class SolrHttp {
  #urls;
  #next = 0;
  #collection;
  #fetch;
  #headers;
  #retry;
  #timeoutMs;
  #onRetry;
  /** Requests repeated after a failure that passes, since this client was made (push/pull report it). */
  retries = 0;

  constructor({ url, collection, fetch, headers, retry, timeoutMs, onRetry }) {
    this.#urls = checkUrls(url);
    if (typeof collection !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(collection)) {
      throw new TeaVecError('INVALID_CONFIG', `collection must be a Solr collection name (letters, digits, _ . -), got ${JSON.stringify(collection)}`);
    }
    this.#collection = collection;
    this.#fetch = fetch ?? globalThis.fetch;
    if (typeof this.#fetch !== 'function') throw new TeaVecError('INVALID_CONFIG', 'fetch must be a function (none is global here)');
    this.#headers = { ...(headers ?? {}) };
    const r = { ...RETRY_DEFAULTS, ...(retry ?? {}) };
    this.#retry = {
      attempts: positiveInt('retry.attempts', r.attempts),
      firstDelayMs: nonNegative('retry.firstDelayMs', r.firstDelayMs),
      maxDelayMs: nonNegative('retry.maxDelayMs', r.maxDelayMs),
    };
    this.#timeoutMs = positiveInt('timeoutMs', timeoutMs ?? 60000);
    this.#onRetry = onRetry;
  }

  get collection() { return this.#collection; }
  get urls() { return [...this.#urls]; }

  /** POST a JSON body to /{collection}{path}?params; the parsed JSON answer. */
  postJson(path, params, body, signal) {
    return this.#request(path, params, { 'content-type': 'application/json' }, JSON.stringify(body), signal);
  }

  /** POST form parameters (as GET would send them, without a URL length limit); an array value repeats its name. */
  postForm(path, params, signal) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, String(item));
    }
    return this.#request(path, {}, { 'content-type': 'application/x-www-form-urlencoded' }, body.toString(), signal);
  }

  get(path, params, signal) {
    return this.#request(path, params, {}, undefined, signal);
  }

  async #request(path, params, headers, body, signal) {
    const query = new URLSearchParams({ wt: 'json', ...params }).toString();
    let delay = this.#retry.firstDelayMs;
    let last;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const base = this.#urls[this.#next % this.#urls.length];
      const url = `${base}/${this.#collection}${path}?${query}`;
      try {
        const timeout = AbortSignal.timeout(this.#timeoutMs);
        const response = await this.#fetch(url, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { ...this.#headers, ...headers },
          body,
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        const text = await response.text();
        if (response.ok) return JSON.parse(text);
        last = `HTTP ${response.status} from ${base}: ${solrMessage(text)}`;
        if (response.status < 500 && response.status !== 429) throw refused(response.status, last, this.#collection);
      } catch (e) {
        if (e instanceof TeaVecError) throw e;
        if (signal?.aborted) throw signal.reason;
        last = `${base}: ${e.cause?.code ?? e.name}: ${e.message}`;
      }
      // This node may be going down: the next attempt asks the next node.
      this.#next++;
      if (attempt >= this.#retry.attempts) {
        throw new TeaVecError('STORAGE_ERROR', `SolrCloud request ${path} failed ${attempt} times; last: ${last}`);
      }
      this.retries++;
      this.#onRetry?.({ attempt, delayMs: delay, error: last });
      await sleep(delay, signal);
      delay = Math.min(this.#retry.maxDelayMs, delay * 2);
    }
  }
}

/** Solr's error message, cut short: Solr quotes whole field values (vectors) in them. */
function solrMessage(text) {
  let message;
  try {
    const json = JSON.parse(text);
    message = json.error?.msg ?? json.error?.trace?.split('\n')[0] ?? text;
  } catch {
    message = text.replace(/\s+/g, ' ');
  }
  return message.length > 400 ? `${message.slice(0, 400)}…` : message;
}

function refused(status, message, collection) {
  if (status === 404) return new TeaVecError('NOT_FOUND', `SolrCloud has no collection ${JSON.stringify(collection)} (${message})`);
  if (status === 400) return new TeaVecError('INVALID_ARGUMENT', `SolrCloud refused the request: ${message}`);
  return new TeaVecError('STORAGE_ERROR', `SolrCloud refused the request: ${message}`);
}
