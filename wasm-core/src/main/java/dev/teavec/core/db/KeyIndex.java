package dev.teavec.core.db;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.meta.IdTable;
import java.util.HashMap;
import java.util.Map;

/** User keys (string ids) ↔ engine ids, both ways, for live vectors only. */
public final class KeyIndex {
    public static final int MAX_KEY_LENGTH = 4096;

    private final Map<String, Integer> idByKey = new HashMap<>();
    private final IdTable<String> keyById = new IdTable<>();

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
        Integer id = key == null ? null : idByKey.get(key);
        return id == null ? -1 : id;
    }

    /** The key of {@code id}, or null. */
    public String keyOf(int id) {
        return keyById.get(id);
    }

    /** Binds a key that is not yet bound to an id that has no key. */
    public void put(String key, int id) {
        if (idByKey.containsKey(key) || keyById.get(id) != null) {
            throw new IllegalStateException("key '" + key + "' or id " + id + " is already bound");
        }
        idByKey.put(key, id);
        keyById.put(id, key);
    }

    /** Unbinds the key of {@code id}; returns it, or null when it had none. */
    public String remove(int id) {
        String key = keyById.remove(id);
        if (key != null) {
            idByKey.remove(key);
        }
        return key;
    }

    public int size() {
        return keyById.count();
    }

    /** Ids that have a key, ascending: with {@link #keyOf}, the whole state for a snapshot. */
    public int[] ids() {
        return keyById.ids();
    }

    void checkIntegrity() {
        if (idByKey.size() != keyById.count()) {
            throw new IllegalStateException(idByKey.size() + " keys but " + keyById.count() + " keyed ids");
        }
        for (int id : keyById.ids()) {
            Integer back = idByKey.get(keyById.get(id));
            if (back == null || back != id) {
                throw new IllegalStateException("id " + id + " has key '" + keyById.get(id) + "' which maps to " + back);
            }
        }
    }

    long bytesEstimate() {
        long b = 4L * keyById.idLimit();
        for (int id : keyById.ids()) {
            b += 96 + 2L * keyById.get(id).length();
        }
        return b;
    }
}
