package dev.teavec.core.codec;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.VectorIndex;

/**
 * A database snapshot: named collections, each a complete index snapshot (docs/format.md, "Database
 * container"). {@link #encode} writes them in the order given; {@link #decode} validates the container
 * and every collection, sharing one decode budget, and fails only with CORRUPT_SNAPSHOT.
 */
public final class DatabaseSnapshot {
    private final String[] names;
    private final VectorIndex[] indexes;

    DatabaseSnapshot(String[] names, VectorIndex[] indexes) {
        this.names = names;
        this.indexes = indexes;
    }

    public static SnapshotBytes encode(String[] names, VectorIndex[] indexes) {
        if (names.length != indexes.length) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, names.length + " names for " + indexes.length + " collections");
        }
        if (names.length > SnapshotLimits.MAX_COLLECTIONS) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "a database holds at most "
                    + SnapshotLimits.MAX_COLLECTIONS + " collections");
        }
        byte[][] raw = new byte[names.length][];
        SectionPayload[][] nested = new SectionPayload[names.length][];
        for (int i = 0; i < names.length; i++) {
            raw[i] = CollectionsSection.utf8(names[i]);
            if (raw[i].length < 1 || raw[i].length > SnapshotLimits.MAX_NAME_BYTES) {
                throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "collection names take 1.."
                        + SnapshotLimits.MAX_NAME_BYTES + " UTF-8 bytes, got " + raw[i].length);
            }
            for (int j = 0; j < i; j++) {
                if (names[j].equals(names[i])) {
                    throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "collection '" + names[i] + "' appears twice");
                }
            }
            nested[i] = IndexSnapshot.sections(indexes[i]);
        }
        return SnapshotWriter.encode(SnapshotWriter.KIND_DATABASE,
                new SectionPayload[] {new CollectionsSection(raw, nested)});
    }

    public static DatabaseSnapshot decode(SnapshotBytes bytes) {
        return decode(bytes, SnapshotLimits.DEFAULT);
    }

    public static DatabaseSnapshot decode(SnapshotBytes bytes, SnapshotLimits limits) {
        SnapshotLayout layout = SnapshotLayout.parse(bytes, 0, bytes.length(), SnapshotWriter.KIND_DATABASE);
        return CollectionsSection.read(layout.section(SectionIds.COLLECTIONS), bytes, limits.budgetFor(bytes.length()));
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public VectorIndex index(int i) {
        return indexes[i];
    }
}
