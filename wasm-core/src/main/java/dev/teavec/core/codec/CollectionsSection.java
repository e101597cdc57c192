package dev.teavec.core.codec;

import dev.teavec.core.index.VectorIndex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Section COLLECTIONS of a database snapshot: the named collections in order, each a UTF-8 name and a
 * complete index snapshot nested in place (its own header, sections and CRCs, so a collection's
 * metadata sections travel inside it).
 */
final class CollectionsSection implements SectionPayload {
    private final byte[][] names;
    private final SectionPayload[][] collections;

    CollectionsSection(byte[][] names, SectionPayload[][] collections) {
        this.names = names;
        this.collections = collections;
    }

    static byte[] utf8(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int id() {
        return SectionIds.COLLECTIONS;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean optional() {
        return false;
    }

    @Override
    public long size() {
        long size = 4;
        for (int i = 0; i < names.length; i++) {
            size += 2 + names[i].length + 4 + SnapshotWriter.snapshotSize(collections[i]);
        }
        return size;
    }

    @Override
    public void write(SnapshotWriter out) {
        out.i32(names.length);
        for (int i = 0; i < names.length; i++) {
            out.u16(names[i].length);
            out.bytes(names[i], 0, names[i].length);
            out.i32((int) SnapshotWriter.snapshotSize(collections[i]));
            out.snapshot(SnapshotWriter.KIND_INDEX, collections[i]);
        }
    }

    /** Reads the names and nested snapshots, decoding each with {@link IndexSnapshot#decodeAt}. */
    static DatabaseSnapshot read(SnapshotReader in, SnapshotBytes bytes, DecodeBudget budget) {
        int count = in.count("collection count", 0, SnapshotLimits.MAX_COLLECTIONS, 2 + 4 + SnapshotWriter.HEADER_BYTES);
        budget.charge(64L * count, "the collection table", in.position());
        String[] names = new String[count];
        VectorIndex[] indexes = new VectorIndex[count];
        for (int i = 0; i < count; i++) {
            int at = in.position();
            int len = in.u16("name length");
            if (len < 1 || len > SnapshotLimits.MAX_NAME_BYTES) {
                throw in.corrupt(at, "collection name of " + len + " bytes, expected 1.." + SnapshotLimits.MAX_NAME_BYTES);
            }
            byte[] raw = new byte[len];
            in.readBytes(raw, 0, len, "collection name");
            String name = new String(raw, StandardCharsets.UTF_8);
            if (!Arrays.equals(utf8(name), raw)) {
                throw in.corrupt(at, "collection name " + i + " is not valid UTF-8");
            }
            for (int j = 0; j < i; j++) {
                if (names[j].equals(name)) {
                    throw in.corrupt(at, "collection '" + name + "' appears twice");
                }
            }
            names[i] = name;
            int lenAt = in.position();
            int nested = in.i32("snapshot length");
            if (nested < SnapshotWriter.HEADER_BYTES || nested > in.remaining()) {
                throw in.corrupt(lenAt, "collection '" + name + "' claims " + (nested & 0xFFFFFFFFL) + " bytes, "
                        + in.remaining() + " are left");
            }
            indexes[i] = IndexSnapshot.decodeAt(bytes, in.position(), nested, budget);
            in.skip(nested, "collection snapshot");
        }
        in.expectEnd();
        return new DatabaseSnapshot(names, indexes);
    }
}
