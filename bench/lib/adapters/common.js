// Settings every graph library gets, and small helpers the adapters share.
export const HNSW_M = 16;
export const HNSW_M0 = 32; // 2·M, hnswlib's fixed level-0 degree
export const HNSW_EF_CONSTRUCTION = 200;
export const BATCH = 1000;

/** How the libraries that keep their index in Wasm linear memory are measured (peer-bench.js reads it). */
export const LINEAR_MEMORY = Object.freeze({
  memorySource: 'wasm',
  memoryNote: 'Wasm linear memory after the build (fresh instance per data set; never shrinks)',
});

/** Maps a library's ids (in insertion order) back to base row numbers: lookup[id] = row. */
export function idLookup(ids) {
  let max = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] > max) max = ids[i];
  const lookup = new Int32Array(max + 1).fill(-1);
  for (let i = 0; i < ids.length; i++) lookup[ids[i]] = i;
  return lookup;
}

export function errorText(e) {
  return String(e?.message ?? e).split('\n')[0].slice(0, 200);
}

/** `promise`, or a rejection "<what> did not settle in N s" once `ms` have passed (the work itself goes on). */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Thrown by an adapter when the library (this build of it) refuses the variant: the row says why, as skipped, not failed. */
export class SkipError extends Error {
  /** `detail`: the library's own words, for the log. */
  constructor(message, detail = undefined) {
    super(message);
    this.detail = detail;
    this.name = 'SkipError';
    this.skip = true;
  }
}
