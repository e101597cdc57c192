// The side-by-side bench, runtime-agnostic: the Node and Chromium runners hand it loaded data sets,
// the library adapters and an `env` (clock, module loader, heap probe). Per data set every library is
// built (and, for graphs, ef_search tuned on held-out queries), then the measured queries run in rounds,
// round-robin across libraries, so machine noise lands on all of them alike; persistence runs last.
import { errorText, withTimeout } from './adapters/common.js';

export const DEFAULTS = {
  k: 10,
  targetRecall: 0.95,
  rounds: 10,
  perRound: 100,
  // Exact scans (voy, Orama) cost ~100× a graph search; they time this many of each round's queries.
  exactPerRound: 20,
  warmup: 20,
  verifyQueries: 20,
  // A save or load that never settles (seen once in Chromium) must not stall the whole run.
  persistTimeoutMs: 60_000,
  // Steps of about an eighth: on a coarser grid (…, 96, 128, 160, 200, …) a library just short of the target at one
  // step paid up to a third more ef than it needed (TeaVec at 100k × 768: tuned 160 where 144 reaches it).
  efCandidates: [10, 12, 14, 16, 18, 20, 24, 28, 32, 36, 40, 44, 48, 56, 64, 72, 80, 88, 96, 112, 128, 144, 160, 176, 200,
    224, 256, 288, 320, 360, 400, 448, 512, 576, 640, 720, 800],
};

function rowsOf(vecs) {
  const out = new Array(vecs.count);
  for (let i = 0; i < vecs.count; i++) out[i] = vecs.data.slice(i * vecs.dim, (i + 1) * vecs.dim);
  return out;
}

function meanRecall(search, queries, truth, k) {
  let sum = 0;
  for (let q = 0; q < queries.length; q++) sum += recallOf(search(queries[q]), truth, q, k);
  return sum / queries.length;
}

function recallOf(ids, truth, q, k) {
  let hit = 0;
  const row = q * truth.dim;
  for (let i = 0; i < k; i++) {
    const want = truth.data[row + i];
    for (let j = 0; j < ids.length && j < k; j++) {
      if (ids[j] === want) {
        hit++;
        break;
      }
    }
  }
  return hit / k;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/**
 * Lowest of `candidates` whose mean recall@k on the tuning queries, searching with `searchWith(q, k, value)`,
 * reaches the target (binary search: recall grows with the value). `known`: recalls measured already.
 */
function tuneLowest(searchWith, candidates, queries, truth, opts, known = new Map()) {
  const { k, targetRecall } = opts;
  const recallAt = (i) => {
    const v = candidates[i];
    if (!known.has(v)) known.set(v, meanRecall((q) => searchWith(q, k, v), queries, truth, k));
    return known.get(v);
  };
  let hi = candidates.length - 1;
  if (recallAt(hi) < targetRecall) return { value: candidates[hi], recall: recallAt(hi), reached: false };
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (recallAt(mid) >= targetRecall) hi = mid;
    else lo = mid + 1;
  }
  return { value: candidates[hi], recall: recallAt(hi), reached: true };
}

/** Lowest candidate ef (or the adapter's own parameter, e.g. EdgeVec BQ's rescore factor) reaching the target. */
function tuneEf(adapter, inst, queries, truth, opts) {
  const tuned = tuneLowest(inst.searchWithEf, adapter.tuneCandidates ?? opts.efCandidates, queries, truth, opts);
  return { ef: tuned.value, recall: tuned.recall, reached: tuned.reached };
}

/**
 * Re-ranking variants, after ef: `opts.rerankK` 'beam' keeps the engine's default (every candidate of the beam is
 * re-scored), a number fixes it, 'tune' (default) takes the lowest rerankK in k..ef still reaching the target at
 * the tuned ef. Sets row.rerankK (what ran; = ef for the default) and row.rerankKMode.
 */
function tuneRerankK(inst, row, queries, truth, opts, log) {
  const mode = opts.rerankK ?? 'tune';
  if (mode === 'beam' || (mode === 'tune' && !row.efReached)) {
    Object.assign(row, { rerankK: Math.max(row.ef, opts.k), rerankKMode: 'beam' });
    return;
  }
  if (mode !== 'tune') {
    const r = Number(mode);
    inst.useRerankK(r);
    const recall = meanRecall((q) => inst.searchWithRerankK(q, opts.k, r), queries, truth, opts.k);
    Object.assign(row, { rerankK: r, rerankKMode: 'fixed', tuneRecall: recall, efReached: recall >= opts.targetRecall });
    log(`${row.library}: rerankK ${r} (fixed) → tuning recall ${recall.toFixed(3)}`);
    return;
  }
  const beam = Math.max(row.ef, opts.k);
  const candidates = [...new Set([opts.k, ...opts.efCandidates.filter((c) => c > opts.k && c < beam), beam])];
  // At rerankK = the beam the search is the one ef was tuned with: its recall is known.
  const tuned = tuneLowest(inst.searchWithRerankK, candidates, queries, truth, opts, new Map([[beam, row.tuneRecall]]));
  if (tuned.value < beam) inst.useRerankK(tuned.value);
  Object.assign(row, { rerankK: tuned.value, rerankKMode: tuned.value < beam ? 'tuned' : 'beam', tuneRecall: tuned.recall });
  log(`${row.library}: rerankK ${tuned.value} at ef ${row.ef} → tuning recall ${tuned.recall.toFixed(3)}`);
}

function skipReason(adapter, ds, opts) {
  const why = adapter.supports(ds, opts.runtime);
  if (why) return why;
  const work = ds.base.count * ds.base.dim;
  if (!opts.full && adapter.defaultWorkLimit && work > adapter.defaultWorkLimit) {
    return `skipped by default at ${ds.base.count} × ${ds.base.dim} (too slow here); --full runs it`;
  }
  return null;
}

async function buildOne(adapter, ds, tune, env, opts, log) {
  const { base } = ds;
  const row = { library: adapter.id, label: adapter.label, teavec: !!adapter.teavec, notes: [], memoryNote: adapter.memoryNote };
  const inst = await adapter.open(env, opts);
  // A library that fixes ef at build time (EdgeVec) builds a deterministic graph, so the ef tuned for it in
  // the previous runtime holds here too: build once with it (recall re-checked) instead of tune + rebuild.
  const hint = adapter.efAtBuild ? opts.efHints?.[ds.name]?.[adapter.id] : undefined;
  const heap0 = await env.heapUsed();
  const wasm0 = inst.wasmMemory();
  let t = env.now();
  await inst.build(base, ds.metric, hint ? { efSearch: hint.ef } : undefined);
  const builds = [env.now() - t];
  const heap1 = await env.heapUsed();
  let wasmPeak = inst.wasmMemory();
  log(`${adapter.id}: built ${base.count} in ${(builds[0] / 1000).toFixed(1)} s`);
  if (inst.optimize) {
    // A step after the build (TeaVec's compact() reorder for locality): reported, not counted in vectors/s.
    t = env.now();
    await inst.optimize();
    const ms = env.now() - t;
    row.notes.push(`compact() (node reorder for locality) ${(ms / 1000).toFixed(1)} s after the build, not in vectors/s`);
    log(`${adapter.id}: compact() in ${(ms / 1000).toFixed(1)} s`);
  }
  if (hint) {
    const recall = meanRecall((q) => inst.searchWithEf(q, opts.k, hint.ef), tune.queries, tune.truth, opts.k);
    Object.assign(row, { ef: hint.ef, tuneRecall: recall, efReached: recall >= opts.targetRecall, efFrom: hint.runtime });
    row.notes.push(`ef tuned in ${hint.runtime} (same graph), tuning recall here ${recall.toFixed(3)}`);
    log(`${adapter.id}: ef ${hint.ef} from ${hint.runtime} → tuning recall ${recall.toFixed(3)}`);
  } else if (adapter.tunable) {
    const tuned = tuneEf(adapter, inst, tune.queries, tune.truth, opts);
    Object.assign(row, { ef: tuned.ef, tuneRecall: tuned.recall, efReached: tuned.reached });
    if (adapter.tuneParameter) row.tuneParameter = adapter.tuneParameter;
    if (!tuned.reached) row.notes.push(`recall target not reached at ${adapter.tuneParameter ?? 'ef'} ${tuned.ef}`);
    t = env.now();
    if (await inst.useEf(tuned.ef)) {
      builds.push(env.now() - t);
      log(`${adapter.id}: rebuilt with ef_search ${tuned.ef} in ${(builds[1] / 1000).toFixed(1)} s`);
    }
    wasmPeak = Math.max(wasmPeak ?? 0, inst.wasmMemory() ?? 0) || null;
    log(`${adapter.id}: ${adapter.tuneParameter ?? 'ef'} ${tuned.ef} → tuning recall ${tuned.recall.toFixed(3)}`);
    if (adapter.rerank) tuneRerankK(inst, row, tune.queries, tune.truth, opts, log);
  }
  const meanBuild = builds.reduce((a, b) => a + b, 0) / builds.length;
  row.buildMs = builds;
  row.buildPerSecond = base.count / (meanBuild / 1000);
  row.heapBytes = heap0 === null || heap1 === null ? null : heap1 - heap0;
  row.wasmGrowthBytes = wasm0 === null || wasmPeak === null ? null : wasmPeak - wasm0;
  row.wasmTotalBytes = wasmPeak;
  row.ownBytes = inst.ownMemory();
  if (adapter.ownNote) row.ownNote = adapter.ownNote;
  row.memorySource = adapter.memorySource;
  // Linear memory: the whole of a fresh instance after the build (initial reservation included: growth alone
  // reads 7 MB for an hnswlib index of 17 MB of data, because its first 16 MB are reserved up front).
  // TeaVec ('heap+wasm') has both: its graph is Wasm GC objects in the JS heap, its vectors linear memory.
  row.memoryBytes = adapter.memorySource === 'wasm' ? row.wasmTotalBytes
    : adapter.memorySource === 'heap+wasm' ? (row.heapBytes ?? 0) + (row.wasmTotalBytes ?? 0) : row.heapBytes;
  return { adapter, inst, row, times: [], recallSum: 0 };
}

async function persist(entry, ds, queries, env, opts, log) {
  const p = entry.inst.persistence();
  if (p.unsupported) return { status: 'n/a', reason: p.unsupported };
  const out = { status: 'ok', store: p.store };
  const name = `teavec-bench-${entry.adapter.id}-${ds.id ?? ds.name}`;
  let step = 'save';
  try {
    log(`${entry.adapter.id}: save`);
    let t = env.now();
    const saved = await withTimeout(Promise.resolve().then(() => p.save(name)), opts.persistTimeoutMs, 'save');
    out.saveMs = env.now() - t;
    step = 'load';
    log(`${entry.adapter.id}: load`);
    t = env.now();
    const loaded = await withTimeout(Promise.resolve().then(() => p.load(saved === undefined ? name : saved)), opts.persistTimeoutMs, 'load');
    out.loadMs = env.now() - t;
    step = 'verify';
    let same = 0;
    const n = Math.min(opts.verifyQueries, queries.length);
    for (let q = 0; q < n; q++) {
      const a = entry.inst.toIds(entry.inst.search(queries[q], opts.k));
      const b = loaded.search(queries[q], opts.k);
      if (a.length === b.length && a.every((id, i) => id === b[i])) same++;
    }
    if (same !== n) {
      out.status = 'mismatch';
      out.reason = `${same}/${n} queries answer as before saving`;
    }
  } catch (e) {
    out.status = 'failed';
    out.reason = `${step}: ${errorText(e)}`;
  }
  return out;
}

/** ef values a later runtime can reuse: { [dataset]: { [library]: { ef, runtime } } } for efAtBuild libraries. */
export function efHintsFrom(rows, runtime, adapters) {
  const hints = {};
  for (const r of rows) {
    const a = adapters.find((x) => x.id === r.library);
    if (!a?.efAtBuild || r.ef === undefined || r.efFrom || !r.efReached) continue;
    (hints[r.dataset] ??= {})[r.library] = { ef: r.ef, runtime };
  }
  return hints;
}

/** Runs every adapter on one loaded data set; returns one row per library. */
export async function benchDataset(ds, adapters, env, options = {}) {
  const opts = { ...DEFAULTS, ...options, runtime: env.runtime };
  const log = (m) => env.log(`[${env.runtime}] ${ds.name}: ${m}`);
  const queries = rowsOf(ds.queries);
  const tune = { queries: rowsOf(ds.tuneQueries), truth: ds.tuneTruth };
  const info = { dataset: ds.name, n: ds.base.count, dim: ds.base.dim, metric: ds.metric };
  const rows = [];
  const entries = [];
  for (const adapter of adapters) {
    const skipped = skipReason(adapter, ds, opts);
    if (skipped) {
      rows.push({ ...info, library: adapter.id, label: adapter.label, teavec: !!adapter.teavec, skipped });
      continue;
    }
    try {
      const entry = await buildOne(adapter, ds, tune, env, opts, log);
      Object.assign(entry.row, info);
      entries.push(entry);
      rows.push(entry.row);
    } catch (e) {
      // A library that refuses the variant (an encoding this engine build does not hold) is skipped, not failed.
      log(`${adapter.id}: ${e?.skip ? 'skipped' : 'failed'}: ${errorText(e)}${e?.detail ? ` [${e.detail}]` : ''}`);
      const why = e?.skip ? { skipped: String(e.message) } : { error: errorText(e) };
      rows.push({ ...info, library: adapter.id, label: adapter.label, teavec: !!adapter.teavec, ...why });
    }
  }
  for (const e of entries) {
    for (let q = 0; q < Math.min(opts.warmup, queries.length); q++) e.inst.toIds(e.inst.search(queries[q], opts.k));
  }
  for (let r = 0; r < opts.rounds; r++) {
    for (let j = 0; j < entries.length; j++) {
      // Rotate who goes first each round so no library always runs right after the same neighbour.
      const e = entries[(j + r) % entries.length];
      const { inst } = e;
      const count = e.adapter.exact ? Math.min(opts.exactPerRound, opts.perRound) : opts.perRound;
      for (let i = 0; i < count; i++) {
        const qi = (r * opts.perRound + i) % queries.length;
        const t = env.now();
        const raw = inst.search(queries[qi], opts.k);
        e.times.push((env.now() - t) * 1000);
        e.recallSum += recallOf(inst.toIds(raw), ds.truth, qi, opts.k);
      }
    }
    log(`round ${r + 1}/${opts.rounds} done`);
  }
  for (const e of entries) {
    const sorted = Float64Array.from(e.times).sort();
    Object.assign(e.row, {
      queries: sorted.length,
      p50us: percentile(sorted, 0.5),
      p99us: percentile(sorted, 0.99),
      recall: e.recallSum / sorted.length,
    });
    e.row.persistence = opts.persistence === false ? { status: 'n/a', reason: 'not run' } : await persist(e, ds, queries, env, opts, log);
    e.row.notes.push(...(e.inst.notes ?? []));
    e.inst.dispose();
  }
  return rows;
}
