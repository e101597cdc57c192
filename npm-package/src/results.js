// Chroma's result helpers on column-major results: `rows()` and `include`, not enumerable, so that the JSON of a
// result stays its columns.

/** `{ include, rows() }` beside the columns of `out`; `row(id, i)` makes one row. */
function withRows(out, row) {
  Object.defineProperty(out, 'include', { value: out.included });
  Object.defineProperty(out, 'rows', { value: () => out.ids.map(row) });
  return out;
}

/** One record of column-major results: the included fields of index i. */
function rowOf(columns, i, id) {
  const row = { id };
  if (columns.documents) row.document = columns.documents[i];
  if (columns.embeddings) row.embedding = columns.embeddings[i];
  if (columns.metadatas) row.metadata = columns.metadatas[i];
  if (columns.distances) row.distance = columns.distances[i];
  return row;
}

/** A get result with its rows() helper. */
export function finishGet(out) {
  return withRows(out, (id, i) => rowOf(out, i, id));
}

/** A query result (one list per query) with its rows() helper. */
export function finishQuery(out) {
  return withRows(out, (ids, q) => ids.map((id, i) => rowOf({
    documents: out.documents?.[q], embeddings: out.embeddings?.[q], metadatas: out.metadatas?.[q], distances: out.distances?.[q],
  }, i, id)));
}
