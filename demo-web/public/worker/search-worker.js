// The demo's worker: embeds text and searches the index off the main thread, so typing never stutters.
// Messages in: { type: 'search', seq, text, pos, k } | { type: 'note', seq, text }.
// Messages out: status, progress, ready, results, noted, error (see app.js).
import { loadEmbedder } from './embedder.js';
import { CorpusIndex } from './corpus-index.js';

const post = (message) => self.postMessage(message);
const since = (t0) => performance.now() - t0;

async function start() {
  const t0 = performance.now();
  const docsPromise = fetch('/data/wordnet-docs.json').then((r) => {
    if (!r.ok) throw new Error(`corpus texts: HTTP ${r.status}`);
    return r.json();
  });
  const embedPromise = loadEmbedder().then(async (embed) => {
    await embed('warm up'); // the first inference sets up the runtime: pay for it now, not on the first keystroke
    return { embed, ms: since(t0) };
  });
  const docs = await docsPromise;
  const opened = await CorpusIndex.open(docs, {
    onStatus: (text) => post({ type: 'status', text }),
    onProgress: (what, done, total) => post({ type: 'progress', what, done, total }),
  });
  post({ type: 'status', text: 'Loading the embedding model…' });
  const { embed, ms: modelMs } = await embedPromise;
  post({
    type: 'ready', source: opened.source, indexMs: opened.ms, saveMs: opened.saveMs, modelMs, size: opened.corpus.size,
    count: docs.count, totalMs: since(t0),
  });
  return { embed, corpus: opened.corpus };
}

const ready = start();
ready.catch((e) => post({ type: 'error', message: `Could not start: ${e.message ?? e}` }));

// One request at a time, in arrival order: the page sends a new query only when the last one has answered.
let queue = Promise.resolve();
self.onmessage = ({ data }) => {
  queue = queue.then(() => handle(data)).catch((e) => post({ type: 'error', seq: data.seq, message: String(e.message ?? e) }));
};

async function handle(message) {
  const { embed, corpus } = await ready;
  if (message.type === 'search') {
    const t0 = performance.now();
    const vector = await embed(message.text);
    const t1 = performance.now();
    const results = corpus.search(vector, message.k, message.pos);
    const t2 = performance.now();
    post({ type: 'results', seq: message.seq, text: message.text, pos: message.pos, embedMs: t1 - t0, searchMs: t2 - t1, results });
  } else if (message.type === 'note') {
    const t0 = performance.now();
    const vector = await embed(message.text);
    const embedMs = since(t0);
    const key = await corpus.addNote(message.text, vector);
    post({ type: 'noted', seq: message.seq, key, embedMs, saveMs: since(t0) - embedMs, size: corpus.size });
  }
}
