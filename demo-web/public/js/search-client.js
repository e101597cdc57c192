// Talks to the search worker. Queries are "latest wins": while one is being answered, only the newest text
// waits (older ones are dropped), so fast typing never builds a queue and the last keystroke is answered next.
export class SearchClient {
  #worker;
  #seq = 0;
  #pending = new Map(); // seq → { resolve, reject }
  #inFlight = false;
  #waiting = null; // the newest query not yet sent: { text, pos, k, resolve, reject }

  /** `onEvent(message)` receives status, progress, ready and error messages from the worker. */
  constructor(onEvent) {
    this.#worker = new Worker(new URL('../worker/search-worker.js', import.meta.url), { type: 'module' });
    this.#worker.onmessage = ({ data }) => {
      const pending = data.seq !== undefined ? this.#pending.get(data.seq) : undefined;
      if (!pending) {
        onEvent(data);
        return;
      }
      this.#pending.delete(data.seq);
      if (data.type === 'error') pending.reject(new Error(data.message));
      else pending.resolve(data);
    };
    this.#worker.onerror = (e) => onEvent({ type: 'error', message: e.message || 'the search worker failed to start' });
  }

  /**
   * Resolves to the worker's answer { text, pos, embedMs, searchMs, results, sentAt }, or to null when a newer
   * query replaced this one before it was sent.
   */
  search(text, pos, k) {
    return new Promise((resolve, reject) => {
      this.#waiting?.resolve(null);
      this.#waiting = { text, pos, k, resolve, reject };
      this.#pump();
    });
  }

  /** Embeds and stores a note; resolves to { key, embedMs, saveMs, size }. */
  addNote(text) {
    return this.#request({ type: 'note', text });
  }

  #pump() {
    if (this.#inFlight || !this.#waiting) return;
    const { text, pos, k, resolve, reject } = this.#waiting;
    this.#waiting = null;
    this.#inFlight = true;
    const sentAt = performance.now();
    this.#request({ type: 'search', text, pos, k })
      .then((answer) => resolve({ ...answer, sentAt }), reject)
      .finally(() => {
        this.#inFlight = false;
        this.#pump();
      });
  }

  #request(message) {
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      this.#worker.postMessage({ ...message, seq });
    });
  }
}
