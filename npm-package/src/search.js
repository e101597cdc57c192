// EdgeVec's searchFiltered: options in (object or EdgeVec's JSON text), a plain object out.
import { TeaVecError } from './errors.js';
import { checkVectorType, checkK, checkEfSearch, checkOptions, checkOneOf, describe } from './validate.js';
import { decodeJson } from './metadata.js';
import { encodeFilter } from './filters.js';

const STRATEGIES = ['auto', 'pre', 'post', 'hybrid'];
/** EdgeVec's names for the engine's strategies: an exact scan of the matches is 'pre', a filtered graph search 'hybrid'. */
const EDGEVEC_STRATEGY = { exact: 'pre', graph: 'hybrid', graphThenExact: 'hybrid', unfiltered: 'post' };
const now = () => globalThis.performance?.now?.() ?? Date.now();

function parseOptions(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new TeaVecError('INVALID_ARGUMENT', `options JSON text does not parse: ${e.message}`);
  }
}

/**
 * `{ results: [{ id, score, metadata?, vector? }], complete, observedSelectivity, strategyUsed,
 * vectorsEvaluated, totalTimeMs }`. The strategy is the engine's choice (it always returns k when k
 * match); `strategy` and `oversampleFactor` are checked, not obeyed.
 */
export function filteredSearch(native, query, k, options) {
  const start = now();
  checkVectorType(query, 'query');
  checkK(k);
  const opts = checkOptions(typeof options === 'string' ? parseOptions(options) : options, 'options');
  if (opts.strategy !== undefined) checkOneOf('options.strategy', opts.strategy, STRATEGIES, 'INVALID_ARGUMENT');
  if (opts.oversampleFactor !== undefined && !(typeof opts.oversampleFactor === 'number' && opts.oversampleFactor >= 1)) {
    throw new TeaVecError('INVALID_ARGUMENT', `options.oversampleFactor must be a number ≥ 1, got ${describe(opts.oversampleFactor)}`);
  }
  const ef = checkEfSearch(opts.efSearch);
  const live = native.liveCount();
  let found;
  if (opts.filter === undefined || opts.filter === null) {
    found = native.search(query, k, ef, 0);
  } else {
    const { text, kind } = encodeFilter(opts.filter, 'options.filter');
    found = native.searchFiltered(query, k, ef, text, kind);
  }
  for (const r of found.results) {
    if (opts.includeMetadata) r.metadata = decodeJson(native.getMetadata(r.id)) ?? {};
    if (opts.includeVectors) r.vector = native.getVector(r.id);
  }
  return {
    results: found.results,
    // Only a filtered graph search can come back short; the engine then completes it by an exact scan.
    complete: found.results.length === k || found.strategy !== 'graph',
    observedSelectivity: live === 0 ? 0 : found.matched / live,
    strategyUsed: EDGEVEC_STRATEGY[found.strategy] ?? 'auto',
    vectorsEvaluated: found.visited,
    totalTimeMs: now() - start,
  };
}
