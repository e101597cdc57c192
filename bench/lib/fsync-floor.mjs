// The floor of a durable append on Node files: a positional write of `size` bytes at the end of a file, then
// fdatasync — the same fs calls TeaVec's file log makes per record. Shared by bench/wal.mjs and
// bench/durable-write.mjs.
import { openSync, closeSync, write, fdatasync } from 'node:fs';
import { promisify } from 'node:util';

const writeAsync = promisify(write);
const syncAsync = promisify(fdatasync);

/** A fresh file at `path`; append() writes `size` bytes at its end and resolves once fdatasync returned. */
export function bareFileAppender(path, size) {
  const fd = openSync(path, 'w');
  const bytes = new Uint8Array(size);
  let at = 0;
  return {
    async append() {
      at += await writeAsync(fd, bytes, 0, bytes.length, at);
      await syncAsync(fd);
    },
    close: () => closeSync(fd),
  };
}
