// teavec/langchain and teavec/ai as users get them: the packed tarball installed beside @langchain/core and ai
// (the versions this package is developed with, from npm's cache), used from Node and type-checked; and
// without those peers, the core package still works and the entries say which peer is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPackedPackage, packageDir } from './helpers.mjs';

const versionOf = (name) => JSON.parse(readFileSync(join(packageDir, 'node_modules', name, 'package.json'), 'utf8')).version;

function projectWithPeers() {
  const work = mkdtempSync(join(tmpdir(), 'teavec-integrations-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  const project = join(work, 'app');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', join(work, tarball),
    `@langchain/core@${versionOf('@langchain/core')}`, `ai@${versionOf('ai')}`], { cwd: project, stdio: 'inherit' });
  return { work, project };
}

const { work, project } = projectWithPeers();
test.after(() => rmSync(work, { recursive: true, force: true }));

const run = (dir, name, source) => {
  writeFileSync(join(dir, name), source);
  return execFileSync(process.execPath, [name], { cwd: dir, encoding: 'utf8' });
};

test('teavec/langchain and teavec/ai work from the installed tarball (the store loading the engine) and share the core TeaVecError', () => {
  const out = run(project, 'use.mjs', `
import { TeaVecError } from 'teavec';
import { TeaVecStore } from 'teavec/langchain';
import { storeEmbeddings, searchText } from 'teavec/ai';
import { SyntheticEmbeddings } from '@langchain/core/utils/testing';
import { embedMany } from 'ai';
import { MockEmbeddingModelV4 } from 'ai/test';
import { Database } from 'teavec';
// No init(): the store loads the engine on first use.
const store = await TeaVecStore.fromTexts(['foo', 'bar', 'baz'], [{ n: 1 }, { n: 2 }, { n: 3 }], new SyntheticEmbeddings({ vectorSize: 6 }));
const found = (await store.similaritySearch('bar', 2, { n: { $gte: 2 } })).map((d) => [d.pageContent, d.metadata.n]);
let shared = false;
try { await store.addDocuments([{ pageContent: 'x', metadata: { 'lc:json': 1 } }]); } catch (e) { shared = e instanceof TeaVecError; }
const model = new MockEmbeddingModelV4({ doEmbed: async ({ values }) => ({ embeddings: values.map((v) => [v.length, 1]), warnings: [] }) });
const kb = new Database().createCollection('kb', { metric: 'l2' });
await storeEmbeddings(kb, await embedMany({ model, values: ['a', 'bbbb', 'cc'] }), { ids: ['1', '4', '2'] });
const passages = (await searchText(kb, { model, query: 'ccc', nResults: 2 })).map((p) => p.id);
console.log(JSON.stringify({ found, shared, passages }));
`);
  assert.deepEqual(JSON.parse(out), { found: [['bar', 2], ['baz', 3]], shared: true, passages: ['4', '2'] });
});

test('without the peers installed, the core works and the entries fail naming the missing peer', () => {
  const bare = installPackedPackage();
  const script = (entry) => `
import init, { EdgeVec, EdgeVecConfig } from 'teavec';
await init();
new EdgeVec(new EdgeVecConfig(2)).insert(new Float32Array([1, 0]));
try { await import('${entry}'); console.log('loaded'); } catch (e) { console.log(e.code, e.message); }
`;
  writeFileSync(join(bare, 'peers-lc.mjs'), script('teavec/langchain'));
  writeFileSync(join(bare, 'peers-ai.mjs'), script('teavec/ai'));
  const lc = execFileSync(process.execPath, ['peers-lc.mjs'], { cwd: bare, encoding: 'utf8' });
  assert.match(lc, /ERR_MODULE_NOT_FOUND .*@langchain\/core/);
  const ai = execFileSync(process.execPath, ['peers-ai.mjs'], { cwd: bare, encoding: 'utf8' });
  assert.match(ai, /ERR_MODULE_NOT_FOUND .*'ai'/);
  const core = readFileSync(join(bare, 'node_modules', 'teavec', 'dist', 'teavec.js'), 'utf8');
  assert.doesNotMatch(core, /@langchain|from\s*"ai"|TeaVecStore|retrievalTool/, 'the core bundle holds nothing of either entry');
});

test('TypeScript accepts teavec/langchain and teavec/ai against their shipped typings (nodenext, bundler)', () => {
  writeFileSync(join(project, 'usage.ts'), `
import init, { Database, openDatabase } from 'teavec';
import { TeaVecStore, similarityOf, type TeaVecFilter, type TeaVecStoreArgs } from 'teavec/langchain';
import { embedAndStore, retrievalTool, searchText, storeEmbeddings, type Passage } from 'teavec/ai';
import { SyntheticEmbeddings } from '@langchain/core/utils/testing';
import { Document } from '@langchain/core/documents';
import { embedMany, generateText, stepCountIs } from 'ai';
import { MockEmbeddingModelV4, MockLanguageModelV4 } from 'ai/test';

export async function run(): Promise<string> {
  await init();
  const embeddings = new SyntheticEmbeddings({ vectorSize: 4 });
  const args: TeaVecStoreArgs = { database: 'db', databaseOptions: { storage: 'memory' }, collectionOptions: { metric: 'l2' } };
  const store = await TeaVecStore.fromTexts(['a b', 'c d'], [{ n: 1 }, { n: 2 }], embeddings, args);
  const filter: TeaVecFilter = { n: { $gte: 1 } };
  const hits: [Document, number][] = await store.similaritySearchVectorWithScore([1, 2, 3, 4], 2, filter);
  const docs = await store.similaritySearch('a b', 1, 'n = 1');
  const ids: string[] = await store.addDocuments([new Document({ pageContent: 'x', metadata: { loc: { from: 1 } } })]);
  await store.delete({ ids });
  const mmr = await store.maxMarginalRelevanceSearch('a', { k: 1, fetchK: 2, lambda: 0.5, filter });
  const retrieved = await store.asRetriever({ k: 1, filter }).invoke('a');
  const byId = await store.getByIds(['x']);
  await store.close();
  const given = new TeaVecStore(embeddings, { collection: new Database().createCollection('c') });
  const overDatabase = new TeaVecStore(embeddings, { database: new Database(), collectionName: 'c' });
  // @ts-expect-error an unknown option
  void new TeaVecStore(embeddings, { nope: 1 });
  // @ts-expect-error a filter is a where object, a filter string or a Filter
  void store.similaritySearch('a', 1, 42);

  const model = new MockEmbeddingModelV4({ doEmbed: async ({ values }) => ({ embeddings: values.map(() => [1, 0]), warnings: [] }) });
  const db = await openDatabase('kb', { storage: 'memory' });
  const kb = await db.getOrCreateCollection('kb');
  await storeEmbeddings(kb, await embedMany({ model, values: ['a', 'b'] }), { ids: ['1', '2'] });
  await embedAndStore(kb, { model, values: ['c'], ids: ['3'], metadatas: [{ k: 'v' }] });
  const found: Passage[] = await searchText(kb, { model, query: 'a', nResults: 2, where: { k: 'v' } });
  const overOpened = new TeaVecStore(embeddings, { database: db });
  const overPersistent = new TeaVecStore(embeddings, { collection: kb });
  void overDatabase; void overOpened; void overPersistent;
  const result = await generateText({
    model: new MockLanguageModelV4(), prompt: 'q',
    tools: { search: retrievalTool({ collection: kb, model, nResults: 2 }) }, stopWhen: stepCountIs(2),
  });
  void hits; void docs; void mmr; void retrieved; void byId; void given; void found; void similarityOf('cosine', 0.5);
  return result.text;
}
`);
  // teavec/worker's typings need Symbol.asyncDispose (lib esnext or @types/node): checked with skipLibCheck only.
  writeFileSync(join(project, 'usage-worker.ts'), `
import { openWorkerDatabase } from 'teavec/worker';
import { TeaVecStore } from 'teavec/langchain';
import { searchText, storeEmbeddings } from 'teavec/ai';
import { SyntheticEmbeddings } from '@langchain/core/utils/testing';
import { MockEmbeddingModelV4 } from 'ai/test';
export async function run(): Promise<number> {
  const db = await openWorkerDatabase();
  const collection = await db.getOrCreateCollection('c');
  const embeddings = new SyntheticEmbeddings({ vectorSize: 4 });
  const a = new TeaVecStore(embeddings, { collection });
  const b = new TeaVecStore(embeddings, { database: db });
  const model = new MockEmbeddingModelV4();
  await storeEmbeddings(collection, { value: 'a', embedding: [1, 0] });
  const found = await searchText(collection, { model, query: 'a' });
  void a; void b;
  return found.length;
}
`);
  const tsc = join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc');
  const check = (module, resolution, skipLibCheck, file = 'usage.ts') => spawnSync(process.execPath, [tsc, '--noEmit',
    '--strict', '--target', 'es2022', '--module', module, '--moduleResolution', resolution, '--skipLibCheck',
    String(skipLibCheck), file], { cwd: project, encoding: 'utf8' }).stdout;
  // skipLibCheck false, so that the shipped .d.ts are checked too. @langchain/core's and ai's own typings need more
  // than this bare project has (@types/node, @types/json-schema, lib esnext): errors inside them are theirs and
  // left out; none may be in teavec's files or in the usage. (Slow: the peers' typings are large; once.)
  const strict = check('nodenext', 'nodenext', false);
  assert.deepEqual(strict.split('\n').filter((line) => /^(usage\.ts|node_modules\/teavec\/)/.test(line)), []);
  assert.ok(strict.split('\n').every((line) => !line || line.startsWith(' ') || /^node_modules\/(@langchain|ai|@ai-sdk)\//.test(line)),
    `only the peers' own typings may report errors:\n${strict}`);
  // With skipLibCheck (the usual setting) the usage checks clean under each resolution.
  for (const [module, resolution] of [['nodenext', 'nodenext'], ['esnext', 'bundler']]) {
    assert.equal(check(module, resolution, true), '', `${module}/${resolution}`);
  }
  assert.equal(check('nodenext', 'nodenext', true, 'usage-worker.ts'), '', 'teavec/worker collections and databases');
});
