// teavec/embeddings: the registry and the checked call without a model; DefaultEmbeddingFunction with the
// real all-MiniLM-L6-v2 int8 model from ../shared/data (local files only), against the shared WordNet
// embeddings and their exact ground truth; and the packed package's entry point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init, { EdgeVec, EdgeVecConfig, TeaVecError, openDatabase } from '../dist/teavec.js';
import registry, {
  DefaultEmbeddingFunction, DEFAULT_EMBEDDING_MODEL, EmbeddingFunctionRegistry, embedTexts, getEmbeddingFunction,
  registerEmbeddingFunction, embeddingFunctions,
} from '../dist/embeddings.js';
import { execFileSync } from 'node:child_process';
import { installPackedPackage, packageDir, runInProject, writeInProject } from './helpers.mjs';
import { letterVectors } from './letter-embeddings.js';

const DATA = process.env.TEAVEC_DATA ?? join(packageDir, '..', '..', 'shared', 'data');
const MODEL = 'all-MiniLM-L6-v2-onnx-q8';
const WORDNET = join(DATA, 'wordnet-minilm-384-angular');
const noData = !existsSync(join(DATA, MODEL, 'onnx', 'model_quantized.onnx')) && 'no ../shared/data';

function rejectsWith(code, promise, label) {
  return assert.rejects(promise, (e) => {
    assert.ok(e instanceof TeaVecError, `${label}: expected a TeaVecError, got ${e?.stack ?? e}`);
    assert.equal(e.code, code, `${label}: ${e.message}`);
    return true;
  });
}

function throwsWith(code, fn, label) {
  assert.throws(fn, (e) => e instanceof TeaVecError && e.code === code, label);
}

/** A deterministic user embedding function: letter counts, normalised. */
const letters = {
  name: 'letters',
  async generate(texts) {
    return letterVectors(texts);
  },
  getConfig: () => ({ alphabet: 26 }),
};

test('the shared registry knows "default"; isolated registries register, build and describe', () => {
  assert.equal(registry, embeddingFunctions);
  assert.deepEqual(registry.names(), ['default']);
  assert.ok(getEmbeddingFunction('default', { model: MODEL }) instanceof DefaultEmbeddingFunction);
  const r = new EmbeddingFunctionRegistry();
  assert.deepEqual(r.names(), []);
  r.register('letters', () => letters);
  r.register('default', DefaultEmbeddingFunction);
  assert.equal(r.build('letters', {}), letters);
  const ef = r.build('default', { model: 'x/y', dtype: 'fp32', batchSize: 8 });
  assert.deepEqual(ef.getConfig(), { model: 'x/y', allowRemoteModels: false, dtype: 'fp32', batchSize: 8 });
  assert.deepEqual(EmbeddingFunctionRegistry.describe(letters), { name: 'letters', config: { alphabet: 26 } });
  assert.deepEqual(EmbeddingFunctionRegistry.describe(ef), { name: 'default', config: ef.getConfig() });
  throwsWith('INVALID_ARGUMENT', () => r.register('letters', () => letters), 'a taken name');
  throwsWith('INVALID_ARGUMENT', () => r.register('', () => letters), 'an empty name');
  throwsWith('INVALID_ARGUMENT', () => r.register('x', 42), 'a factory that is not one');
  throwsWith('NOT_FOUND', () => r.build('openai', {}), 'an unregistered name');
  assert.match((() => { try { r.build('openai'); } catch (e) { return e.message; } })(), /registerEmbeddingFunction\("openai"/);
  r.register('broken', () => { throw new Error('no key'); });
  throwsWith('EMBEDDING_FAILED', () => r.build('broken'), 'a failing factory');
  r.register('empty', () => ({}));
  throwsWith('EMBEDDING_FAILED', () => r.build('empty'), 'a factory returning no generate');
  assert.equal(r.unregister('letters'), true);
  assert.equal(r.unregister('letters'), false);
  throwsWith('INVALID_ARGUMENT', () => EmbeddingFunctionRegistry.describe({ generate() {} }), 'no name');
  throwsWith('INVALID_ARGUMENT', () => EmbeddingFunctionRegistry.describe({ ...letters, getConfig: () => ({ f() {} }) }),
    'a config with a function');
  throwsWith('INVALID_ARGUMENT', () => EmbeddingFunctionRegistry.describe({ ...letters, getConfig: () => ({ d: new Date() }) }),
    'a config with a class instance');
  throwsWith('INVALID_ARGUMENT', () => EmbeddingFunctionRegistry.describe({ ...letters, getConfig: () => ({ x: NaN }) }),
    'a config with NaN');
  assert.equal(registry.has('letters'), false, 'isolated registries do not touch the shared one');
  registerEmbeddingFunction('letters-shared', () => letters);
  assert.ok(registry.has('letters-shared'));
  registry.unregister('letters-shared');
});

test('embedTexts checks what an embedding function returns and reports EMBEDDING_FAILED', async () => {
  const v = await embedTexts(letters, ['ab', 'b']);
  assert.equal(v.length, 2);
  assert.ok(v[0] instanceof Float32Array && v[0].length === 26);
  assert.deepEqual(await embedTexts(letters, []), []);
  const asymmetric = { ...letters, generateForQueries: async (t) => t.map(() => new Array(26).fill(1)) };
  assert.equal((await embedTexts(asymmetric, ['q'], { forQueries: true }))[0][5], 1, 'queries use generateForQueries');
  assert.notEqual((await embedTexts(asymmetric, ['q']))[0][5], 1, 'documents use generate');
  const bad = (generate) => ({ name: 'bad', generate });
  await rejectsWith('EMBEDDING_FAILED', embedTexts(bad(async () => { throw new Error('quota'); }), ['a']), 'throws');
  await rejectsWith('EMBEDDING_FAILED', embedTexts(bad(async () => [[1]]), ['a', 'b']), 'too few vectors');
  await rejectsWith('EMBEDDING_FAILED', embedTexts(bad(async () => [[1, 2], [1]]), ['a', 'b']), 'ragged');
  await rejectsWith('EMBEDDING_FAILED', embedTexts(bad(async () => [[1, NaN]]), ['a']), 'NaN');
  await rejectsWith('EMBEDDING_FAILED', embedTexts(bad(async () => 'nope'), ['a']), 'not an array');
  await rejectsWith('EMBEDDING_FAILED', embedTexts(letters, ['a'], { dimensions: 384 }), 'wrong dimensions');
  await rejectsWith('INVALID_ARGUMENT', embedTexts({}, ['a']), 'no generate');
  await rejectsWith('INVALID_ARGUMENT', embedTexts(letters, ['a', 3]), 'a non-string text');
});

test('DefaultEmbeddingFunction checks its options and defaults to all-MiniLM-L6-v2, int8, local files only', () => {
  const ef = new DefaultEmbeddingFunction();
  assert.equal(ef.name, 'default');
  assert.deepEqual(ef.getConfig(), { model: DEFAULT_EMBEDDING_MODEL, allowRemoteModels: false, dtype: 'q8', batchSize: 1 });
  assert.equal(ef.defaultSpace(), 'cosine');
  for (const bad of [{ model: '' }, { allowRemoteModels: 'yes' }, { batchSize: 0 }, { batchSize: 1.5 }, { onProgress: 1 }, { dtype: 8 }]) {
    throwsWith('INVALID_ARGUMENT', () => new DefaultEmbeddingFunction(bad), JSON.stringify(bad));
  }
});

test('a missing model is EMBEDDING_FAILED (nothing is downloaded), and a later call may try again', { skip: noData }, async () => {
  const ef = new DefaultEmbeddingFunction({ model: 'no-such-model', localModelPath: `${DATA}/` });
  await rejectsWith('EMBEDDING_FAILED', ef.generate(['a']), 'missing model');
  await rejectsWith('EMBEDDING_FAILED', ef.load(), 'second attempt');
  await rejectsWith('INVALID_ARGUMENT', ef.generate('not an array'), 'texts must be an array');
});

// --- the real model ---------------------------------------------------------------------------------

const fvecs = (file) => {
  const buf = readFileSync(join(WORDNET, file));
  const dim = buf.readInt32LE(0);
  const n = buf.length / (4 + 4 * dim);
  return Array.from({ length: n }, (_, i) => new Float32Array(buf.buffer.slice(buf.byteOffset + i * (4 + 4 * dim) + 4,
    buf.byteOffset + (i + 1) * (4 + 4 * dim))));
};
const ivecs = (file) => fvecs(file).map((v) => new Int32Array(v.buffer));
const jsonl = (file) => readFileSync(join(WORDNET, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text);
const cos = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);

test('all-MiniLM-L6-v2 reproduces the shared WordNet embeddings and their exact neighbours', { skip: noData, timeout: 1_200_000 }, async () => {
  await init();
  const events = [];
  const ef = new DefaultEmbeddingFunction({ model: MODEL, localModelPath: `${DATA}/`, onProgress: (e) => events.push(e.status) });
  const base = fvecs('wordnet_minilm_base.fvecs');
  const queries = fvecs('wordnet_minilm_query.fvecs');
  const truth = ivecs('wordnet_minilm_groundtruth.ivecs');
  const baseTexts = jsonl('wordnet_minilm_base.jsonl');
  const queryTexts = jsonl('wordnet_minilm_query.jsonl');
  const SAMPLE = 100;
  const QUERIES = 200;

  const t0 = performance.now();
  const mineBase = await ef.generate(baseTexts.slice(0, SAMPLE));
  const mineQueries = await ef.generateForQueries(queryTexts.slice(0, QUERIES));
  const ms = (performance.now() - t0) / (SAMPLE + QUERIES);
  assert.ok(events.includes('ready'), `progress events while loading: ${events.join(', ')}`);
  let minCos = 1;
  mineBase.forEach((v, i) => { minCos = Math.min(minCos, cos(v, base[i])); });
  mineQueries.forEach((v, i) => { minCos = Math.min(minCos, cos(v, queries[i])); });
  assert.ok(mineBase.every((v) => v.length === 384 && Math.abs(Math.hypot(...v) - 1) < 1e-4), 'unit length, 384-d');
  assert.ok(minCos >= 0.99, `every vector has cosine >= 0.99 to the shared one: min ${minCos}`);

  // Exact search through the public API: a flat index of the shared base, queried with our query vectors.
  const config = new EdgeVecConfig(384);
  config.metric = 'cosine';
  config.indexType = 'flat';
  const index = new EdgeVec(config);
  for (const v of base) index.insert(v);
  let hits = 0;
  mineQueries.forEach((q, i) => {
    const found = new Set(index.search(Float32Array.from(q), 10).map((r) => r.id));
    for (let j = 0; j < 10; j++) if (found.has(truth[i][j])) hits++;
  });
  const recall = hits / (10 * QUERIES);
  // And an index built from our own base vectors (the first SAMPLE glosses) against the neighbours the
  // shared vectors give within that subset.
  const sub = new EdgeVec(config);
  for (const v of mineBase) sub.insert(Float32Array.from(v));
  let subHits = 0;
  mineQueries.forEach((q, i) => {
    const expected = base.slice(0, SAMPLE).map((b, id) => ({ id, s: cos(queries[i], b) }))
      .sort((a, b) => b.s - a.s || a.id - b.id).slice(0, 10).map((x) => x.id);
    const found = new Set(sub.search(Float32Array.from(q), 10).map((r) => r.id));
    for (const id of expected) if (found.has(id)) subHits++;
  });
  const subRecall = subHits / (10 * QUERIES);
  const [tool] = await ef.generateForQueries(['a tool for cutting wood']);
  const top5 = index.search(Float32Array.from(tool), 5).map((r) => baseTexts[r.id]);
  console.log(`# ${(SAMPLE + QUERIES)} texts at ${ms.toFixed(1)} ms each; min cosine ${minCos.toFixed(5)}; `
    + `recall@10 ${recall.toFixed(4)} (shared base), ${subRecall.toFixed(4)} (our ${SAMPLE} vectors); top 5: ${top5.map((t) => t.split(':')[0]).join(' | ')}`);
  assert.ok(recall >= 0.99, `recall@10 against the shared ground truth: ${recall}`);
  assert.ok(subRecall >= 0.99, `recall@10 over our own base vectors: ${subRecall}`);
  assert.ok(top5.some((t) => /^adz\b|\bsaw\b/.test(t.split(':')[0])), `an adze or saw gloss in the top 5: ${top5.join(' | ')}`);

  // Batches give one vector per text, close to the single-text ones; a rebuilt function gives the same vectors.
  const batched = await new DefaultEmbeddingFunction({ model: MODEL, localModelPath: `${DATA}/`, batchSize: 4 })
    .generate(baseTexts.slice(0, 6));
  assert.equal(batched.length, 6);
  batched.forEach((v, i) => assert.ok(cos(v, base[i]) > 0.97, `batched text ${i}: ${cos(v, base[i])}`));
  const rebuilt = getEmbeddingFunction('default', ef.getConfig());
  assert.deepEqual(await rebuilt.generate([baseTexts[0]]), [mineBase[0]]);
});

test('a collection built from WordNet glosses as text answers query texts as the shared embeddings do, and reopens with its model',
  { skip: noData, timeout: 600_000 }, async () => {
    await init();
    const base = fvecs('wordnet_minilm_base.fvecs');
    const queries = fvecs('wordnet_minilm_query.fvecs');
    const baseTexts = jsonl('wordnet_minilm_base.jsonl');
    const queryTexts = jsonl('wordnet_minilm_query.jsonl');
    // 200 glosses: the first ones plus every gloss of an adze or a saw, so that the tool query has its answers.
    const tools = baseTexts.map((t, i) => (/^(adz|[^:]*\bsaw\b)/.test(t.split(':')[0]) ? i : -1)).filter((i) => i >= 0);
    const rows = [...new Set([...tools, ...baseTexts.map((_, i) => i)])].slice(0, 200);
    const QUERIES = 50;
    const dir = mkdtempSync(join(tmpdir(), 'teavec-model-'));
    try {
      const ef = new DefaultEmbeddingFunction({ model: MODEL, localModelPath: `${DATA}/` });
      const db = await openDatabase(join(dir, 'glosses'), { storage: 'file' });
      const glosses = await db.createCollection({ name: 'glosses', embeddingFunction: ef });
      const progress = [];
      const t0 = performance.now();
      await glosses.add({ ids: rows.map(String), documents: rows.map((i) => baseTexts[i]), embeddingBatchSize: 50,
        onProgress: (done, total) => progress.push(`${done}/${total}`) });
      const addMs = performance.now() - t0;
      assert.deepEqual(progress, ['50/200', '100/200', '150/200', '200/200']);
      const stored = glosses.get({ include: ['embeddings'] });
      stored.embeddings.forEach((v, i) => assert.ok(cos(v, base[Number(stored.ids[i])]) >= 0.99, `gloss ${stored.ids[i]}`));

      // Ground truth: the nearest of these 200 glosses by the shared (precomputed) vectors.
      const t1 = performance.now();
      const found = await glosses.query({ queryTexts: queryTexts.slice(0, QUERIES), nResults: 10, include: [] });
      const queryMs = (performance.now() - t1) / QUERIES;
      let hits = 0;
      found.ids.forEach((ids, q) => {
        const expected = rows.map((row) => ({ row, s: cos(queries[q], base[row]) })).sort((a, b) => b.s - a.s).slice(0, 10);
        for (const { row } of expected) if (ids.includes(String(row))) hits++;
      });
      const recall = hits / (10 * QUERIES);
      const tool = await glosses.query({ queryTexts: ['a tool for cutting wood'], nResults: 5, include: ['documents'] });
      const top5 = tool.documents[0].map((d) => d.split(':')[0]);
      console.log(`# collection from text: add 200 glosses ${addMs.toFixed(0)} ms, query text ${queryMs.toFixed(1)} ms each; `
        + `recall@10 ${recall.toFixed(4)}; top 5: ${top5.join(' | ')}`);
      assert.ok(recall >= 0.99, `recall@10 against the shared vectors: ${recall}`);
      assert.ok(top5.some((t) => /^adz\b|\bsaw\b/.test(t)), `an adze or saw gloss in the top 5: ${top5.join(' | ')}`);
      await db.close();

      // Reopened: "default" (registered by teavec/embeddings) is rebuilt from the saved config, model path included.
      const again = await openDatabase(join(dir, 'glosses'), { storage: 'file' });
      const reopened = again.getCollection('glosses');
      assert.deepEqual((await reopened.query({ queryTexts: ['a tool for cutting wood'], nResults: 5, include: ['documents'] })).documents,
        tool.documents, 'the same answer after reopening, with the function re-attached from the registry');
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

test('the packed package exposes teavec/embeddings; without the optional peer it fails clearly', () => {
  const project = installPackedPackage();
  const pkg = JSON.parse(readFileSync(join(project, 'node_modules', 'teavec', 'package.json'), 'utf8'));
  assert.deepEqual(Object.keys(pkg.exports['./embeddings']), ['types', 'default']);
  assert.equal(pkg.peerDependenciesMeta['@huggingface/transformers'].optional, true);
  const out = runInProject(project, 'embeddings.mjs', `
import registry, { DefaultEmbeddingFunction } from 'teavec/embeddings';
import { TeaVecError } from 'teavec';
try { await new DefaultEmbeddingFunction().generate(['x']); }
catch (e) { console.log(JSON.stringify({ names: registry.names(), shared: e instanceof TeaVecError, code: e.code, peer: /@huggingface\\/transformers/.test(e.message) })); }
`);
  assert.deepEqual(JSON.parse(out), { names: ['default'], shared: true, code: 'EMBEDDING_FAILED', peer: true });
  const core = readFileSync(join(project, 'node_modules', 'teavec', 'dist', 'teavec.js'), 'utf8');
  assert.doesNotMatch(core, /DefaultEmbeddingFunction|huggingface/, 'the core bundle holds nothing of teavec/embeddings');
});

test('TypeScript accepts teavec/embeddings against its shipped typings', () => {
  const project = installPackedPackage();
  const tsc = join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc');
  writeInProject(project, 'embeddings-usage.ts', `
import registry, { DefaultEmbeddingFunction, EmbeddingFunctionRegistry, embedTexts, registerEmbeddingFunction,
  getEmbeddingFunction, type EmbeddingFunction } from 'teavec/embeddings';
const ef = new DefaultEmbeddingFunction({ model: 'Xenova/all-MiniLM-L6-v2', localModelPath: '/models/', dtype: 'q8',
  batchSize: 1, onProgress: (e) => { const s: string = e.status; void s; } });
const mine: EmbeddingFunction = { name: 'mine', generate: async (texts) => texts.map(() => [1, 0]), getConfig: () => ({}) };
registerEmbeddingFunction('mine', () => mine);
const isolated = new EmbeddingFunctionRegistry().register('default', DefaultEmbeddingFunction);
const again: EmbeddingFunction = getEmbeddingFunction('default', ef.getConfig());
const saved: { name: string; config: Record<string, unknown> } = EmbeddingFunctionRegistry.describe(ef);
const names: string[] = registry.names();
export async function run(): Promise<Float32Array[]> { return embedTexts(mine, ['a'], { forQueries: true }); }
// @ts-expect-error batchSize is a number
void new DefaultEmbeddingFunction({ batchSize: 'many' });
void isolated; void again; void saved; void names;
`);
  execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
    '--moduleResolution', 'nodenext', '--skipLibCheck', 'false', 'embeddings-usage.ts'], { cwd: project, stdio: 'inherit' });
});
