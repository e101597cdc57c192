// Node side: turns the catalogue into data set specs both runtimes can read. Synthetic sets are drawn
// once and written, with their brute-force ground truth, to bench/.cache/ (keyed by seed, size and
// query count), so Node and Chromium read the very same bytes and the truth is computed only once.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATASETS, toVecs } from './vecs.js';
import { bruteForceTopK, createMixture } from './synthetic.js';

const K_TRUTH = 10;

/** Every data set the peer bench knows; `id` is what `--datasets` takes. */
export const CATALOGUE = [
  { id: 'synth-10k-384', kind: 'synthetic', fullCount: 10_000, dim: 384, queries: 1000, tuning: 200, seedOffset: 1 },
  { id: 'synth-100k-768', kind: 'synthetic', fullCount: 100_000, dim: 768, queries: 1000, tuning: 200, seedOffset: 2,
    sizeLimited: true },
  { id: 'wordnet-minilm-384', kind: 'real', real: 'wordnet-minilm-384', tuningQueries: 200 },
  { id: 'sift-5k-128', kind: 'real', real: 'sift-5k-128', tuningQueries: 30 },
  { id: 'smoke-1k-128', kind: 'synthetic', fullCount: 1000, dim: 128, queries: 100, tuning: 50, seedOffset: 3,
    smokeOnly: true },
];

async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function synthName(entry, count) {
  return count === entry.fullCount ? entry.id : `${entry.id}@${count}`;
}

async function prepareSynthetic(entry, { cacheDir, seed, size, log }) {
  const count = entry.sizeLimited ? Math.min(size, entry.fullCount) : entry.fullCount;
  const { dim } = entry;
  const s = seed * 100 + entry.seedOffset;
  const stem = `${entry.id}-s${s}`;
  const files = {
    base: `${stem}-n${count}-base.fvecs`,
    queries: `${stem}-q${entry.queries}-query.fvecs`,
    tuneQueries: `${stem}-q${entry.tuning}-tune.fvecs`,
    truth: `${stem}-n${count}-q${entry.queries}-gt${K_TRUTH}.ivecs`,
    tuneTruth: `${stem}-n${count}-q${entry.tuning}-tune-gt${K_TRUTH}.ivecs`,
  };
  const present = await Promise.all(Object.values(files).map((f) => exists(join(cacheDir, f))));
  if (present.every(Boolean)) {
    log(`${synthName(entry, count)}: cached in ${cacheDir}`);
  } else {
    const t0 = performance.now();
    const mixture = createMixture({ fullCount: entry.fullCount, dim, seed: s });
    const base = mixture.draw(count, s * 7 + 1);
    const queries = mixture.draw(entry.queries, s * 7 + 2);
    const tune = mixture.draw(entry.tuning, s * 7 + 3);
    log(`${synthName(entry, count)}: drew ${count} × ${dim} (${mixture.clusters} clusters); brute-force ground truth…`);
    const truth = bruteForceTopK(base, queries, dim, K_TRUTH);
    const tuneTruth = bruteForceTopK(base, tune, dim, K_TRUTH);
    await mkdir(cacheDir, { recursive: true });
    await writeFile(join(cacheDir, files.base), toVecs(base, dim));
    await writeFile(join(cacheDir, files.queries), toVecs(queries, dim));
    await writeFile(join(cacheDir, files.tuneQueries), toVecs(tune, dim));
    await writeFile(join(cacheDir, files.truth), toVecs(truth, K_TRUTH));
    await writeFile(join(cacheDir, files.tuneTruth), toVecs(tuneTruth, K_TRUTH));
    log(`${synthName(entry, count)}: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const spec = { name: synthName(entry, count), id: entry.id, metric: 'cosine', normalised: true, synthetic: true };
  for (const [key, file] of Object.entries(files)) spec[key] = `cache/${file}`;
  return spec;
}

function prepareReal(entry) {
  const real = DATASETS.find((d) => d.name === entry.real);
  const spec = { ...real, id: entry.id, tuningQueries: entry.tuningQueries, synthetic: false };
  // WordNet-MiniLM rows are unit length (checked: |v|² within 1e-6 of 1), so L2-only libraries rank as cosine.
  spec.normalised = real.metric === 'cosine';
  for (const key of ['base', 'queries', 'truth']) spec[key] = `data/${real[key]}`;
  return spec;
}

/** Specs for the chosen ids, ready for `loadSplitDataset` with a reader that maps `cache/` and `data/`. */
export async function prepareDatasets(ids, options) {
  const specs = [];
  for (const id of ids) {
    const entry = CATALOGUE.find((e) => e.id === id);
    if (!entry) throw new Error(`unknown data set ${id}; known: ${CATALOGUE.map((e) => e.id).join(', ')}`);
    specs.push(entry.kind === 'synthetic' ? await prepareSynthetic(entry, options) : prepareReal(entry));
  }
  return specs;
}

/** A reader for Node: `cache/…` from the cache folder, `data/…` from ../shared/data. */
export function nodeReader({ cacheDir, dataDir }) {
  return async (p) => {
    if (p.startsWith('cache/')) return new Uint8Array(await readFile(join(cacheDir, p.slice(6))));
    if (p.startsWith('data/')) return new Uint8Array(await readFile(join(dataDir, p.slice(5))));
    throw new Error(`no root for ${p}`);
  };
}
