// What the SolrCloud test cases share: the cluster (started once by solr.test.mjs) and small helpers.
import { SolrCollection } from '../../npm-package/dist/solr.js';

export const ctx = { cluster: null };

/** A SolrCollection on every node of the test cluster. */
export function remote(collection, options = {}) {
  return new SolrCollection({ url: ctx.cluster.urls, collection, ...options });
}

/** Asserts that a promise rejects with a TeaVecError of `code` (returns it). */
export async function rejectsWith(promise, code) {
  try {
    await promise;
  } catch (e) {
    if (e?.code !== code) throw new Error(`expected ${code}, got ${e?.code}: ${e?.message}`, { cause: e });
    return e;
  }
  throw new Error(`expected ${code}, but it succeeded`);
}
