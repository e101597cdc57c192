// The core's way to Node's files and threads: the package's own `#teavec-node` import (package.json "imports"),
// which is src/node-platform.js under the `node` condition and src/node-absent.js elsewhere. Loaded (a chunk of its own) only when
// a Node-only function runs, so bundles for browsers and Workers neither hold nor load `node:` modules.
import { TeaVecError } from './errors.js';

const isNode = () => typeof process !== 'undefined' && !!process.versions?.node;

/** The Node platform module, or NOT_SUPPORTED naming `what` and what to do instead. */
export async function nodePlatform(what) {
  const instead = 'elsewhere store toBytes() yourself (IndexedDB, KV, R2, ...) and load it with fromBytes()';
  if (!isNode()) throw new TeaVecError('NOT_SUPPORTED', `${what} needs Node.js; ${instead}`);
  // Fails where teavec.js was loaded without its package.json (copied, or from a URL): no Node code then either.
  const platform = await import('#teavec-node').catch(() => ({}));
  if (!platform.available) {
    throw new TeaVecError('NOT_SUPPORTED', `${what} needs Node.js, and this bundle was built with teavec's `
      + 'browser entry (no "node" export condition) or without its package.json: bundle for Node, or ' + instead);
  }
  return platform;
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

async function onFile(what, path, run) {
  const platform = await nodePlatform(what);
  if (typeof path !== 'string' || path.length === 0) {
    throw new TeaVecError('INVALID_ARGUMENT', `${what} takes a non-empty file path string`);
  }
  try {
    return await run(platform);
  } catch (e) {
    throw fileError(e, path, what);
  }
}

/** Writes `bytes` to `path` atomically (src/node-files.js); failures as TeaVecErrors. */
export const writeFileAtomic = (path, bytes) => onFile('saveToFile', path, (p) => p.writeFileAtomic(path, bytes));

export const readFileBytes = (path) => onFile('loadFromFile', path, (p) => p.readFileBytes(path));
