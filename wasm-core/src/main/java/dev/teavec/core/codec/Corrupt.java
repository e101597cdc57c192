package dev.teavec.core.codec;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/** The one way a decoder fails: CORRUPT_SNAPSHOT, saying what was wrong and at which byte. */
final class Corrupt {
    private Corrupt() {
    }

    static TeaVecException at(int offset, String problem) {
        return new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, problem + " (at byte " + offset + ")");
    }
}
