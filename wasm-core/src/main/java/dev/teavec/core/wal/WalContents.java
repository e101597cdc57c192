package dev.teavec.core.wal;

import java.util.Collections;
import java.util.List;

/** A log as read back: the records to apply after the checkpoint, in order, and the recovery report. */
public final class WalContents {
    private final List<WalRecord> records;
    private final WalRecovery recovery;

    WalContents(List<WalRecord> records, WalRecovery recovery) {
        this.records = Collections.unmodifiableList(records);
        this.recovery = recovery;
    }

    /** Records after the checkpoint, every one valid and each following the previous. */
    public List<WalRecord> records() {
        return records;
    }

    public WalRecovery recovery() {
        return recovery;
    }
}
