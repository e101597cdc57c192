// The contract every write-ahead log storage keeps (js-bindings wal/LogStorage.java), as a list of cases that
// run unchanged in Node (memory, file) and in Chromium (IndexedDB, OPFS in a worker). Plain ES module without
// Node imports; the runners (wal-*.test.mjs here, browser-tests/test/wal-*.test.mjs) turn each case into a test.
//
// env: {
//   open(name)             → a LogStorage (npm-package/src/wal-store.js) of this backend
//   records                → the package's _logRecords (record encoders)
//   quota(name) | null     → a LogStorage of this backend whose space runs out after a few hundred KB
//   damageCheckpoint(name, generation, at) | undefined
//                          → flips a bit of byte `at` of that checkpoint's snapshot where the backend stores it
//                            (memory keeps no bytes outside the process: none)
// }
import { rng } from './random.js';
import { ok, eq, rejectsWith } from './contract-asserts.js';

export { ContractFailure } from './contract-asserts.js';

const concat = (parts) => {
  const out = new Int8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const bytesEqual = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The content of record k of a test log: a pure function of k, so what was acknowledged can be checked exactly. */
export function batchFor(k, dims = 4) {
  const random = rng(k);
  const n = 1 + (k % 3);
  const keys = Array.from({ length: n }, (_, i) => `key-${k}-${i}`);
  const vectors = new Float32Array(n * dims).map(() => random() * 2 - 1);
  const metadata = keys.map((_, i) => (i % 2 === 0 ? JSON.stringify({ k, i, tag: `t${k % 5}` }) : null));
  const documents = keys.map((_, i) => (i === 0 ? `document ${k} \u00e9\ud83d\ude00` : null));
  return { keys, dimensions: dims, vectors, metadata, documents };
}

/** Whether a recovered record is exactly batch k. */
export function isBatch(record, k, dims = 4) {
  const b = batchFor(k, dims);
  return record.op === 'upsert' && record.collection === 'c'
    && JSON.stringify(record.keys) === JSON.stringify(b.keys) && record.dimensions === dims
    && bytesEqual(new Int8Array(record.vectors.buffer, record.vectors.byteOffset, record.vectors.byteLength),
      new Int8Array(b.vectors.buffer))
    && JSON.stringify(record.metadata) === JSON.stringify(b.metadata)
    && JSON.stringify(record.documents) === JSON.stringify(b.documents);
}

async function reopen(env, name) {
  const s = await env.open(name);
  return { s, r: await s.recover() };
}

/** A storage with a first segment: records by hand. */
async function rawLog(env, name) {
  const s = await env.open(name);
  await s.startSegment(1, await env.records.segmentStart(0, 0));
  return s;
}

export const walContract = [
  {
    name: 'appended bytes read back exactly, segment by segment, and survive a reopen',
    async run(env, name) {
      const s = await rawLog(env, name);
      const start = await env.records.segmentStart(0, 0);
      const r1 = await env.records.delete(1, 'c', ['a']);
      const r2 = await env.records.delete(2, 'c', ['b', 'c']);
      await s.append(r1);
      await s.append(r2);
      await s.startSegment(3, await env.records.segmentStart(2, 0));
      const r3 = await env.records.delete(3, 'c', ['d']);
      await s.append(r3);
      const log = await s.readLog();
      eq(log.ids, [1, 3], 'segment ids');
      ok(bytesEqual(log.segments[0], concat([start, r1, r2])), 'segment 1 holds its start and two records');
      await s.close();
      const { s: again, r } = await reopen(env, name);
      eq(r.records.map((x) => [x.seq, x.op, x.keys]), [[1, 'delete', ['a']], [2, 'delete', ['b', 'c']],
        [3, 'delete', ['d']]], 'records');
      eq(r.recovery.dropped, [], 'nothing dropped');
      eq(r.recovery.segments.map((x) => [x.id, x.start]), [[1, 0], [3, 2]], 'segment starts');
      await again.close();
    },
  },
  {
    name: 'segments are ordered: a new one must be above the rest, old ones can be removed',
    async run(env, name) {
      const s = await rawLog(env, name);
      await s.startSegment(2, await env.records.segmentStart(0, 0));
      await rejectsWith(s.startSegment(2, await env.records.segmentStart(0, 0)), 'STORAGE_ERROR', 'a second segment 2');
      await s.startSegment(5, await env.records.segmentStart(0, 0));
      await s.removeSegmentsBefore(5);
      eq((await s.readLog()).ids, [5], 'after removing those below 5');
      await s.append(await env.records.delete(1, 'c', ['x']));
      await s.close();
      const { s: again, r } = await reopen(env, name);
      eq(r.records.map((x) => x.seq), [1], 'the record appended to segment 5');
      await again.close();
    },
  },
  {
    name: 'every operation a database needs round-trips through a writer, close and reopen',
    async run(env, name) {
      const s = await env.open(name);
      const first = await s.recover();
      eq([first.checkpoint.generation, first.records.length, first.recovery.lastSeq], [0, 0, 0], 'a new log');
      const w = s.writer();
      eq(await w.createCollection('c', '{"metadata":null,"settings":{"metric":"cosine"}}'), 1, 'seq of the first record');
      await w.writeBatch('upsert', 'c', batchFor(7));
      await w.writeBatch('update', 'c', { keys: ['key-7-0', 'key-7-1'], dimensions: 4, hasVector: new Uint8Array([0, 1]),
        vectors: new Float32Array([0.5, -0.0, 3e-40, 1]), metadata: [null, '{"x":null}'], documents: [null, ''] });
      await w.writeBatch('add', 'c', { keys: ['plain'] });
      await w.modifyCollection('c', { newName: 'd', metadataJson: '{"about":"x"}' });
      await w.deleteKeys('d', ['key-7-0']);
      eq(await w.deleteCollection('d'), 7, 'seq of the last record');
      await w.close();
      const { s: again, r } = await reopen(env, name);
      eq(r.records.map((x) => x.op), ['create-collection', 'upsert', 'update', 'add', 'modify-collection', 'delete',
        'delete-collection'], 'operations');
      eq(r.records[0].settings, '{"metadata":null,"settings":{"metric":"cosine"}}', 'settings');
      ok(isBatch({ ...r.records[1], collection: 'c' }, 7), 'the upsert batch, exactly');
      const u = r.records[2];
      eq([[...u.hasVector], [...new Uint32Array(u.vectors.buffer, u.vectors.byteOffset, 4)], u.metadata, u.documents],
        [[0, 1], [...new Uint32Array(new Float32Array([0.5, -0.0, 3e-40, 1]).buffer)], [null, '{"x":null}'], [null, '']],
      'the update batch: partial vectors, -0 and subnormals by their bits, nulls and an empty document');
      eq([r.records[3].dimensions, r.records[3].vectors.length, r.records[3].metadata], [0, 0, [null]], 'a batch without vectors');
      eq([r.records[4].collection, r.records[4].newName, r.records[4].metadata], ['c', 'd', '{"about":"x"}'], 'modify');
      eq(r.records[5].keys, ['key-7-0'], 'delete');
      const w2 = again.writer();
      eq(await w2.deleteCollection('e'), 8, 'the next writer continues the sequence');
      await w2.close();
    },
  },
  {
    name: 'a torn tail after a partial write is cut and reported; the writer goes on in a new segment',
    async run(env, name) {
      const s = await env.open(name);
      await s.recover();
      const w = s.writer();
      for (let k = 1; k <= 5; k++) await w.writeBatch('upsert', 'c', batchFor(k));
      await w.close();
      const raw = await env.open(name);
      const next = await env.records.delete(6, 'c', ['torn']);
      await raw.append(next.subarray(0, 9));
      await raw.close();
      const { s: again, r } = await reopen(env, name);
      eq(r.records.length, 5, 'the five complete records');
      r.records.forEach((x, i) => ok(isBatch(x, i + 1), `record ${i + 1} exactly`));
      eq(r.recovery.dropped.map((d) => [d.reason, d.bytes, d.records]), [['torn', 9, 0]], 'the torn record is reported');
      eq(r.recovery.lastSeq, 5, 'the state ends at record 5');
      const w2 = again.writer();
      eq(await w2.writeBatch('upsert', 'c', batchFor(6)), 6, 'the next record is 6');
      await w2.close();
      const { s: third, r: r3 } = await reopen(env, name);
      eq(r3.records.length, 6, 'six records');
      ok(isBatch(r3.records[5], 6), 'record 6 exactly');
      eq(r3.recovery.segments.length, 2, 'record 6 went to a new segment');
      await third.close();
    },
  },
  {
    name: 'a damaged record and everything after it are cut, never applied',
    async run(env, name) {
      const s = await rawLog(env, name);
      const records = [];
      for (let k = 1; k <= 4; k++) records.push(await env.records.delete(k, 'c', [`k${k}`]));
      records[2] = records[2].slice();
      records[2][20] ^= 0x10;
      for (const r of records) await s.append(r);
      await s.close();
      const { s: again, r } = await reopen(env, name);
      eq(r.records.map((x) => x.keys[0]), ['k1', 'k2'], 'only the records before the damage');
      eq(r.recovery.dropped.map((d) => [d.reason, d.records, d.seq]), [['checksum', 2, -1]], 'the report');
      await again.close();
    },
  },
  {
    name: "a checkpoint waits for its `before` promise (rerank 'storage' rows) and fails, storing nothing, if it rejects",
    async run(env, name) {
      const s = await env.open(name);
      await s.recover();
      const w = s.writer();
      for (let k = 1; k <= 4; k++) await w.writeBatch('upsert', 'c', batchFor(k));
      let release;
      let released = false;
      const before = new Promise((resolve) => { release = resolve; });
      const first = w.checkpoint(new Uint8Array([7]), before.then(() => { released = true; }));
      setTimeout(() => release(), 20);
      eq(await first, { generation: 1, seq: 4 }, 'the checkpoint after its before');
      ok(released, 'the checkpoint resolved only after its before did');
      await w.writeBatch('upsert', 'c', batchFor(5));
      let code = null;
      try {
        await w.checkpoint(new Uint8Array([8]), Promise.reject(new Error('rows not written')));
      } catch (e) {
        code = e.code ?? e.message;
      }
      ok(code !== null, 'a rejected before fails the checkpoint');
      await w.close();
      const { s: again, r } = await reopen(env, name);
      eq([r.checkpoint.generation, r.checkpoint.seq, [...r.checkpoint.bytes]], [1, 4, [7]], 'the failed checkpoint was not stored');
      eq(r.records.map((x) => x.seq), [5], 'the record after the stored one is kept');
      await again.close();
    },
  },
  {
    name: 'a checkpoint is durable before the log is cut, and keeps the previous one as a fallback',
    async run(env, name) {
      const s = await env.open(name);
      await s.recover();
      const w = s.writer();
      for (let k = 1; k <= 10; k++) await w.writeBatch('upsert', 'c', batchFor(k));
      eq(await w.checkpoint(new Uint8Array([1, 1, 1])), { generation: 1, seq: 10 }, 'first checkpoint');
      eq(w.segmentIds(), [1, 2], 'the first checkpoint keeps the whole log: it is the fallback');
      for (let k = 11; k <= 15; k++) await w.writeBatch('upsert', 'c', batchFor(k));
      eq(await w.checkpoint(new Uint8Array([2, 2])), { generation: 2, seq: 15 }, 'second checkpoint');
      eq(w.segmentIds(), [2, 3], 'segment 1 (records 1..10, all in both checkpoints) is gone');
      await w.writeBatch('upsert', 'c', batchFor(16));
      await w.close();
      const raw = await env.open(name);
      eq((await raw.readLog()).ids, [2, 3], 'segments in storage');
      await raw.close();
      const { s: again, r } = await reopen(env, name);
      eq([r.checkpoint.generation, r.checkpoint.seq, [...r.checkpoint.bytes]], [2, 15, [2, 2]], 'the newest checkpoint');
      eq(r.records.map((x) => x.seq), [16], 'then the record after it');
      ok(isBatch(r.records[0], 16), 'exactly');
      eq([r.recovery.checkpointSeq, r.recovery.covered, r.recovery.lastSeq], [15, 5, 16], 'report');
      await again.close();
    },
  },
  {
    name: 'records appended while a checkpoint is being written land after it',
    async run(env, name) {
      const s = await env.open(name);
      await s.recover();
      const w = s.writer();
      for (let k = 1; k <= 4; k++) await w.writeBatch('upsert', 'c', batchFor(k));
      const big = new Uint8Array(300_000).map((_, i) => i * 7);
      const checkpoint = w.checkpoint(big);
      const later = [5, 6, 7].map((k) => w.writeBatch('upsert', 'c', batchFor(k)));
      eq(await checkpoint, { generation: 1, seq: 4 }, 'the checkpoint covers what was appended before it');
      eq(await Promise.all(later), [5, 6, 7], 'the later records');
      await w.close();
      const { s: again, r } = await reopen(env, name);
      eq([r.checkpoint.seq, r.checkpoint.bytes.length], [4, 300_000], 'checkpoint');
      ok(bytesEqual(new Uint8Array(r.checkpoint.bytes.buffer, r.checkpoint.bytes.byteOffset, 300_000), big), 'its bytes');
      eq(r.records.map((x) => x.seq), [5, 6, 7], 'records after the checkpoint');
      await again.close();
    },
  },
  {
    name: 'checkpoint generations only go up; the newest verified one is read',
    async run(env, name) {
      const s = await env.open(name);
      eq((await s.readCheckpoint()).generation, 0, 'none yet');
      await s.writeCheckpoint(1, 5, new Uint8Array([5]));
      await s.writeCheckpoint(2, 9, new Uint8Array([9, 9]));
      await rejectsWith(s.writeCheckpoint(2, 11, new Uint8Array([1])), 'STORAGE_ERROR', 'generation 2 again');
      await s.writeCheckpoint(3, 12, new Uint8Array(0));
      await s.close();
      const again = await env.open(name);
      const c = await again.readCheckpoint();
      eq([c.generation, c.seq, c.bytes.length, c.nextGeneration, c.skipped], [3, 12, 0, 4, []], 'generation 3');
      await again.close();
    },
  },
  {
    name: 'a checkpoint of several pieces reads back exactly, its pieces taken in any order; one damaged byte in its middle falls back to the older generation',
    async run(env, name) {
      // IndexedDB stores 4 MiB chunks, OPFS is read back in 4 MiB pieces: 2 and 3 of them, the last partial.
      const bytesOf = (n, k) => new Int8Array(new Uint8Array(n).map((_, i) => (i * k + (i >> 13)) & 0xff).buffer);
      const a = bytesOf(5_000_003, 7);
      const b = bytesOf(9_000_001, 13);
      let s = await env.open(name);
      await s.writeCheckpoint(1, 5, a);
      await s.writeCheckpoint(2, 9, b);
      await s.close();
      s = await env.open(name);
      const r = await s.recover({ pieces: true });
      const got = r.checkpoint.bytes;
      let whole = got;
      if (got.pieces) {
        // Last piece first; each copied out when asked for (an open file's pieces share one buffer).
        whole = new Int8Array(got.length);
        const starts = [];
        for (let i = 0, at = 0; i < got.pieces.length; i++) {
          starts.push(at);
          at += i < got.pieces.length - 1 ? got.pieceBytes : 0;
        }
        for (let i = got.pieces.length - 1; i >= 0; i--) whole.set(got.pieces[i], starts[i]);
        got.release?.();
      }
      eq([r.checkpoint.generation, r.checkpoint.seq], [2, 9], 'the newest checkpoint');
      ok(bytesEqual(whole, b), 'its bytes, exactly');
      await s.close();
      if (!env.damageCheckpoint) return;
      await env.damageCheckpoint(name, 2, 6_000_001);
      s = await env.open(name);
      const c = await s.readCheckpoint();
      eq([c.generation, c.seq, c.skipped.map((x) => x.generation)], [1, 5, [2]], 'generation 2 fails its CRC: 1 is read');
      ok(bytesEqual(c.bytes, a), 'generation 1, exactly');
      await s.close();
      s = await env.open(name);
      const again = await s.recover({ pieces: true });
      eq([again.checkpoint.generation, again.checkpoint.bytes.length], [1, a.length], 'recover() falls back the same way');
      again.checkpoint.bytes.release?.();
      await s.close();
    },
  },
  {
    name: 'concurrent appends share flushes (group commit) and resolve in order once durable',
    async run(env, name) {
      const s = await env.open(name);
      await s.recover();
      const w = s.writer();
      const seqs = await Promise.all(Array.from({ length: 200 }, (_, i) => w.writeBatch('upsert', 'c', batchFor(i + 1))));
      eq(seqs, Array.from({ length: 200 }, (_, i) => i + 1), 'sequence numbers');
      ok(w.writes < 200, `200 records took ${w.writes} writes`);
      eq(w.durableSeq, 200, 'all durable');
      await w.close();
      const { s: again, r } = await reopen(env, name);
      eq(r.records.length, 200, 'all 200 read back');
      ok(r.records.every((x, i) => isBatch(x, i + 1)), 'each exactly');
      await again.close();
    },
  },
  {
    name: 'relaxed durability acknowledges at once and is durable after flush()',
    async run(env, name) {
      const s = await env.open(name);
      await s.recover();
      const w = s.writer({ durability: 'relaxed', flushIntervalMs: 50 });
      for (let k = 1; k <= 20; k++) await w.writeBatch('upsert', 'c', batchFor(k));
      eq(w.lastSeq, 20, 'all acknowledged');
      ok(w.durableSeq < 20, `not yet durable (${w.durableSeq})`);
      await w.flush();
      eq(w.durableSeq, 20, 'durable after flush()');
      await w.writeBatch('upsert', 'c', batchFor(21));
      await new Promise((resolve) => setTimeout(resolve, 300));
      eq(w.durableSeq, 21, 'durable within the flush interval');
      await w.close();
      const { s: again, r } = await reopen(env, name);
      eq(r.records.length, 21, 'all read back');
      await again.close();
    },
  },
  {
    name: 'a writer needs recover() first and checks its arguments',
    async run(env, name) {
      const s = await env.open(name);
      let error;
      try {
        s.writer();
      } catch (e) {
        error = e;
      }
      eq(error?.code, 'INVALID_ARGUMENT', 'writer() before recover()');
      await s.recover();
      const w = s.writer();
      await rejectsWith(w.writeBatch('merge', 'c', { keys: ['a'] }), 'INVALID_ARGUMENT', 'an unknown batch kind');
      await rejectsWith(w.writeBatch('add', 'c', { keys: ['a'], dimensions: 3, vectors: new Float32Array(2) }),
        'INVALID_ARGUMENT', 'vectors of the wrong length');
      await rejectsWith(w.createCollection('', '{}'), 'INVALID_ARGUMENT', 'an empty collection name');
      eq(await w.deleteKeys('c', ['a']), 1, 'nothing was used up by the refused calls');
      await w.close();
      await rejectsWith(w.deleteKeys('c', ['b']), 'STORAGE_ERROR', 'after close');
    },
  },
  {
    name: 'quota exceeded while appending: QUOTA_EXCEEDED, and nothing durable changed',
    needsQuota: true,
    async run(env, name) {
      const s = await env.quota(name);
      await s.recover();
      const w = s.writer();
      const dims = 2048;
      let acked = 0;
      let failure;
      for (let k = 1; k <= 2000 && !failure; k++) {
        try {
          await w.writeBatch('upsert', 'c', batchFor(k, dims));
          acked = k;
        } catch (e) {
          failure = e;
        }
      }
      ok(failure, 'the space ran out');
      eq(failure.code, 'QUOTA_EXCEEDED', `the failure (${failure.message})`);
      eq(w.durableSeq, acked, 'the log ends at the last acknowledged record');
      await w.close();
      const { s: again, r } = await reopen(env, name);
      eq(r.records.length, acked, 'every acknowledged record and nothing else');
      ok(r.records.every((x, i) => isBatch(x, i + 1, dims)), 'each exactly');
      eq(r.recovery.dropped, [], 'no partial record left behind');
      await again.close();
    },
  },
];
