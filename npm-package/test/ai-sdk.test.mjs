// teavec/ai with the Vercel AI SDK's own mock models (ai/test), no network: embedMany's result stored in TeaVec,
// searched by text, and a generateText run in which the language model calls the retrieval tool; what the tool
// returns is checked exactly against a brute-force oracle over the same embeddings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embed, embedMany, generateText, stepCountIs } from 'ai';
import { MockEmbeddingModelV4, MockLanguageModelV4 } from 'ai/test';
import init, { Database, TeaVecError, openDatabase } from '../dist/teavec.js';
import { embedAndStore, retrievalTool, searchText, storeEmbeddings } from '../dist/ai.js';

await init();

// A deterministic embedding: the sum of a fixed pseudo-random vector per word (seeded by the word), so that
// texts sharing words are near and no two distances tie.
const DIMS = 16;
function wordVector(word) {
  let h = 2166136261;
  for (const ch of word) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return Array.from({ length: DIMS }, () => {
    h = (Math.imul(h, 1103515245) + 12345) >>> 0;
    return h / 2 ** 32 - 0.5;
  });
}
const STOP = new Set(['the', 'a', 'on', 'in', 'and', 'for', 'down', 'over', 'how', 'does']);
function vectorOf(text) {
  const v = new Array(DIMS).fill(0);
  for (const word of text.toLowerCase().split(/\W+/).filter((w) => w && !STOP.has(w))) {
    wordVector(word).forEach((x, i) => { v[i] += x; });
  }
  return v;
}
const embeddingModel = () => new MockEmbeddingModelV4({
  doEmbed: async ({ values }) => ({ embeddings: values.map(vectorOf), warnings: [] }),
});

const DOCS = [
  ['d1', 'The cat sleeps on the warm car', { kind: 'pet' }],
  ['d2', 'A dog chases the cat down the road', { kind: 'pet' }],
  ['d3', 'The fish swims in clear water', { kind: 'pet' }],
  ['d4', 'The train crosses the water on a bridge', { kind: 'vehicle' }],
  ['d5', 'A plane flies over the road and the train', { kind: 'vehicle' }],
  ['d6', 'The car waits for the train', { kind: 'vehicle' }],
];

const cosineDistance = (a, b) => {
  let dot = 0; let na = 0; let nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
  return 1 - dot / Math.sqrt(na * nb);
};

/** The n nearest of DOCS to `query` (optionally only those `keep` accepts), as searchText returns them. */
function oracle(query, n, keep = () => true) {
  const q = vectorOf(query);
  const ranked = DOCS.filter(([, , m]) => keep(m))
    .map(([id, document, metadata]) => ({ id, document, metadata, distance: cosineDistance(q, vectorOf(document)) }))
    .sort((a, b) => a.distance - b.distance);
  for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i].distance - ranked[i - 1].distance > 1e-6, 'no ties in the fixture');
  return ranked.slice(0, n);
}

function assertPassages(got, expected, label) {
  assert.deepEqual(got.map(({ id, document, metadata }) => ({ id, document, metadata })),
    expected.map(({ id, document, metadata }) => ({ id, document, metadata })), label);
  got.forEach((g, i) => assert.ok(Math.abs(g.distance - expected[i].distance) < 1e-5, `${label}: distance ${g.distance}`));
}

async function storedCollection(collection = new Database().createCollection('kb')) {
  const model = embeddingModel();
  const result = await embedMany({ model, values: DOCS.map(([, text]) => text) });
  const ids = await storeEmbeddings(collection, result, { ids: DOCS.map(([id]) => id), metadatas: DOCS.map(([, , m]) => m) });
  assert.deepEqual(ids, DOCS.map(([id]) => id));
  return { collection, model };
}

test('embedMany results stored in a collection, then searched by text, with filters, exactly', async () => {
  const { collection, model } = await storedCollection();
  assert.equal(collection.count(), DOCS.length);
  assert.deepEqual(collection.get({ ids: ['d4'] }).documents, [DOCS[3][1]]);
  for (const query of ['cat', 'train over water', 'road dog', 'plane']) {
    assertPassages(await searchText(collection, { model, query, nResults: 3 }), oracle(query, 3), query);
    assertPassages(await searchText(collection, { model, query, nResults: 2, where: { kind: 'vehicle' } }),
      oracle(query, 2, (m) => m.kind === 'vehicle'), `${query} / vehicle`);
    assertPassages(await searchText(collection, { model, query, nResults: 6, where: 'kind = "pet"' }),
      oracle(query, 6, (m) => m.kind === 'pet'), `${query} / pet`);
  }
  // embed's single result too; ids default to UUIDs.
  const one = await embed({ model, value: 'cat and dog' });
  const [id] = await storeEmbeddings(collection, one);
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(collection.get({ ids: [id] }).documents, ['cat and dog']);
});

test('generateText with the mock language model calls the retrieval tool, which returns the right documents', async () => {
  const { collection, model } = await storedCollection();
  const question = 'train over water';
  const languageModel = new MockLanguageModelV4({
    doGenerate: async ({ prompt }) => {
      const answered = prompt.some((message) => message.role === 'tool');
      const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } };
      if (!answered) {
        return {
          content: [{ type: 'tool-call', toolCallId: 'call-1', toolName: 'search', input: JSON.stringify({ query: question }) }],
          finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage, warnings: [],
        };
      }
      const tool = prompt.find((message) => message.role === 'tool').content[0];
      const ids = tool.output.value.map((passage) => passage.id);
      return { content: [{ type: 'text', text: `Sources: ${ids.join(', ')}` }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
    },
  });
  const result = await generateText({
    model: languageModel,
    prompt: 'How does the train cross the water?',
    tools: { search: retrievalTool({ collection, model, nResults: 2 }) },
    stopWhen: stepCountIs(3),
  });
  const expected = oracle(question, 2);
  const toolResults = result.steps.flatMap((step) => step.toolResults);
  assert.equal(toolResults.length, 1);
  assert.equal(toolResults[0].toolName, 'search');
  assert.deepEqual(toolResults[0].input, { query: question });
  assertPassages(toolResults[0].output, expected, 'tool output');
  assert.equal(result.text, `Sources: ${expected.map((e) => e.id).join(', ')}`);
  assert.equal(languageModel.doGenerateCalls.length, 2);
  // The tool was offered to the model with its description and input schema.
  const [offered] = languageModel.doGenerateCalls[0].tools;
  assert.equal(offered.name, 'search');
  assert.deepEqual(offered.inputSchema.required, ['query']);
});

test('a filtered retrieval tool only returns matching documents', async () => {
  const { collection, model } = await storedCollection();
  const search = retrievalTool({ collection, model, nResults: 3, where: { kind: 'pet' }, description: 'Pets only' });
  assert.equal(search.description, 'Pets only');
  const output = await search.execute({ query: 'car train' }, { toolCallId: 't', messages: [] });
  assertPassages(output, oracle('car train', 3, (m) => m.kind === 'pet'), 'filtered tool');
});

test('embedAndStore into a database opened by name: reopening finds the documents; bad input is refused', async () => {
  const name = `ai-sdk-${process.pid}`;
  const db = await openDatabase(name, { storage: 'memory' });
  const collection = await db.getOrCreateCollection('kb');
  const model = embeddingModel();
  await embedAndStore(collection, { model, values: DOCS.map(([, t]) => t), ids: DOCS.map(([id]) => id), metadatas: DOCS.map(([, , m]) => m) });
  await db.close();

  const again = await openDatabase(name, { storage: 'memory' });
  const reopened = again.getCollection('kb');
  assertPassages(await searchText(reopened, { model, query: 'fish water', nResults: 4 }), oracle('fish water', 4), 'reopened');
  await again.close();

  const isArgumentError = (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT';
  assert.throws(() => retrievalTool({ collection: {}, model }), isArgumentError);
  await assert.rejects(storeEmbeddings(new Database().createCollection('x'), { values: ['a'], embeddings: [] }), isArgumentError);
  await assert.rejects(searchText(reopened, { model, query: 42 }), isArgumentError);
});

test('the example of docs/ai-sdk.md runs as written, with the mock models in place of real ones', async () => {
  const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { execFileSync } = await import('node:child_process');
  const { pathToFileURL, fileURLToPath } = await import('node:url');
  const markdown = readFileSync(new URL('../../docs/ai-sdk.md', import.meta.url), 'utf8');
  const example = markdown.match(/```js\n([\s\S]*?)```/)[1];
  const dist = (file) => pathToFileURL(fileURLToPath(new URL(`../dist/${file}`, import.meta.url))).href;
  const setup = `
import { MockEmbeddingModelV4, MockLanguageModelV4 } from '${import.meta.resolve('ai/test')}';
const vectorOf = (text) => ['refund', 'shipping', 'password'].map((w) => (text.toLowerCase().includes(w) ? 1 : 0)).concat(text.length / 100);
const embeddingModel = new MockEmbeddingModelV4({ doEmbed: async ({ values }) => ({ embeddings: values.map(vectorOf), warnings: [] }) });
const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } };
const languageModel = new MockLanguageModelV4({ doGenerate: async ({ prompt }) => {
  const tool = prompt.find((m) => m.role === 'tool');
  if (!tool) return { content: [{ type: 'tool-call', toolCallId: 'c', toolName: 'search', input: '{"query":"refunds"}' }], finishReason: { unified: 'tool-calls', raw: undefined }, usage, warnings: [] };
  return { content: [{ type: 'text', text: tool.content[0].output.value.map((p) => p.id).join(' ') }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] };
} });
const chunks = ['Refunds take 5 days', 'Shipping is free', 'Reset your password here'];
const chunkIds = ['c1', 'c2', 'c3'];
const chunkSources = [{ source: 'faq' }, { source: 'faq' }, { source: 'help' }];
`;
  const script = setup + example
    .replace("from 'teavec'", `from '${dist('teavec.js')}'`)
    .replace("from 'teavec/ai'", `from '${dist('ai.js')}'`)
    .replace("from 'ai'", `from '${import.meta.resolve('ai')}'`)
    + 'console.log(text);\nawait db.close();\n';
  const dir = mkdtempSync(join(tmpdir(), 'teavec-ai-doc-'));
  try {
    writeFileSync(join(dir, 'example.mjs'), script);
    const out = execFileSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8' });
    // The tool found the refund chunk first, then the others by their length dimension (nResults 4 > 3 records).
    assert.equal(out.trim().split('\n').at(-1), 'c1 c3 c2');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
