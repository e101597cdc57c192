// The TypeScript samples of Chroma's documentation (docs.trychroma.com: Manage Collections, Add Data, Query and
// Get, Metadata Filtering, Full Text Search), run against TeaVec with only the import changed:
//   import { Database as ChromaClient } from 'teavec';   (and `await init()` once, as every TeaVec program)
// Each sample's code is kept as the docs write it; where the docs elide data with "...", concrete values are
// filled in, and `emb_fn` is a small deterministic embedding function (the docs leave it to the reader).
// Known difference kept out of the data: TeaVec's $ne/$nin are false on a missing field (Chroma: true).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import init, { Database as ChromaClient } from '../dist/teavec.js';

await init();

/** Chroma's EmbeddingFunction interface, deterministic: a bag of letters and digits, normalised. */
const emb_fn = {
  name: 'docs-letters',
  async generate(texts) {
    return texts.map((t) => {
      const v = new Array(36).fill(0);
      for (const c of t.toLowerCase()) {
        const i = '0123456789abcdefghijklmnopqrstuvwxyz'.indexOf(c);
        if (i >= 0) v[i] += 1;
      }
      const n = Math.hypot(...v) || 1;
      return v.map((x) => x / n);
    });
  },
  getConfig: () => ({}),
};

test('Manage Collections', async () => {
  const client = new ChromaClient();
  {
    const collection = await client.createCollection({
      name: "my_collection",
    });
    assert.equal(collection.name, 'my_collection');
    await client.deleteCollection({ name: "my_collection" });
  }
  {
    const collection = await client.createCollection({
      name: "my_collection",
      embeddingFunction: null,
    });
    assert.equal(collection.embeddingFunction, undefined);
    await client.deleteCollection({ name: "my_collection" });
  }
  let collection = await client.createCollection({
    name: "my_collection",
    embeddingFunction: emb_fn,
    metadata: {
      description: "my first Chroma collection",
      created: new Date().toString(),
    },
  });
  assert.equal(collection.metadata.description, 'my first Chroma collection');
  await client.createCollection({ name: "my-collection", embeddingFunction: emb_fn });
  {
    const collection = await client.getOrCreateCollection({
      name: "my-collection",
      metadata: { description: "..." },
    });
    assert.equal(collection.name, 'my-collection');
  }
  {
    const collection = await client.getCollection({
      name: "my-collection",
      embeddingFunction: emb_fn,
    });
    assert.equal(collection.embeddingFunction, emb_fn);
  }
  const collections = await client.listCollections();
  assert.deepEqual(collections.map((c) => c.name), ['my_collection', 'my-collection']);
  const firstCollectionsBatch = await client.listCollections({ limit: 100 }); // get the first 100 collections
  const secondCollectionsBatch = await client.listCollections({
    limit: 100,
    offset: 100,
  }); // get the next 100 collections
  const collectionsSubset = await client.listCollections({
    limit: 20,
    offset: 50,
  }); // get 20 collections starting from the 50th
  assert.deepEqual([firstCollectionsBatch.length, secondCollectionsBatch.length, collectionsSubset.length], [2, 0, 0]);

  await collection.modify({
    name: "new-name",
    metadata: { description: "new description" },
  });
  assert.equal(collection.name, 'new-name');
  await client.deleteCollection({ name: "my-collection" });
  assert.equal(await client.countCollections(), 1);
  assert.equal(await collection.count(), 0);
  assert.deepEqual((await collection.peek()).ids, []);
});

test('Add Data', async () => {
  const client = new ChromaClient();
  let collection = await client.createCollection({ name: "with_function", embeddingFunction: emb_fn });
  await collection.add({
    ids: ["id1", "id2", "id3"],
    documents: ["lorem ipsum...", "doc2", "doc3"],
    metadatas: [{"chapter": 3, "verse": 16}, {"chapter": 3, "verse": 5}, {"chapter": 29, "verse": 11}],
  });
  assert.equal(await collection.count(), 3);
  collection = await client.createCollection({ name: "vectors" });
  await collection.add({
    ids: ["id1", "id2", "id3"],
    embeddings: [[1.1, 2.3, 3.2], [4.5, 6.9, 4.4], [1.1, 2.3, 3.2]],
    documents: ["lorem ipsum...", "doc2", "doc3"],
    metadatas: [{"chapter": 3, "verse": 16}, {"chapter": 3, "verse": 5}, {"chapter": 29, "verse": 11}],
  })
  collection = await client.createCollection({ name: "no_documents" });
  await collection.add({
    ids: ["id1", "id2", "id3"],
    embeddings: [[1.1, 2.3, 3.2], [4.5, 6.9, 4.4], [1.1, 2.3, 3.2]],
    metadatas: [{"chapter": 3, "verse": 16}, {"chapter": 3, "verse": 5}, {"chapter": 29, "verse": 11}],
  })
  assert.deepEqual((await collection.get({ ids: ['id2'] })).metadatas, [{ chapter: 3, verse: 5 }]);
});

test('Query and Get', async () => {
  const client = new ChromaClient();
  const collection = await client.createCollection({ name: "docs", embeddingFunction: emb_fn });
  await collection.add({
    ids: ["id1", "id2", "id3", "id4"],
    documents: ["thus spake zarathustra", "the oracle speaks", "a search string inside", "page ten"],
    metadatas: [{ page: 1 }, { page: 2 }, { page: 10 }, { page: 10 }],
  });
  const spoken = await collection.query({
    queryTexts: ["thus spake zarathustra", "the oracle speaks"],
  });
  assert.deepEqual(spoken.ids.map((ids) => ids[0]), ['id1', 'id2']);

  const vectors = await client.createCollection({ name: "vectors" });
  await vectors.add({ ids: ["id1", "id2", "id3"], embeddings: [[11.1, 12.1, 13.1], [1.1, 2.3, 3.2], [9, 1, 1]],
    documents: ["search string one", "two", "three"], metadatas: [{ page: 10 }, { page: 10 }, { page: 3 }] });
  {
    const collection = vectors;
    const all = await collection.query({
      queryEmbeddings: [[11.1, 12.1, 13.1], [1.1, 2.3, 3.2]]
    })
    assert.deepEqual(all.ids.map((ids) => ids.length), [3, 3]);
    await collection.query({
      queryEmbeddings: [[11.1, 12.1, 13.1], [1.1, 2.3, 3.2]],
      nResults: 5
    })
    const constrained = await collection.query({
      queryEmbeddings: [[11.1, 12.1, 13.1], [1.1, 2.3, 3.2]],
      nResults: 5,
      ids: ["id1", "id2"]
    })
    assert.deepEqual(constrained.ids, [['id1', 'id2'], ['id2', 'id1']]);
    const got = await collection.get({ids: ["id1", "ids2"]})
    assert.deepEqual(got.ids, ['id1']);
    const filtered = await collection.query({
      queryEmbeddings: [[11.1, 12.1, 13.1], [1.1, 2.3, 3.2]],
      nResults: 5,
      where: { page: 10 }, // query records with metadata field 'page' equal to 10
      whereDocument: { "$contains": "search string" } // query records with the search string in the records' document
    })
    assert.deepEqual(filtered.ids, [['id1'], ['id1']]);
  }

  const results = await collection.query({
    queryTexts: ["first query", "second query"],
  });
  assert.equal(results.ids.length, 2);
  {
    const results = await collection.get({ ids: ["id1", "id2"]});
    const records = results.rows();
    const seen = [];
    records.forEach((record) => {
        seen.push([record.id, record.document]);
    })
    assert.deepEqual(seen, [['id1', 'thus spake zarathustra'], ['id2', 'the oracle speaks']]);
  }
  const defaults = await collection.query({ queryTexts: ["my query"] }); // 'ids', 'documents', and 'metadatas' are returned
  assert.deepEqual(defaults.include, ['metadatas', 'documents', 'distances']);
  const onlyDocuments = await collection.get({ include: ["documents"] }); // Only 'ids' and 'documents' are returned
  assert.equal(onlyDocuments.metadatas, null);
  const three = await collection.query({
    queryTexts: ["my query"],
    include: ["documents", "metadatas", "embeddings"],
  }); // 'ids', 'documents', 'metadatas', and 'embeddings' are returned
  assert.equal(three.embeddings[0][0].length, 36);
  assert.equal(three.distances, null);
});

test('Metadata Filtering and Full Text Search', async () => {
  const client = new ChromaClient();
  const collection = await client.createCollection({ name: "filters", embeddingFunction: emb_fn });
  await collection.add({
    ids: ["a", "b", "c", "d"],
    documents: ["doc10 about search_string", "thus spake zarathustra", "search_string_1 and more", "contact: someone@example.org"],
    metadatas: [{ metadata_field: "is_equal_to_this" }, { metadata_field: "other" }, { metadata_field: "is_equal_to_this" }, { metadata_field: "none" }],
  });
  const combined = await collection.query({
    queryTexts: ["doc10", "thus spake zarathustra"],
    nResults: 10,
    where: {"metadata_field": "is_equal_to_this"},
    whereDocument: {"$contains": "search_string"}
  })
  assert.deepEqual(combined.ids.map((ids) => [...ids].sort()), [['a', 'c'], ['a', 'c']]);
  const where = { "metadata_field": { "$in": ["value1", "is_equal_to_this"] } };
  assert.deepEqual((await collection.get({ where })).ids, ['a', 'c']);
  const notIn = { "metadata_field": { "$nin": ["value1", "is_equal_to_this"] } };
  assert.deepEqual((await collection.get({ where: notIn })).ids, ['b', 'd']);
  assert.deepEqual((await collection.get({ whereDocument: { "$not_contains": "search_string" } })).ids, ['b', 'd']);
  assert.deepEqual((await collection.get({ whereDocument: { "$regex": ".+" } })).ids, ['a', 'b', 'c', 'd']);
  const email = await collection.get({
    whereDocument: {
      "$regex": "[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$"
    }
  });
  assert.deepEqual(email.ids, ['d']);
  const and = await collection.query({
    queryTexts: ["query1", "query2"],
    whereDocument: {
      "$and": [
        {"$contains": "search_string_1"},
        {"$regex": "[a-z]+"},
      ]
    }
  });
  assert.deepEqual(and.ids, [['c'], ['c']]);
  const or = await collection.query({
    queryTexts: ["query1", "query2"],
    whereDocument: {
      "$or": [
        {"$contains": "search_string_1"},
        {"$not_contains": "search_string_2"},
      ]
    }
  });
  assert.equal(or.ids[0].length, 4);
  await collection.delete({ whereDocument: { "$contains": "zarathustra" } });
  assert.equal(await collection.count(), 3);
});
