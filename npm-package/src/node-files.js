// Atomic snapshot files for Node. Node modules are imported only when these functions run, so
// browser and Workers bundles never load them.
import { TeaVecError } from './errors.js';

function requireNode(what) {
  if (typeof process === 'undefined' || !process.versions?.node) {
    throw new TeaVecError('INVALID_ARGUMENT',
      `${what} needs Node.js; elsewhere store toBytes() yourself (IndexedDB, KV, R2, ...) and load it with fromBytes()`);
  }
}

/**
 * A file system failure as a TeaVecError: NOT_FOUND when the path (or its directory) does not exist,
 * STORAGE_ERROR for anything else (a directory where a file was expected, no permission, a full disk).
 * The message names the path and keeps Node's code.
 */
function fileError(e, path, what) {
  if (e instanceof TeaVecError || typeof e?.code !== 'string') return e;
  const code = e.code === 'ENOENT' ? 'NOT_FOUND' : 'STORAGE_ERROR';
  const why = {
    ENOENT: 'no such file or directory',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'no space left on the device',
  }[e.code] ?? e.message;
  return new TeaVecError(code, `${what} ${JSON.stringify(path)}: ${why} (${e.code})`);
}

function checkPath(path, what) {
  if (typeof path !== 'string' || path.length === 0) {
    throw new TeaVecError('INVALID_ARGUMENT', `${what} takes a non-empty file path string`);
  }
}

/**
 * Writes `bytes` to `path` so that `path` holds either its old content or all of the new one, never a
 * part: a temporary file in the same directory is written and fsynced, renamed over `path`, and the
 * directory is fsynced so the rename itself survives a crash.
 */
export async function writeFileAtomic(path, bytes) {
  requireNode('saveToFile');
  checkPath(path, 'saveToFile');
  const fs = await import('node:fs/promises');
  const { dirname, basename, join } = await import('node:path');
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${process.hrtime.bigint()}.tmp`);
  try {
    const file = await fs.open(temp, 'wx');
    try {
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await fs.rename(temp, path);
    } catch (e) {
      await fs.rm(temp, { force: true });
      throw e;
    }
    await syncDirectory(fs, dir);
  } catch (e) {
    throw fileError(e, path, 'saveToFile');
  }
}

async function syncDirectory(fs, dir) {
  let handle;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (e) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'ENOTSUP'].includes(e.code)) throw e;
  } finally {
    await handle?.close();
  }
}

export async function readFileBytes(path) {
  requireNode('loadFromFile');
  checkPath(path, 'loadFromFile');
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path);
  } catch (e) {
    throw fileError(e, path, 'loadFromFile');
  }
}
