// A Node 'file' database has one writer across processes: a second process waits for it, or opens read-only
// (onLocked: 'readonly'); a writer that died (SIGKILL) leaves a stale lock that the next opener takes over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init, { openDatabase } from '../dist/teavec.js';

const DIST = new URL('../dist/teavec.js', import.meta.url).href;

// A child process holding the database open as its writer until it reads "close" on stdin.
const HOLDER = `
import init, { openDatabase } from ${JSON.stringify(DIST)};
await init();
const db = await openDatabase(process.argv[1], { storage: 'file' });
await db.getOrCreateCollection({ name: 'c', dimensions: 2 });
process.stdout.write('ready ' + db.readOnly + '\\n');
process.stdin.on('data', async (d) => { if (String(d).includes('close')) { await db.close(); process.exit(0); } });
`;

const children = [];

function holder(dir) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', HOLDER, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { if (String(d).startsWith('ready')) resolve(String(d).trim()); });
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  children.push(child);
  return { child, ready, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

const settle = (promise, ms) => Promise.race([promise.then(() => 'resolved'), new Promise((r) => setTimeout(() => r('pending'), ms))]);

test('a second process waits for the writer, or follows read-only; a dead writer\'s lock is taken over', async () => {
  await init();
  const dir = mkdtempSync(join(tmpdir(), 'teavec-file-lock-'));
  try {
    const first = holder(dir);
    assert.equal(await first.ready, 'ready false');
    assert.equal(readFileSync(join(dir, 'writer.lock'), 'utf8'), `${first.child.pid}\n`);

    const follower = await openDatabase(dir, { storage: 'file', onLocked: 'readonly' });
    assert.equal(follower.readOnly, true, 'the other process holds the writer lock');
    await follower.close();

    const waiting = openDatabase(dir, { storage: 'file' });
    assert.equal(await settle(waiting, 400), 'pending', 'waits while the other process writes');
    first.child.stdin.write('close\n');
    const writer = await waiting;
    assert.equal(writer.readOnly, false);
    await writer.getCollection('c').add({ ids: ['a'], embeddings: [[1, 2]] });
    assert.equal(readFileSync(join(dir, 'writer.lock'), 'utf8'), `${process.pid}\n`);
    await writer.close();
    assert.equal(existsSync(join(dir, 'writer.lock')), false, 'close removes the lock');
    await first.exited;

    const killed = holder(dir);
    await killed.ready;
    killed.child.kill('SIGKILL');
    await killed.exited;
    assert.equal(existsSync(join(dir, 'writer.lock')), true, 'a killed writer leaves its lock');
    const after = await openDatabase(dir, { storage: 'file', onLocked: 'readonly' });
    assert.equal(after.readOnly, false, 'the stale lock of a dead process is taken over');
    assert.equal(after.getCollection('c').count(), 1);
    await after.close();
  } finally {
    // A failed assertion must not leave a holder waiting on stdin (the test run would never end).
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
