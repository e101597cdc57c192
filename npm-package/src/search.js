// EdgeVec's searchFiltered: options in (object or EdgeVec's JSON text), a plain object out.
import { TeaVecError, callEngine } from './errors.js';
import { checkVectorType, checkK, checkEfSearch, checkOptions, checkOneOf, describe } from './validate.js';
import { decodeJson } from './metadata.js';
import { encodeFilter, decodeSearch, decodeFiltered } from './filters.js';

const STRATEGIES = ['auto', 'pre', 'post', 'hybrid'];
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
    const results = decodeSearch(callEngine(() => native.search(query, k, ef)));
    found = { results, visited: results.length, strategy: 'post', strategyCode: 0, matched: live };
  } else {
    const { text, kind } = encodeFilter(opts.filter, 'options.filter');
    found = decodeFiltered(callEngine(() => native.searchFiltered(query, k, ef, text, kind), text));
  }
  for (const r of found.results) {
    if (opts.includeMetadata) r.metadata = decodeJson(native.getMetadata(r.id)) ?? {};
    if (opts.includeVectors) r.vector = native.getVector(r.id);
  }
  return {
    results: found.results,
    // Only a graph-only search (strategy 1) can come back short; the engine then completes it by an exact scan (2).
    complete: found.results.length === k || found.strategyCode !== 1,
    observedSelectivity: live === 0 ? 0 : found.matched / live,
    strategyUsed: found.strategy,
    vectorsEvaluated: found.visited,
    totalTimeMs: now() - start,
  };
}
