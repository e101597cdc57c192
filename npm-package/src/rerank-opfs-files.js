// The synchronous file access rerank-rows-file.js needs, in OPFS (dedicated workers): synchronous access handles
// can read, write and flush without yielding, but not create, rename or remove a file. So three slot files are
// opened (created) with the database, and each named rows file (rerank-<seq>.tvrr) lives in one of them: a slot
// is claimed by zeroing its magic (flushed), writing the body, then the header (flushed); "removing" zeroes the
// magic again. A slot whose magic is not there holds nothing. docs/format.md "Re-ranking rows files".
import { TeaVecError } from './errors.js';

const SLOTS = 3;
const MAGIC = 0x52524654;
const ROOT = 'teavec-db';
// As the log's OPFS storage names the database's directory (js-bindings wal/OpfsHandles#encodeName).
const encodeName = (name) => encodeURIComponent(name).replace(/\./g, '%2E');
const nameOf = (seq) => `rerank-${String(seq).padStart(16, '0')}.tvrr`;

/** Opens the slots of database `name` (async: before recovery); `close()` releases them. */
export async function opfsRowFiles(name) {
  const root = await navigator.storage.getDirectory();
  const dir = await (await root.getDirectoryHandle(ROOT, { create: true })).getDirectoryHandle(encodeName(name), { create: true });
  const handles = [];
  try {
    for (let i = 0; i < SLOTS; i++) {
      const file = await dir.getFileHandle(`rerank-slot-${i}.tvrr`, { create: true });
      handles.push(await file.createSyncAccessHandle());
    }
  } catch (e) {
    for (const h of handles) h.close();
    throw new TeaVecError('STORAGE_ERROR', `opfs ${ROOT}/${name}: cannot open the re-ranking rows slots (${e?.message ?? e})`);
  }
  return slotFiles(handles);
}

/** The name-based interface over slot handles (exported for tests with other synchronous handles). */
export function slotFiles(handles) {
  const head = new Uint8Array(24);
  const view = new DataView(head.buffer);
  // Which named rows file each slot holds (null: none), read from the headers once.
  const held = handles.map((h) => {
    if (h.getSize() < 24) return null;
    h.read(head, { at: 0 });
    return view.getUint32(0, true) === MAGIC ? nameOf(view.getFloat64(16, true)) : null;
  });
  const slotOf = (name) => held.indexOf(name);
  const clear = (slot) => {
    handles[slot].write(new Uint8Array(4), { at: 0 });
    handles[slot].flush();
    held[slot] = null;
  };
  return {
    list: () => held.filter((n) => n !== null),
    exists: (name) => slotOf(name) >= 0,
    open(name) {
      const h = handles[slotOf(name)];
      return {
        size: h.getSize(),
        read(position, bytes) {
          if (h.read(bytes, { at: position }) !== bytes.length) throw new Error(`${name}: unexpected end at ${position}`);
        },
        // The slot stays open with the database.
        close() {},
      };
    },
    writeAtomic(name, write) {
      // A slot left holding this name (a checkpoint that never became durable, of other contents) goes first.
      for (let s = slotOf(name); s >= 0; s = slotOf(name)) clear(s);
      // A free slot, else the oldest held one (the tier keeps at most two: the current and the previous checkpoint's).
      let slot = held.indexOf(null);
      if (slot < 0) slot = held.indexOf([...held].sort()[0]);
      clear(slot);
      const h = handles[slot];
      let position = 0;
      let header = null;
      write((bytes) => {
        // The header (first bytes written) goes last: until then the slot has no magic.
        if (position === 0) {
          header = bytes.slice();
          h.write(new Uint8Array(bytes.length), { at: 0 });
        } else {
          h.write(bytes, { at: position });
        }
        position += bytes.length;
      });
      h.truncate(position);
      h.flush();
      h.write(header, { at: 0 });
      h.flush();
      held[slot] = name;
    },
    remove(name) {
      const slot = slotOf(name);
      if (slot >= 0) clear(slot);
    },
    close() {
      for (const h of handles) h.close();
    },
  };
}
