package dev.teavec.core.codec;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * How a decoder fails: CORRUPT_SNAPSHOT, saying what was wrong and at which byte; or SNAPSHOT_TOO_NEW
 * when intact bytes were written in a format newer than this build reads (upgrade, not damage).
 */
final class Corrupt {
    private Corrupt() {
    }

    static TeaVecException tooNew(int offset, String problem) {
        return new TeaVecException(ErrorCode.SNAPSHOT_TOO_NEW, problem + " (at byte " + offset + ")");
    }

    static TeaVecException at(int offset, String problem) {
        return new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, problem + " (at byte " + offset + ")");
    }
}
