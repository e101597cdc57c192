// The demo page: search as you type over WordNet glosses, with a part-of-speech filter and your own notes.
// Embedding and search run in a worker (js/search-client.js); this file wires the page to it.
import { SearchClient } from './js/search-client.js';
import { renderResults, renderTiming } from './js/results-view.js';

const K = 10;
const $ = (id) => document.getElementById(id);
const ms = (x) => (x < 1000 ? `${Math.round(x)} ms` : `${(x / 1000).toFixed(1)} s`);
let indexSize = 0;
/** keystroke → results timings for bench/keystroke.mjs: one entry per rendered answer. */
window.__demoTimings = [];

function setStatus(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

function onWorkerEvent(message) {
  if (message.type === 'status') setStatus(message.text);
  else if (message.type === 'progress') showProgress(message);
  else if (message.type === 'ready') onReady(message);
  else if (message.type === 'error') setStatus(message.message, true);
}

const MB = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const PROGRESS_TEXT = {
  build: (done, total) => `Building the index: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} glosses…`,
  save: (done, total) => `Saving the index to IndexedDB: ${MB(done)} of ${MB(total)}…`,
  load: (done, total) => `Loading the index from IndexedDB: ${MB(done)} of ${MB(total)}…`,
};

function showProgress({ what, done, total }) {
  $('build-progress').hidden = false;
  $('build-progress').max = total;
  $('build-progress').value = done;
  $('build-progress').dataset.what = what;
  setStatus(PROGRESS_TEXT[what](done, total));
}

function onReady(m) {
  indexSize = m.size;
  $('build-progress').hidden = true;
  const how = m.source === 'indexeddb'
    ? `Index loaded from IndexedDB in ${ms(m.indexMs)}`
    : `Index built in ${ms(m.indexMs)} and saved to IndexedDB in ${ms(m.saveMs)} (next visit loads it)`;
  setStatus(`${how}: ${m.size.toLocaleString('en')} vectors. Model loaded in ${ms(m.modelMs)}. Ready in ${ms(m.totalMs)}.`);
  document.body.dataset.indexSource = m.source;
  for (const id of ['query', 'pos', 'note-text', 'add-note']) $(id).disabled = false;
  document.body.dataset.ready = 'true';
  $('query').focus();
  if ($('query').value.trim()) runSearch(performance.now());
}

const client = new SearchClient(onWorkerEvent);

async function runSearch(keyAt) {
  const text = $('query').value.trim();
  const pos = $('pos').value;
  if (!text) {
    $('results').replaceChildren();
    $('timing').textContent = '';
    delete $('results').dataset.query;
    return;
  }
  let answer;
  try {
    answer = await client.search(text, pos, K);
  } catch (e) {
    setStatus(`Search failed: ${e.message}`, true);
    return;
  }
  if (!answer) return; // a newer keystroke replaced this query
  const receivedAt = performance.now();
  renderResults($('results'), answer);
  const domAt = performance.now();
  renderTiming($('timing'), answer, domAt - receivedAt, indexSize);
  requestAnimationFrame(() => {
    window.__demoTimings.push({
      text, pos, keyAt, sentAt: answer.sentAt, receivedAt, domAt, frameAt: performance.now(),
      embedMs: answer.embedMs, searchMs: answer.searchMs,
    });
  });
}

// event.timeStamp is when the key was pressed, on the same clock as performance.now().
$('query').addEventListener('input', (e) => runSearch(e.timeStamp));
$('pos').addEventListener('change', () => runSearch(performance.now()));

$('add-note').addEventListener('click', async () => {
  const text = $('note-text').value.trim();
  if (!text) return;
  $('add-note').disabled = true;
  $('note-status').textContent = 'Embedding…';
  try {
    const noted = await client.addNote(text);
    indexSize = noted.size;
    $('note-text').value = '';
    $('note-status').textContent = `Added: embedded in ${noted.embedMs.toFixed(1)} ms, saved in ${ms(noted.saveMs)}.`;
    document.body.dataset.notes = String(Number(document.body.dataset.notes ?? 0) + 1);
    if ($('query').value.trim()) runSearch(performance.now());
  } catch (e) {
    $('note-status').textContent = `Could not add the note: ${e.message}`;
  } finally {
    $('add-note').disabled = false;
  }
});

registerServiceWorker();

/** Precaches the app for offline use. The version comes from the server, so a changed file installs a new worker. */
async function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !navigator.onLine) return; // offline: the installed worker keeps serving
  let version;
  try {
    ({ version } = await (await fetch('/data/precache.json', { cache: 'no-store' })).json());
  } catch {
    return;
  }
  try {
    const registration = await navigator.serviceWorker.register(`/sw.js?v=${version}`, { scope: '/' });
    document.body.dataset.swVersion = version;
    await navigator.serviceWorker.ready;
    document.body.dataset.offlineReady = String(!!registration.active);
  } catch (e) {
    console.warn('service worker not registered:', e);
  }
}
