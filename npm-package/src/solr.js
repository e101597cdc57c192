// teavec/solr: the same collection served by SolrCloud, with a local TeaVec collection as the offline
// hot cache. Its own entry point: nothing here is part of the core bundle (docs/solr.md).
export { SolrCollection } from './solr-collection.js';
export { push, pull, DiffFeed } from './solr-sync.js';
