package dev.teavec.core.meta;

import dev.teavec.core.codec.Wtf8Text;

/**
 * Strings ↔ int ids, both ways, in three primitive arrays: the strings' characters in a byte arena, each id's
 * arena offset, and an open-addressing table of ids by string hash. Ids are small non-negative ints (the offsets
 * are indexed by id). The user keys of a collection ({@code db.KeyIndex}), metadata key names ({@link KeyTable})
 * and a batch's duplicate check use it, so the core .wasm carries no HashMap.
 *
 * <p>Why: a million keys as {@code HashMap<String, Integer>} plus a String per id cost ~240 bytes each in
 * TeaVM's Wasm GC output (String, char[] wrapper and data, map entry, boxed Integer: measured with a V8 heap
 * snapshot); here a string costs its UTF-8 bytes plus 9–20 (length, offset, table slot, growth room).
 *
 * <p>Layout: a string is its byte length as a varint, then its text in the snapshots' WTF-8 ({@link Wtf8Text}:
 * UTF-8 that also carries lone surrogates), so every Java string round-trips exactly and the .wasm holds one
 * coder. A removed string's bytes stay in the arena until they outweigh the live ones, then the arena is
 * rewritten. The table holds id + 1 (0 = empty), linear probing, at most 3/4 full, and deletes by shifting
 * later entries back (no tombstones), so a lookup stops at the first empty slot. Strings are hashed and compared
 * by their encoded bytes (the encoding is canonical: equal strings, equal bytes), so neither a lookup, a rehash,
 * the integrity check nor a bulk load from a snapshot ({@link #putEncoded}) builds a String.
 */
public class StringIds {
    /** The longest string held, in UTF-16 units (a length prefix takes at most 2 bytes). */
    public static final int MAX_LENGTH = 4096;
    private static final int MAX_BYTES = 3 * MAX_LENGTH;
    private static final int VARINT_BYTES = 2;

    private byte[] arena = new byte[64];
    private int arenaEnd;
    /** Arena bytes of removed keys. */
    private int garbage;
    /** Per id: 1 + the arena offset of its key, or 0 when the id has no key. */
    private int[] startById = new int[16];
    private int[] table = new int[16];
    private int count;
    /** The key being looked up, encoded as in the arena (no length prefix). */
    private byte[] probe = new byte[64];

    /** The id of {@code key}, or -1 when none has it. */
    public int idOf(String key) {
        if (key == null || key.length() > MAX_LENGTH) {
            return -1;
        }
        int length = encodeProbe(key);
        return find(hash(probe, 0, length), probe, 0, length);
    }

    /** The id whose key is the encoded {@code text[off..off + length)}, or -1. */
    private int find(int hash, byte[] text, int off, int length) {
        int mask = table.length - 1;
        for (int slot = hash & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            int id = table[slot] - 1;
            if (sameBytes(startById[id] - 1, text, off, length)) {
                return id;
            }
        }
        return -1;
    }

    /** The key of {@code id}, or null. */
    public String keyOf(int id) {
        if (id < 0 || id >= startById.length || startById[id] == 0) {
            return null;
        }
        int pos = startById[id] - 1;
        int length = varint(pos);
        return Wtf8Text.decode(arena, pos + varintSize(length), length, 0, MAX_LENGTH, "a string");
    }

    /** Binds a key that is not yet bound to an id that has no key. */
    public void put(String key, int id) {
        assert key != null && key.length() <= MAX_LENGTH : "an unchecked string";
        int length = encodeProbe(key);
        bind(probe, 0, length, id);
    }

    /**
     * Binds the key whose encoding (WTF-8, as {@link Wtf8Text} writes it) is {@code text[off..off + length)} to
     * {@code id}, as {@link #put} would bind the decoded key: for a bulk load of stored keys, which builds no String.
     * The caller has checked that the bytes decode, to at most {@link #MAX_LENGTH} units.
     */
    public void putEncoded(byte[] text, int off, int length, int id) {
        assert length <= MAX_BYTES && Wtf8Text.units(text, off, length) >= 0 : "unchecked bytes";
        bind(text, off, length, id);
    }

    /**
     * Makes room for {@code keys} more keys of {@code bytes} encoded bytes in all and for ids below {@code idLimit},
     * so that a bulk load neither rehashes nor regrows; holds no more than putting them one by one would.
     */
    public void reserve(int keys, int bytes, int idLimit) {
        int slots = table.length;
        while ((count + (long) keys) * 4L > slots * 3L) {
            slots *= 2;
        }
        if (slots > table.length) {
            rehash(slots);
        }
        // Each key takes its bytes and a length prefix of 1 or 2 (VARINT_BYTES at most, counted by the caller).
        if (arenaEnd + bytes > arena.length) {
            growArena(arenaEnd + bytes);
        }
        if (idLimit > startById.length) {
            growIds(idLimit);
        }
    }

    private void bind(byte[] text, int off, int length, int id) {
        int hash = hash(text, off, length);
        if (id < 0 || (id < startById.length && startById[id] != 0) || find(hash, text, off, length) >= 0) {
            String key = Wtf8Text.decode(text, off, length, 0, MAX_LENGTH, "a string");
            throw new IllegalStateException("key '" + key + "' or id " + id + " is already bound");
        }
        if ((count + 1) * 4L > table.length * 3L) {
            rehash(table.length * 2);
        }
        if (id >= startById.length) {
            growIds(Math.max(id + 1, startById.length * 2));
        }
        int start = append(text, off, length);
        startById[id] = start + 1;
        insert(id, hash);
        count++;
    }

    /** Unbinds the key of {@code id}; returns it, or null when it had none. */
    public String remove(int id) {
        String key = keyOf(id);
        if (key == null) {
            return null;
        }
        int mask = table.length - 1;
        int slot = hashOfId(id) & mask;
        while (table[slot] != id + 1) {
            slot = (slot + 1) & mask;
        }
        int start = startById[id] - 1;
        int length = varint(start);
        garbage += varintSize(length) + length;
        startById[id] = 0;
        count--;
        shiftBack(slot);
        if (garbage > 4096 && garbage > arenaEnd / 2) {
            compactArena();
        }
        return key;
    }

    public int size() {
        return count;
    }

    /** Ids that have a key, ascending: with {@link #keyOf}, the whole state for a snapshot. */
    public int[] ids() {
        int[] out = new int[count];
        int n = 0;
        for (int id = 0; id < startById.length && n < count; id++) {
            if (startById[id] != 0) {
                out[n++] = id;
            }
        }
        return out;
    }

    /**
     * The arena, table and offsets agree: every keyed id is found by its key, every key's bytes decode, and every
     * byte is accounted for.
     */
    public void checkIntegrity() {
        int keyed = 0;
        long bytes = garbage;
        for (int id = 0; id < startById.length; id++) {
            int start = startById[id] - 1;
            if (start >= 0) {
                keyed++;
                int length = varint(start);
                int text = start + varintSize(length);
                bytes += text - start + length;
                int units = Wtf8Text.units(arena, text, length);
                if (units < 0 || units > MAX_LENGTH) {
                    throw new IllegalStateException("the key of id " + id + " is not a string's encoding");
                }
                if (find(hash(arena, text, length), arena, text, length) != id) {
                    throw new IllegalStateException("the key of id " + id + " does not map back to it");
                }
            }
        }
        int slots = 0;
        for (int entry : table) {
            if (entry != 0 && (entry - 1 >= startById.length || startById[entry - 1] == 0)) {
                throw new IllegalStateException("the key table holds id " + (entry - 1) + ", which has no key");
            }
            slots += entry != 0 ? 1 : 0;
        }
        if (keyed != count || slots != count || bytes != arenaEnd) {
            throw new IllegalStateException("string ids: " + count + " keys, " + keyed + " keyed ids, " + slots
                    + " table entries, " + bytes + " of " + arenaEnd + " arena bytes accounted for");
        }
    }

    /** Bytes held: the arrays' lengths (their few header bytes aside). */
    public long bytesEstimate() {
        return arena.length + probe.length + 4L * (startById.length + table.length);
    }

    /** The table hash of an encoded string: its bytes as String.hashCode does its chars, then mixed. */
    private static int hash(byte[] text, int off, int length) {
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + text[off + i];
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    /** Encodes {@code key} into {@link #probe}; returns its byte length. */
    private int encodeProbe(String key) {
        if (3 * key.length() > probe.length) {
            probe = new byte[Math.max(3 * key.length(), probe.length * 2)];
        }
        return Wtf8Text.encode(key, probe, 0);
    }

    /** The table hash of the key of {@code id}, which has one. */
    private int hashOfId(int id) {
        int start = startById[id] - 1;
        int length = varint(start);
        return hash(arena, start + varintSize(length), length);
    }

    private boolean sameBytes(int start, byte[] text, int off, int length) {
        if (varint(start) != length) {
            return false;
        }
        int pos = start + varintSize(length);
        byte[] a = arena;
        for (int i = 0; i < length; i++) {
            if (a[pos + i] != text[off + i]) {
                return false;
            }
        }
        return true;
    }

    /** Appends {@code text[off..off + length)} with its length prefix; returns where it starts. */
    private int append(byte[] text, int off, int length) {
        int need = arenaEnd + VARINT_BYTES + length;
        if (need > arena.length) {
            growArena(Math.max(need, arena.length + (arena.length >> 1)));
        }
        int start = arenaEnd;
        int pos = start;
        if (length < 0x80) {
            arena[pos++] = (byte) length;
        } else {
            arena[pos++] = (byte) (0x80 | (length & 0x7F));
            arena[pos++] = (byte) (length >>> 7);
        }
        System.arraycopy(text, off, arena, pos, length);
        arenaEnd = pos + length;
        return start;
    }

    private int varint(int pos) {
        int b = arena[pos] & 0xFF;
        return b < 0x80 ? b : (b & 0x7F) | ((arena[pos + 1] & 0xFF) << 7);
    }

    private static int varintSize(int length) {
        assert length <= MAX_BYTES;
        return length < 0x80 ? 1 : 2;
    }

    private void growArena(int length) {
        byte[] grown = new byte[length];
        System.arraycopy(arena, 0, grown, 0, arenaEnd);
        arena = grown;
    }

    private void growIds(int length) {
        int[] grown = new int[length];
        System.arraycopy(startById, 0, grown, 0, startById.length);
        startById = grown;
    }

    private void insert(int id, int hash) {
        int mask = table.length - 1;
        int slot = hash & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = id + 1;
    }

    private void rehash(int slots) {
        int[] old = table;
        table = new int[slots];
        for (int entry : old) {
            if (entry != 0) {
                insert(entry - 1, hashOfId(entry - 1));
            }
        }
    }

    /** Empties {@code hole} and moves back every later entry of its run that may sit there (Knuth's algorithm R). */
    private void shiftBack(int hole) {
        int mask = table.length - 1;
        table[hole] = 0;
        for (int slot = (hole + 1) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            int entry = table[slot];
            int home = hashOfId(entry - 1) & mask;
            // The entry may fill the hole unless its home lies cyclically in (hole, slot].
            boolean homeAfterHole = hole <= slot ? (hole < home && home <= slot) : (hole < home || home <= slot);
            if (!homeAfterHole) {
                table[hole] = entry;
                table[slot] = 0;
                hole = slot;
            }
        }
    }

    private void compactArena() {
        byte[] fresh = new byte[Math.max(64, arenaEnd - garbage + (arenaEnd - garbage) / 4)];
        int end = 0;
        for (int id = 0; id < startById.length; id++) {
            if (startById[id] == 0) {
                continue;
            }
            int start = startById[id] - 1;
            int length = varint(start);
            int size = varintSize(length) + length;
            System.arraycopy(arena, start, fresh, end, size);
            startById[id] = end + 1;
            end += size;
        }
        arena = fresh;
        arenaEnd = end;
        garbage = 0;
    }
}
