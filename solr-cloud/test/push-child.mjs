// A push in its own process, for the interruption test: records [from, to) of the WordNet set from a
// local collection into SolrCloud collection `collection`, printing "sent N" after each batch. The test
// kills it (SIGKILL) half-way.
import init, { Database } from '../../npm-package/dist/teavec.js';
import { SolrCollection, push } from '../../npm-package/dist/solr.js';
import { loadWordnet, slice } from './wordnet.mjs';

const [urls, collection, from, to, batchSize] = process.argv.slice(2);
await init();
const w = loadWordnet();
const local = new Database().createCollection({ name: collection });
local.add(slice(w, Number(from), Number(to)));
const remote = new SolrCollection({ url: urls.split(','), collection, batchSize: Number(batchSize) });
await push(local, remote, { onProgress: (s) => console.log(`sent ${s.sent}`) });
console.log('done');
