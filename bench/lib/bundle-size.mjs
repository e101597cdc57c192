// What each library ships to a browser, raw and gzip (level 9, per file, summed, as the package build
// reports TeaVec's own size).
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';

async function walk(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

/** Files under `root` matching `pattern`: a plain path, or `dir/**\/*.ext`. */
async function expand(root, pattern) {
  const star = pattern.indexOf('**/*');
  if (star < 0) return [join(root, pattern)];
  const dir = join(root, pattern.slice(0, star));
  const suffix = pattern.slice(star + 4);
  return (await walk(dir)).filter((f) => f.endsWith(suffix));
}

export async function bundleSize(adapter, { packageDir }) {
  const root = packageDir(adapter.bundle.package);
  const files = [];
  for (const pattern of adapter.bundle.files) files.push(...(await expand(root, pattern)));
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = await readFile(f);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip, files: files.map((f) => relative(root, f)) };
}
