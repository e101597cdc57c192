package dev.teavec.core.db;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * User keys (string ids) ↔ engine ids, both ways, for live vectors only, in three primitive arrays: the keys'
 * characters in a byte arena, each id's arena offset, and an open-addressing table of ids by key hash.
 *
 * <p>Why: a million keys as {@code HashMap<String, Integer>} plus a String per id cost ~240 bytes each in
 * TeaVM's Wasm GC output (String, char[] wrapper and data, map entry, boxed Integer: measured with a V8 heap
 * snapshot); here a key costs its UTF-8 bytes plus 9–20 (length, offset, table slot, growth room).
 *
 * <p>Layout: a key is its byte length as a varint, then each UTF-16 unit on its own in 1–3 bytes (the UTF-8
 * forms of U+0000–U+FFFF, surrogates included, as CESU-8 does), so every Java string, lone surrogates too,
 * round-trips exactly. A removed key's bytes stay in the arena until they outweigh the live ones, then the
 * arena is rewritten. The table holds id + 1 (0 = empty), linear probing, at most 3/4 full, and deletes by
 * shifting later entries back (no tombstones), so a lookup stops at the first empty slot.
 */
public final class KeyIndex {
    public static final int MAX_KEY_LENGTH = 4096;
    private static final int MAX_KEY_BYTES = 3 * MAX_KEY_LENGTH;
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

    public static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a key must be a non-empty string");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT,
                    "a key must have at most " + MAX_KEY_LENGTH + " characters, got " + key.length());
        }
    }

    /** The id of {@code key}, or -1 when no live vector has it. */
    public int idOf(String key) {
        if (key == null || key.length() > MAX_KEY_LENGTH) {
            return -1;
        }
        return find(key.hashCode(), encodeProbe(key));
    }

    /** The id whose key is the probe's {@code length} bytes, or -1. */
    private int find(int hash, int length) {
        int mask = table.length - 1;
        for (int slot = mix(hash) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            int id = table[slot] - 1;
            if (sameBytes(startById[id] - 1, length)) {
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
        pos += varintSize(length);
        int end = pos + length;
        char[] chars = new char[length];
        int n = 0;
        while (pos < end) {
            int b = arena[pos] & 0xFF;
            if (b < 0x80) {
                chars[n++] = (char) b;
                pos++;
            } else if (b < 0xE0) {
                chars[n++] = (char) (((b & 0x1F) << 6) | (arena[pos + 1] & 0x3F));
                pos += 2;
            } else {
                chars[n++] = (char) (((b & 0x0F) << 12) | ((arena[pos + 1] & 0x3F) << 6) | (arena[pos + 2] & 0x3F));
                pos += 3;
            }
        }
        return new String(chars, 0, n);
    }

    /** Binds a key that is not yet bound to an id that has no key. */
    public void put(String key, int id) {
        assert key != null && !key.isEmpty() && key.length() <= MAX_KEY_LENGTH : "an unchecked key";
        int length = encodeProbe(key);
        if (id < 0 || (id < startById.length && startById[id] != 0) || find(key.hashCode(), length) >= 0) {
            throw new IllegalStateException("key '" + key + "' or id " + id + " is already bound");
        }
        if ((count + 1) * 4L > table.length * 3L) {
            rehash(table.length * 2);
        }
        if (id >= startById.length) {
            int[] grown = new int[Math.max(id + 1, startById.length * 2)];
            System.arraycopy(startById, 0, grown, 0, startById.length);
            startById = grown;
        }
        int start = append(length);
        startById[id] = start + 1;
        insert(id, key.hashCode());
        count++;
    }

    /** Unbinds the key of {@code id}; returns it, or null when it had none. */
    public String remove(int id) {
        String key = keyOf(id);
        if (key == null) {
            return null;
        }
        int mask = table.length - 1;
        int slot = mix(key.hashCode()) & mask;
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

    /** The arena, table and offsets agree: every keyed id is found by its key, and every byte is accounted for. */
    void checkIntegrity() {
        int keyed = 0;
        long liveBytes = 0;
        for (int id = 0; id < startById.length; id++) {
            if (startById[id] == 0) {
                continue;
            }
            keyed++;
            int start = startById[id] - 1;
            if (start < 0 || start >= arenaEnd) {
                throw new IllegalStateException("id " + id + " has its key at " + start + ", outside the arena's " + arenaEnd + " bytes");
            }
            int length = varint(start);
            liveBytes += varintSize(length) + length;
            String key = keyOf(id);
            if (idOf(key) != id) {
                throw new IllegalStateException("id " + id + " has key '" + key + "' which maps to " + idOf(key));
            }
        }
        int slots = 0;
        for (int entry : table) {
            if (entry != 0) {
                slots++;
                int id = entry - 1;
                if (id >= startById.length || startById[id] == 0) {
                    throw new IllegalStateException("the key table holds id " + id + " which has no key");
                }
            }
        }
        if (keyed != count || slots != count) {
            throw new IllegalStateException(count + " keys counted but " + keyed + " keyed ids and " + slots + " table entries");
        }
        if (liveBytes + garbage != arenaEnd) {
            throw new IllegalStateException("the key arena ends at " + arenaEnd + " but holds " + liveBytes
                    + " live and " + garbage + " removed bytes");
        }
    }

    /** Bytes held: the arrays' lengths (their few header bytes aside). */
    long bytesEstimate() {
        return arena.length + probe.length + 4L * (startById.length + table.length);
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    /** Encodes {@code key} into {@link #probe}; returns its byte length. */
    private int encodeProbe(String key) {
        int need = 3 * key.length();
        if (need > probe.length) {
            probe = new byte[Math.max(need, probe.length * 2)];
        }
        byte[] p = probe;
        int n = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x80) {
                p[n++] = (byte) c;
            } else if (c < 0x800) {
                p[n++] = (byte) (0xC0 | (c >> 6));
                p[n++] = (byte) (0x80 | (c & 0x3F));
            } else {
                p[n++] = (byte) (0xE0 | (c >> 12));
                p[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                p[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return n;
    }

    private boolean sameBytes(int start, int length) {
        if (varint(start) != length) {
            return false;
        }
        int pos = start + varintSize(length);
        byte[] a = arena;
        byte[] p = probe;
        for (int i = 0; i < length; i++) {
            if (a[pos + i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    /** Appends the probe's {@code length} bytes with their length prefix; returns where they start. */
    private int append(int length) {
        int need = arenaEnd + VARINT_BYTES + length;
        if (need > arena.length) {
            byte[] grown = new byte[Math.max(need, arena.length + (arena.length >> 1))];
            System.arraycopy(arena, 0, grown, 0, arenaEnd);
            arena = grown;
        }
        int start = arenaEnd;
        int pos = start;
        if (length < 0x80) {
            arena[pos++] = (byte) length;
        } else {
            arena[pos++] = (byte) (0x80 | (length & 0x7F));
            arena[pos++] = (byte) (length >>> 7);
        }
        System.arraycopy(probe, 0, arena, pos, length);
        arenaEnd = pos + length;
        return start;
    }

    private int varint(int pos) {
        int b = arena[pos] & 0xFF;
        return b < 0x80 ? b : (b & 0x7F) | ((arena[pos + 1] & 0xFF) << 7);
    }

    private static int varintSize(int length) {
        assert length <= MAX_KEY_BYTES;
        return length < 0x80 ? 1 : 2;
    }

    /** String.hashCode() of the key stored at {@code start}, without making the string. */
    private int hashAt(int start) {
        int length = varint(start);
        int pos = start + varintSize(length);
        int end = pos + length;
        int h = 0;
        while (pos < end) {
            int b = arena[pos] & 0xFF;
            int c;
            if (b < 0x80) {
                c = b;
                pos++;
            } else if (b < 0xE0) {
                c = ((b & 0x1F) << 6) | (arena[pos + 1] & 0x3F);
                pos += 2;
            } else {
                c = ((b & 0x0F) << 12) | ((arena[pos + 1] & 0x3F) << 6) | (arena[pos + 2] & 0x3F);
                pos += 3;
            }
            h = 31 * h + c;
        }
        return h;
    }

    private void insert(int id, int hash) {
        int mask = table.length - 1;
        int slot = mix(hash) & mask;
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
                insert(entry - 1, hashAt(startById[entry - 1] - 1));
            }
        }
    }

    /** Empties {@code hole} and moves back every later entry of its run that may sit there (Knuth's algorithm R). */
    private void shiftBack(int hole) {
        int mask = table.length - 1;
        table[hole] = 0;
        for (int slot = (hole + 1) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            int entry = table[slot];
            int home = mix(hashAt(startById[entry - 1] - 1)) & mask;
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
