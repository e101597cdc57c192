// teavec/solr as a TypeScript user writes it; compiled against the packed package's typings (never run).
import init, { Database, TeaVecError, type QueryResult } from 'teavec';
import { SolrCollection, push, pull, DiffFeed, type ChangeFeed, type Change, type PushStats, type WhereDocument } from 'teavec/solr';

await init();
const remote = new SolrCollection({
  url: ['http://127.0.0.1:8983/solr', 'http://127.0.0.1:8984/solr'],
  collection: 'docs',
  efSearch: 100,
  embeddingFunction: { generate: async (texts: string[]) => texts.map(() => [0, 1]) },
  retry: { attempts: 5 },
});
const local = new Database().createCollection({ name: 'cache' });
await remote.add({ ids: ['a'], embeddings: [[1, 2]], metadatas: [{ pos: 'n', n: 1, tags: ['x'] }], documents: ['text'] });
const info: { dimensions: number; metric: 'cosine' | 'dot' | 'l2' } = await remote.info();
const r: QueryResult = await remote.query({ queryTexts: ['hello'], nResults: 3, where: { pos: { $in: ['n', 'v'] } } });
const doc: WhereDocument = { $and: [{ $contains: 'wood' }, { $not_contains: 'tool' }] };
const deleted: string[] = await remote.delete({ whereDocument: doc });
for await (const page of remote.records({ where: { n: { $gte: 1 } }, include: ['embeddings'] })) void page.ids;
const pushed: PushStats = await push(local, remote, { mirror: true, onProgress: (s) => void s.sent });
const pulled = await pull(remote, local, { where: { pos: 'n' } });
await pull(remote, local, { ids: ['a', 'b'] });
await pull(remote, local, { queries: [{ queryEmbeddings: [[1, 2]], nResults: 10 }] });
class LogFeed implements ChangeFeed {
  async* changes(since: number | undefined): AsyncIterable<Change[]> {
    yield [{ op: 'delete', id: 'a', seq: (since ?? 0) + 1, version: Date.now() * 1000 }];
  }
}
const fed = await push(local, remote, { feed: new LogFeed(), since: 41 });
const w: number | null = fed.watermark;
new DiffFeed(local, remote, { mirror: false });
try { await remote.count(); } catch (e) { if (e instanceof TeaVecError && e.code === 'NOT_SUPPORTED') throw e; }
// @ts-expect-error commit is a closed set
new SolrCollection({ url: 'http://x/solr', collection: 'c', commit: 'later' });
// @ts-expect-error pull needs what to bring
await pull(remote, local, {});
void info; void r; void deleted; void pushed; void pulled; void w;
