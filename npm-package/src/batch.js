// Batch helpers of the EdgeVec API: arrays of vectors into one flat array (one crossing into the
// engine), and EdgeVec's counting batch delete.
import { TeaVecError } from './errors.js';
import { checkArray, checkVector, describe, isId } from './validate.js';

// A batch crosses into the engine as one array, and Wasm GC arrays hold at most 2^27 elements.
const MAX_BATCH_FLOATS = 2 ** 27;

export function checkBatchSize(floats) {
  if (floats > MAX_BATCH_FLOATS) {
    throw new TeaVecError('CAPACITY_EXCEEDED', `a batch holds at most ${MAX_BATCH_FLOATS} numbers (vectors × dimensions), `
      + `got ${floats}: split it into smaller batches`);
  }
}

/** The vectors laid end to end, each checked first (so that a bad one names its index). */
export function flatten(native, vectors, what) {
  checkArray(vectors, what);
  const dims = native.dimensions;
  const metric = native.metric;
  checkBatchSize(vectors.length * dims);
  const flat = new Float32Array(vectors.length * dims);
  vectors.forEach((v, i) => {
    checkVector(v, dims, metric, `${what}[${i}]`);
    flat.set(v, i * dims);
  });
  return flat;
}

/** Deletes many ids; never throws for unknown ids, it counts them (EdgeVec's result shape). */
export function softDeleteMany(native, ids) {
  if (!(ids instanceof Uint32Array) && !(ids instanceof Int32Array) && !(ids instanceof Float64Array) && !Array.isArray(ids)) {
    throw new TeaVecError('INVALID_ARGUMENT', `ids must be a Uint32Array or an array of ids, got ${describe(ids)}`);
  }
  const unique = new Set(ids);
  const result = { total: ids.length, uniqueCount: unique.size, deleted: 0, alreadyDeleted: 0, invalidIds: 0 };
  for (const id of unique) {
    if (!isId(id)) {
      result.invalidIds++;
      continue;
    }
    try {
      if (native.softDelete(id)) result.deleted++;
      else result.alreadyDeleted++;
    } catch {
      result.invalidIds++;
    }
  }
  // EdgeVec's result object has these two methods; non-enumerable, so the result still prints and compares as data.
  return Object.defineProperties(result, {
    allValid: { value: () => result.invalidIds === 0 },
    anyDeleted: { value: () => result.deleted > 0 },
  });
}
