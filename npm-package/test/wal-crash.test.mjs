// Crash test of the file log: a child process appending awaited records (wal-crash-writer.mjs) is SIGKILLed at
// seeded random moments, 50 times by default (TEAVEC_CRASHES=<n>; TEAVEC_SEED=<n> replays the moments). After
// each kill the log is reopened (half the runs write each record in two system calls, so kills tear records): every record whose append had resolved must be there exactly, the checkpoint
// must be one that was written whole, and the records after it must follow it without a gap or a partial one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import init, { _openLogStorage as openLogStorage } from '../dist/teavec.js';
import { isBatch } from './wal-contract.js';
import { checkpointBytes } from './wal-crash-writer.mjs';
import { rng, seedFor } from './helpers.mjs';

await init();
const here = dirname(fileURLToPath(import.meta.url));
const CRASHES = Number(process.env.TEAVEC_CRASHES ?? 50);

/** Runs the writer until `killAfterMs` after it is ready, SIGKILLs it; resolves with what it acknowledged. */
function runWriter(dir, seed, killAfterMs, split) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'wal-crash-writer.mjs'), dir, String(seed), split ? 'split' : ''],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer = null;
    child.stdout.on('data', (d) => {
      out += d;
      if (timer === null && out.includes('ready')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`the writer exited by itself (code ${code}): ${err}`));
        return;
      }
      // Only whole lines: the kill may cut the last one.
      const lines = out.split('\n').slice(0, -1);
      const acks = lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
      const checkpoints = lines.filter((l) => l.startsWith('checkpoint ')).map((l) => Number(l.slice(11)));
      resolve({ ready: Number(lines[0]?.split(' ')[1]), acks, checkpoints });
    });
  });
}

test(`${CRASHES} SIGKILLs of a writer: every acknowledged record survives, nothing partial is applied`, async (t) => {
  const seed = seedFor('wal-crash');
  t.diagnostic(`seed ${seed}`);
  const next = rng(seed);
  const dir = mkdtempSync(join(tmpdir(), 'teavec-walcrash-'));
  let acked = 0;
  let checkpointsSeen = 0;
  let tornTails = 0;
  let maxRecovered = 0;
  try {
    for (let round = 0; round < CRASHES; round++) {
      const killAfter = Math.floor(next() * 200);
      const split = next() < 0.5;
      const run = await runWriter(dir, Math.floor(next() * 2 ** 31), killAfter, split);
      const where = `seed ${seed}, round ${round} (killed ${killAfter} ms after ready${split ? ', split writes' : ''})`;
      assert.ok(run.ready >= acked, `${where}: the writer started from ${run.ready}, below the acknowledged ${acked}`);
      acked = Math.max(acked, ...run.acks);
      const storage = await openLogStorage(dir, { storage: 'file' });
      const { checkpoint, records, recovery } = await storage.recover();
      await storage.close();
      if (checkpoint.generation > 0) {
        checkpointsSeen++;
        const expected = checkpointBytes(checkpoint.seq);
        assert.equal(checkpoint.bytes.length, expected.length, `${where}: checkpoint ${checkpoint.generation} length`);
        assert.ok(checkpoint.bytes.every((b, i) => (b & 0xff) === expected[i]), `${where}: checkpoint bytes`);
      }
      assert.deepEqual(checkpoint.skipped, [], `${where}: no checkpoint failed to verify`);
      records.forEach((r, i) => {
        assert.equal(r.seq, checkpoint.seq + 1 + i, `${where}: records follow the checkpoint without a gap`);
        assert.ok(isBatch(r, r.seq), `${where}: record ${r.seq} is exactly what was written`);
      });
      assert.equal(recovery.lastSeq, Math.max(checkpoint.seq, records.at(-1)?.seq ?? 0), `${where}: last seq`);
      assert.ok(recovery.lastSeq >= acked, `${where}: acknowledged up to ${acked}, recovered up to ${recovery.lastSeq}`);
      for (const d of recovery.dropped) {
        assert.equal(d.reason, 'torn', `${where}: only torn tails are cut (${d.detail})`);
        tornTails++;
      }
      maxRecovered = recovery.lastSeq;
    }
    t.diagnostic(`${acked} records acknowledged, ${maxRecovered} recovered at the end, ${checkpointsSeen} reopenings `
      + `from a checkpoint, ${tornTails} torn tails cut; files: ${readdirSync(dir).join(' ')}`);
    assert.ok(acked > CRASHES, 'the writer got work done between kills');
    const temporary = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
    assert.ok(temporary.length <= 1, `temporary files of crashed checkpoints are removed on open: ${temporary}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
