import init, { EdgeVec, EdgeVecConfig, TeaVecError } from '/teavec/teavec.js';

const $ = (id) => document.getElementById(id);
let index = null;
let data = null;

// Seeded generator so a given size always builds the same data set.
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function clustered(count, dims, clusters, rand) {
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dims }, gauss));
  const flat = new Float32Array(count * dims);
  const cluster = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    const c = Math.floor(rand() * clusters);
    cluster[i] = c;
    for (let d = 0; d < dims; d++) flat[i * dims + d] = centres[c][d] + 0.35 * gauss();
  }
  return { flat, cluster, dims, count, gauss };
}

function status(el, text, isError = false) {
  el.textContent = text;
  el.classList.toggle('error', isError);
}

function build() {
  const count = Number($('count').value);
  const dims = Number($('dims').value);
  try {
    const config = new EdgeVecConfig(dims);
    config.metric = $('metric').value;
    const rand = mulberry32(count * 31 + dims);
    const t0 = performance.now();
    data = clustered(count, dims, 24, rand);
    const t1 = performance.now();
    index = new EdgeVec(config);
    index.insertBatchFlat(data.flat, count);
    const t2 = performance.now();
    status($('build-status'), `Indexed ${index.size.toLocaleString()} × ${dims} (${config.metric}) in ${(t2 - t1).toFixed(1)} ms`
      + ` (${Math.round(count / ((t2 - t1) / 1000)).toLocaleString()} vectors/s); data generated in ${(t1 - t0).toFixed(1)} ms.`);
    $('query-id').max = String(count - 1);
    $('search').disabled = false;
    $('random').disabled = false;
  } catch (e) {
    status($('build-status'), e instanceof TeaVecError ? `${e.code}: ${e.message}` : String(e), true);
  }
}

function search(queryId) {
  const k = Number($('k').value);
  const { flat, dims, cluster, gauss } = data;
  const query = new Float32Array(dims);
  for (let d = 0; d < dims; d++) query[d] = flat[queryId * dims + d] + 0.05 * gauss();
  try {
    const t0 = performance.now();
    const results = index.search(query, k);
    const ms = performance.now() - t0;
    status($('search-status'), `${results.length} results for a query near id ${queryId} in ${ms.toFixed(2)} ms (exact scan of ${index.size.toLocaleString()}).`);
    const body = $('results').tBodies[0];
    body.replaceChildren(...results.map((r, rank) => {
      const tr = document.createElement('tr');
      if (r.id === queryId) tr.className = 'self';
      for (const value of [rank + 1, r.id, r.score.toFixed(4), cluster[r.id]]) {
        const td = document.createElement('td');
        td.textContent = String(value);
        tr.append(td);
      }
      return tr;
    }));
    $('results').hidden = false;
  } catch (e) {
    status($('search-status'), e instanceof TeaVecError ? `${e.code}: ${e.message}` : String(e), true);
  }
}

$('build').addEventListener('click', build);
$('search').addEventListener('click', () => search(Number($('query-id').value)));
$('random').addEventListener('click', () => {
  const id = Math.floor(Math.random() * data.count);
  $('query-id').value = String(id);
  search(id);
});

try {
  const t0 = performance.now();
  await init();
  status($('build-status'), `Engine loaded in ${(performance.now() - t0).toFixed(1)} ms. Press Build.`);
  document.body.dataset.ready = 'true';
} catch (e) {
  status($('build-status'), `Could not load the engine: ${e.message}`, true);
}
