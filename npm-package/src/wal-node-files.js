// Node's file system as the engine's file log storage calls it (js-bindings wal/NodeFiles.java). Node-only:
// reached through src/node-platform.js (the package's `#teavec-node` import under the `node` condition).
import * as fs from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './node-files.js';

const promised = (fn) => (...args) => new Promise((resolve, reject) => {
  fn(...args, (error, value) => (error ? reject(error) : resolve(value)));
});

/** The NodeFiles object for the engine: every method returns a promise; failures are Node's errors (e.code). */
export async function nodeFiles() {
  const write = promised(fs.write);
  const fdatasync = promised(fs.fdatasync);
  const fsync = promised(fs.fsync);
  const open = promised(fs.open);
  const close = promised(fs.close);

  async function syncDir(dir) {
    let fd;
    try {
      fd = await open(dir, 'r');
      await fsync(fd);
    } catch (e) {
      // Some platforms (Windows) cannot open or fsync a directory; renames and creations are still atomic there.
      if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'ENOTSUP'].includes(e.code)) throw e;
    } finally {
      if (fd !== undefined) await close(fd);
    }
  }

  return {
    async mkdir(dir) {
      const first = await fs.promises.mkdir(dir, { recursive: true });
      // A new directory's name is durable once its parent is synced; `first` is the topmost one created.
      if (first !== undefined) await syncDir(dirname(first));
    },
    list: (dir) => fs.promises.readdir(dir),
    open: (path, flags) => open(path, flags),
    size: async (fd) => (await promised(fs.fstat)(fd)).size,
    async write(fd, bytes, position) {
      for (let done = 0; done < bytes.length;) {
        done += await write(fd, bytes, done, bytes.length - done, position + done);
      }
      await fdatasync(fd);
    },
    async truncate(fd, length) {
      await promised(fs.ftruncate)(fd, length);
      await fdatasync(fd);
    },
    close: (fd) => close(fd),
    async read(path) {
      try {
        const b = await fs.promises.readFile(path);
        return new Int8Array(b.buffer, b.byteOffset, b.byteLength);
      } catch (e) {
        if (e.code === 'ENOENT') return null;
        throw e;
      }
    },
    writeAtomic: (path, header, body) => writeFileAtomic(path, [header, body]),
    async remove(path) {
      await fs.promises.rm(path, { force: true });
    },
    syncDir,
  };
}
