// Snapshots as bytes (docs/format.md): EdgeVec#toBytes/fromBytes and Database#toBytes/fromBytes build on these.
import { requireEngine } from './init.js';
import { TeaVecError } from './errors.js';
import { indexTypeTable } from './index-types.js';

/** Handed to the EdgeVec constructor to wrap an engine index loaded from a snapshot. */
export const RESTORED = Symbol('teavec.restoredIndex');

/** The snapshot of an engine index or database, as a Uint8Array sharing the engine's returned buffer (no copy). */
export function snapshotOf(native) {
  const bytes = native.toBytes();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Validates `bytes` and loads it into the engine; returns what the EdgeVec constructor takes. `crcVerified`:
 * a log storage already verified a CRC-32 over exactly these bytes (a checkpoint), so the engine does not
 * checksum them again; every other check still runs.
 */
export function restoredFrom(bytes, crcVerified = false) {
  // A checkpoint may come in pieces (wal-store.js), which the engine reads as they are.
  const view = crcVerified && bytes.pieces ? bytes : asInt8Array(bytes);
  return { [RESTORED]: requireEngine().indexFromBytes(view, indexTypeTable, crcVerified ? 1 : 0) };
}

/** The bytes as the engine takes them (no copy); INVALID_ARGUMENT for anything but bytes. */
export function asInt8Array(bytes) {
  if (bytes instanceof ArrayBuffer) return new Int8Array(bytes);
  if (ArrayBuffer.isView(bytes)) {
    // Any typed array or DataView (a Node Buffer is a Uint8Array): reinterpret its bytes, no copy.
    return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  const kind = bytes === null ? 'null' : typeof bytes === 'object' ? bytes.constructor?.name ?? 'an object' : typeof bytes;
  throw new TeaVecError('INVALID_ARGUMENT', `fromBytes takes an ArrayBuffer or an ArrayBufferView (Uint8Array, Buffer, DataView, …), got ${kind}`);
}
