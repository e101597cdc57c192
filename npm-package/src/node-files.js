// Atomic snapshot files for Node. Node-only: reached through src/node-platform.js, which the package's
// `#teavec-node` import resolves to under the `node` condition only (see src/files.js). Failures are Node's
// errors (e.code); src/files.js turns them into TeaVecErrors.
import * as fs from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/**
 * Writes `bytes` to `path` so that `path` holds either its old content or all of the new one, never a
 * part: a temporary file in the same directory is written and fsynced, renamed over `path`, and the
 * directory is fsynced so the rename itself survives a crash.
 */
export async function writeFileAtomic(path, bytes) {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${process.hrtime.bigint()}.tmp`);
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
  await syncDirectory(dir);
}

async function syncDirectory(dir) {
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

/** The bytes of a file, by path or file: URL. */
export function readFileBytes(pathOrUrl) {
  return fs.readFile(pathOrUrl);
}
