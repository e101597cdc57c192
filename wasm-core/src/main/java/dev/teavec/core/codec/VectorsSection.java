package dev.teavec.core.codec;

import dev.teavec.core.encoding.StoredVectors;
import dev.teavec.core.encoding.VectorEncoding;
import dev.teavec.core.encoding.VectorEncodings;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * Section VECTORS (format version 3): the stored vectors, as their encoding writes them, after the
 * encoding's name and format version (docs/format.md). A name this build does not know, or a newer
 * version, is SNAPSHOT_TOO_NEW.
 */
final class VectorsSection implements SectionPayload {
    private final StoredVectors vectors;

    VectorsSection(StoredVectors vectors) {
        this.vectors = vectors;
    }

    @Override
    public int id() {
        return SectionIds.VECTORS;
    }

    @Override
    public long size() {
        return Names.size(vectors.encoding().name()) + 2 + vectors.stateSize();
    }

    @Override
    public void write(SnapshotWriter out) {
        Names.write(out, vectors.encoding().name());
        out.u16(vectors.encoding().formatVersion());
        vectors.writeState(out);
    }

    /** The {@code count} vectors of an index of {@code config}, kept where {@code storage} puts them. */
    static StoredVectors read(SnapshotReader in, IndexConfig config, int count, VectorStorageFactory storage) {
        int at = in.position();
        String name = Names.read(in, "vector encoding");
        VectorEncoding encoding = VectorEncodings.BUILT_IN.find(name);
        if (encoding == null || !encoding.name().equals(name)) {
            throw in.tooNew(at, VectorEncodings.BUILT_IN.unknownReason(name));
        }
        int versionAt = in.position();
        int version = in.u16("encoding format version");
        if (version < 1) {
            throw in.corrupt(versionAt, "encoding format version 0");
        }
        if (version > encoding.formatVersion()) {
            throw in.tooNew(versionAt, "vector encoding '" + name + "' format version " + version
                    + "; this TeaVec reads " + name + " format 1.." + encoding.formatVersion());
        }
        StoredVectors vectors = encoding.read(config, version, count, in, storage);
        in.expectEnd();
        return vectors;
    }
}
