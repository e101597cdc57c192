// TEXMEX .fvecs / .ivecs files (SIFT, GIST, ann-benchmarks): per record a little-endian int32 d, then d float32
// (or int32) values. Returns { count, dimensions, data } with the records laid end to end.
import { readFile } from 'node:fs/promises';

export async function readVecs(path, kind = 'f') {
  const bytes = await readFile(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 4) throw new Error(`${path}: empty`);
  const dimensions = view.getInt32(0, true);
  const record = 4 + 4 * dimensions;
  if (dimensions <= 0 || bytes.byteLength % record !== 0) {
    throw new Error(`${path}: ${bytes.byteLength} bytes is not a whole number of ${dimensions}-d records`);
  }
  const count = bytes.byteLength / record;
  const data = kind === 'f' ? new Float32Array(count * dimensions) : new Int32Array(count * dimensions);
  for (let i = 0; i < count; i++) {
    const at = i * record;
    if (view.getInt32(at, true) !== dimensions) throw new Error(`${path}: record ${i} is not ${dimensions}-d`);
    for (let j = 0; j < dimensions; j++) {
      data[i * dimensions + j] = kind === 'f' ? view.getFloat32(at + 4 + 4 * j, true) : view.getInt32(at + 4 + 4 * j, true);
    }
  }
  return { count, dimensions, data };
}

export const readFvecs = (path) => readVecs(path, 'f');
export const readIvecs = (path) => readVecs(path, 'i');
