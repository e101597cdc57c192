package dev.teavec.core.db;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.meta.StringIds;

/** User keys (string ids) ↔ engine ids, both ways, for live vectors only (compact: see {@link StringIds}). */
public final class KeyIndex extends StringIds {
    public static final int MAX_KEY_LENGTH = StringIds.MAX_LENGTH;

    public static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a key must be a non-empty string");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT,
                    "a key must have at most " + MAX_KEY_LENGTH + " characters, got " + key.length());
        }
    }
}
