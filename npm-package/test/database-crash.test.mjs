// Crash test of a database opened by name on files: a child process (database-crash-writer.mjs, the dist package)
// changes the database with a seeded random mix of awaited operations (adds, upserts, updates, deletes by id and
// by filter, collection creation, deletion, renaming and metadata, refused bad input, explicit checkpoints, a
// small checkpointBytes so that automatic ones happen too) and is SIGKILLed at a seeded random moment: right
// after its n-th acknowledgement, at a random time, or inside an explicit checkpoint. After each kill the parent
// reopens the database and compares it with an exact model (database-model.js) of the operations the child
// printed: every acknowledged operation is there exactly (vector bits, metadata, document), deletes stay
// deleted, and the operations after the last acknowledged one are applied as a prefix of those called, each
// whole or not at all; checkIntegrity passes. The next child continues the same database.
// TEAVEC_CRASHES=<n> (default 150) kills; TEAVEC_SEED=<n> replays the plan (the moments are wall-clock ones).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import init, { openDatabase } from '../dist/teavec.js';
import { DatabaseModel, stateOf, difference } from './database-model.js';
import { rng, seedFor } from './helpers.mjs';

await init();
const here = dirname(fileURLToPath(import.meta.url));
const CRASHES = Number(process.env.TEAVEC_CRASHES ?? 150);
// Small, so that automatic checkpoints happen every few dozen records.
const CHECKPOINT_BYTES = 4096;
const FALLBACK_KILL_MS = 10_000;
const SPARES = 3;

/** A writer process; it loads the package as soon as it is spawned and waits for go(). */
class Writer {
  lines = [];
  err = '';
  onLine = () => {};

  constructor() {
    this.proc = spawn(process.execPath, [join(here, 'database-crash-writer.mjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
    this.loaded = new Promise((resolve, reject) => {
      let partial = '';
      this.proc.stdout.on('data', (d) => {
        const parts = (partial + d).split('\n');
        partial = parts.pop(); // only whole lines count: the kill may cut the last one
        for (const line of parts) {
          if (line === 'loaded') resolve();
          else this.lines.push(line);
          this.onLine(line);
        }
      });
      this.exited.then(({ code, signal }) => reject(new Error(`the writer ended before loading (${code ?? signal}): ${this.err}`)));
    });
    this.loaded.catch(() => {});
    this.proc.stderr.on('data', (d) => { this.err += d; });
    this.proc.stdin.on('error', () => {}); // the kill closes the pipe
  }

  go(config) { this.proc.stdin.write(`go ${JSON.stringify(config)}\n`); }

  kill() { this.proc.kill('SIGKILL'); }
}

/** What a killed writer reported. */
function parse(lines) {
  const ops = [];
  const acks = new Map();
  const nacks = new Map();
  const fails = [];
  const checkpoints = { started: 0, done: 0 };
  for (const line of lines) {
    const [word, n, ...rest] = line.split(' ');
    if (word === 'op') ops.push({ i: Number(n), op: JSON.parse(rest.join(' ')) });
    else if (word === 'ack') acks.set(Number(n), JSON.parse(rest.join(' ')));
    else if (word === 'nack') nacks.set(Number(n), rest.join(' '));
    else if (word === 'cp-start') checkpoints.started++;
    else if (word === 'cp-done') checkpoints.done++;
    else if (word === 'fail') fails.push(line);
  }
  return { ops, acks, nacks, fails, checkpoints };
}

/**
 * The model after the operations the reopened state holds: all acknowledged ones, then a prefix of the
 * unacknowledged ones; throws when no such prefix gives `state`.
 */
function replay(model, run, state, where) {
  const valid = run.ops.filter(({ op }) => op.t !== 'bad');
  const lastAck = Math.max(-1, ...valid.filter(({ i }) => run.acks.has(i)).map(({ i }) => i));
  const m = model.clone();
  let k = 0;
  for (; k < valid.length && valid[k].i <= lastAck; k++) {
    const { i, op } = valid[k];
    const result = m.apply(op);
    if (run.acks.has(i) && (op.t === 'del' || op.t === 'delw')) {
      assert.deepEqual(run.acks.get(i), [...result].sort(), `${where}: operation ${i} (${op.t}) resolved with the deleted ids`);
    }
  }
  const acknowledged = m.state();
  let applied = 0;
  for (let s = acknowledged; ; applied++) {
    if (s === state) return { model: m, unacknowledgedApplied: applied };
    if (k + applied >= valid.length) break;
    m.apply(valid[k + applied].op);
    s = m.state();
  }
  assert.fail(`${where}: the reopened database is not the acknowledged state plus a prefix of the `
    + `${valid.length - k} unacknowledged operations; against the acknowledged state: ${difference(state, acknowledged)}`);
}

test(`${CRASHES} SIGKILLs of a database writer: every acknowledged write survives exactly, nothing half-applied`, async (t) => {
  const seed = seedFor('database-crash');
  t.diagnostic(`seed ${seed} (TEAVEC_SEED=${seed} replays)`);
  const next = rng(seed);
  const dir = mkdtempSync(join(tmpdir(), 'teavec-dbcrash-'));
  const started = performance.now();
  let model = new DatabaseModel();
  const stats = { acked: 0, modes: { ack: 0, time: 0, checkpoint: 0 }, insideCheckpoint: 0, temporaryFiles: 0,
    droppedTails: 0, unackedApplied: 0, unackedDropped: 0, fromCheckpoint: 0, fallback: 0, refused: 0,
    ms: { load: 0, run: 0, verify: 0 } };
  // Writers load ahead (package + log module: the main cost of a round on a busy machine).
  const spares = Array.from({ length: SPARES }, () => new Writer());
  let previousLines = [];
  let previousRecovery = null;
  try {
    for (let round = 0; round < CRASHES; round++) {
      const writer = spares.shift();
      spares.push(new Writer());
      let clock = performance.now();
      await writer.loaded;
      stats.ms.load += performance.now() - clock;
      clock = performance.now();
      const roll = next();
      const mode = roll < 0.4 ? 'time' : roll < 0.75 ? 'ack' : 'checkpoint';
      const at = mode === 'time' ? Math.floor(next() * 120) : mode === 'ack' ? 1 + Math.floor(next() * 20) : 1 + Math.floor(next() * 1.4);
      const delay = mode === 'checkpoint' && next() < 0.5 ? Math.floor(next() * 5) : 0;
      const childSeed = Math.floor(next() * 2 ** 31);
      const where = `seed ${seed}, round ${round} (kill: ${mode} ${at}${delay ? ` +${delay} ms` : ''}, child seed ${childSeed})`;
      stats.modes[mode]++;
      let acks = 0;
      let cps = 0;
      const kill = () => (delay ? setTimeout(() => writer.kill(), delay) : writer.kill());
      writer.onLine = (line) => {
        if (mode === 'ack' && line.startsWith('ack ') && ++acks === at) kill();
        if (mode === 'checkpoint' && line.startsWith('cp-start ') && ++cps === at) kill();
      };
      writer.go({ dir, seed: childSeed, checkpointBytes: CHECKPOINT_BYTES });
      const timers = [setTimeout(() => { stats.fallback++; writer.kill(); }, FALLBACK_KILL_MS)];
      if (mode === 'time') timers.push(setTimeout(() => writer.kill(), at));
      const { code, signal } = await writer.exited;
      timers.forEach(clearTimeout);
      stats.ms.run += performance.now() - clock;
      clock = performance.now();
      assert.equal(signal, 'SIGKILL', `${where}: the writer ended by itself (code ${code}): ${writer.err}`);
      const run = parse(writer.lines);
      assert.deepEqual(run.fails, [], `${where}: the writer saw a failure`);
      for (const [i, codeText] of run.nacks) {
        const { op } = run.ops.find((o) => o.i === i);
        assert.equal(op.t, 'bad', `${where}: valid operation ${i} (${JSON.stringify(op)}) was refused: ${codeText}`);
        assert.match(codeText, /^[A-Z_]+$/, `${where}: bad operation ${i} (${op.kind}) was refused with a TeaVecError code`);
        stats.refused++;
      }
      for (const { i, op } of run.ops) {
        if (op.t === 'bad') assert.ok(!run.acks.has(i), `${where}: bad operation ${i} (${op.kind}) was accepted`);
      }
      if (run.checkpoints.started > run.checkpoints.done) stats.insideCheckpoint++;
      if (readdirSync(dir).some((f) => f.endsWith('.tmp'))) stats.temporaryFiles++;

      let lastRecovery = null;
      const db = await openDatabase(dir, { storage: 'file', checkpointBytes: CHECKPOINT_BYTES });
      let state;
      try {
        state = stateOf(db);
        db.checkIntegrity();
        for (const d of db.recovery.dropped) {
          assert.equal(d.reason, 'torn', `${where}: a kill can only tear the tail (${JSON.stringify(d)})`);
          stats.droppedTails++;
        }
        if (db.recovery.checkpointSeq > 0) stats.fromCheckpoint++;
        lastRecovery = db.recovery;
      } finally {
        await db.close();
      }
      let replayed;
      try {
        replayed = replay(model, run, state, where);
      } catch (e) {
        // What a failure needs to be understood: the round's lines, the recovery report and both states.
        if (process.env.TEAVEC_CRASH_DUMP) {
          const { writeFileSync } = await import('node:fs');
          writeFileSync(process.env.TEAVEC_CRASH_DUMP, JSON.stringify({ where, lines: writer.lines, previousLines,
            recovery: lastRecovery, previousRecovery, state, model: model.state(), files: readdirSync(dir) }, null, 1));
          const { cpSync } = await import('node:fs');
          cpSync(dir, `${process.env.TEAVEC_CRASH_DUMP}.dir`, { recursive: true });
        }
        throw e;
      }
      model = replayed.model;
      previousLines = writer.lines;
      previousRecovery = lastRecovery;
      const unacked = run.ops.filter(({ i, op }) => op.t !== 'bad' && !run.acks.has(i)).length;
      stats.unackedApplied += replayed.unacknowledgedApplied;
      stats.unackedDropped += unacked - replayed.unacknowledgedApplied;
      stats.ms.verify += performance.now() - clock;
      stats.acked += [...run.acks.keys()].filter((i) => run.ops.find((o) => o.i === i).op.t !== 'bad').length;
    }
  } finally {
    for (const spare of spares) spare.kill();
    await Promise.all(spares.map((spare) => spare.exited));
    rmSync(dir, { recursive: true, force: true });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const ms = Object.entries(stats.ms).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ');
  t.diagnostic(`${seconds} s (${ms}: waiting for the next writer to load, its run until killed, reopening and checking); `
    + `${stats.acked} acknowledged operations, ${stats.refused} bad ones refused; kills: `
    + `${JSON.stringify(stats.modes)}, ${stats.insideCheckpoint} inside an explicit checkpoint, ${stats.temporaryFiles} `
    + `left a checkpoint's temporary file, ${stats.fallback} by the ${FALLBACK_KILL_MS} ms fallback; ${stats.droppedTails} `
    + `torn tails cut; unacknowledged operations found applied ${stats.unackedApplied}, absent ${stats.unackedDropped}; `
    + `${stats.fromCheckpoint} reopenings from a checkpoint; final state ${model.collections.size} collections, `
    + `${[...model.collections.values()].reduce((n, c) => n + c.records.size, 0)} records`);
  assert.ok(stats.acked > CRASHES * 2, `the writers got work done between kills (${stats.acked} acknowledged)`);
  assert.ok(stats.insideCheckpoint > 0, 'some kills landed inside a checkpoint');
  assert.ok(stats.fromCheckpoint > 0, 'checkpoints were written and reopened from');
  assert.ok(stats.refused > 0, 'bad input was tried and refused');
});
