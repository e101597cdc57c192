// The writer lock of a Node 'file' database across processes: the file `<dir>/writer.lock` holding the
// writer's process id. Created atomically with its content (a temporary file hard-linked to that name: the
// link fails if the name exists), removed by close(). A lock whose process is gone (killed, crashed) is stale
// and taken over. Node imports are dynamic, so browser bundles never load them.
import { TeaVecError } from './errors.js';

export const LOCK_FILE = 'writer.lock';
const POLL_MS = 50;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether process `pid` exists (signal 0 checks without sending anything; EPERM: it exists, not ours). */
function alive(pid) {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * Takes the writer lock of the database directory `dir` (created if needed). `wait`: true polls until the
 * holder closes or dies; false resolves null at once while a live process holds it. Resolves with `release()`.
 */
export async function acquireFileLock(dir, wait) {
  const fs = await import('node:fs/promises');
  const { join } = await import('node:path');
  const lock = join(dir, LOCK_FILE);
  const mine = `${process.pid}\n`;
  try {
    await fs.mkdir(dir, { recursive: true });
    for (;;) {
      const temp = join(dir, `.${LOCK_FILE}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
      await fs.writeFile(temp, mine);
      try {
        await fs.link(temp, lock);
        return async () => {
          // Only our own lock: after a takeover (we were thought dead) it is someone else's.
          if ((await fs.readFile(lock, 'utf8').catch(() => '')) === mine) await fs.rm(lock, { force: true });
        };
      } catch (e) {
        if (e.code !== 'EEXIST') throw e;
      } finally {
        await fs.rm(temp, { force: true });
      }
      const held = await fs.readFile(lock, 'utf8').catch(() => '');
      if (!alive(Number.parseInt(held, 10))) {
        // Stale: its writer is gone. Removed only if it still is that lock (another opener may have taken it over
        // in between); the link above then lets one opener win.
        if ((await fs.readFile(lock, 'utf8').catch(() => '')) === held) await fs.rm(lock, { force: true });
        continue;
      }
      if (!wait) return null;
      await sleep(POLL_MS);
    }
  } catch (e) {
    throw new TeaVecError('STORAGE_ERROR', `locking the database directory ${dir}: ${e.message}`);
  }
}
