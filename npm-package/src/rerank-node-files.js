// The synchronous file access rerank-rows-file.js needs, on Node's fs in a 'file' database's directory.
// Synchronous on purpose: a checkpoint writes its rows in the same turn as its snapshot, and a query reads
// its candidates' rows without yielding (Node: reached through src/node-platform.js only).
import * as fs from 'node:fs';
import { join } from 'node:path';

/** `{ list, exists, open, writeAtomic, remove }` over the directory `dir` (it exists: the log made it). */
export function nodeRowFiles(dir) {
  const syncDir = () => {
    let fd;
    try {
      fd = fs.openSync(dir, 'r');
      fs.fsyncSync(fd);
    } catch (e) {
      if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'ENOTSUP'].includes(e.code)) throw e;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  };
  return {
    list: () => fs.readdirSync(dir),
    exists: (name) => fs.existsSync(join(dir, name)),
    open(name) {
      const fd = fs.openSync(join(dir, name), 'r');
      return {
        size: fs.fstatSync(fd).size,
        read(position, bytes) {
          for (let done = 0; done < bytes.length;) {
            const n = fs.readSync(fd, bytes, done, bytes.length - done, position + done);
            if (n === 0) throw new Error(`${name}: unexpected end of file at ${position + done}`);
            done += n;
          }
        },
        close: () => fs.closeSync(fd),
      };
    },
    /** Whole or absent under `name`: written to a temporary name, synced, renamed, directory synced. */
    writeAtomic(name, write) {
      const tmp = join(dir, `${name}.tmp`);
      const fd = fs.openSync(tmp, 'w');
      try {
        let position = 0;
        write((bytes) => {
          for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
          position += bytes.length;
        });
        fs.fsyncSync(fd);
      } catch (e) {
        fs.closeSync(fd);
        fs.rmSync(tmp, { force: true });
        throw e;
      }
      fs.closeSync(fd);
      fs.renameSync(tmp, join(dir, name));
      syncDir();
    },
    remove: (name) => fs.rmSync(join(dir, name), { force: true }),
  };
}
