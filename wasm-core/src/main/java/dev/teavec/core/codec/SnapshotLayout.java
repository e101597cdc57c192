package dev.teavec.core.codec;

/**
 * The checked outline of one snapshot: its header and the frame of every section, each CRC verified,
 * before any payload is decoded. Duplicate sections are CORRUPT_SNAPSHOT; unknown required sections,
 * unknown flags and newer format versions (intact bytes: their CRCs held) are SNAPSHOT_TOO_NEW; unknown
 * optional sections are skipped.
 */
final class SnapshotLayout {
    /** For {@link #readHeader}: a snapshot of either kind. */
    static final int ANY_KIND = 0;

    private final SnapshotBytes bytes;
    private final int start;
    private final int kind;
    private final int formatVersion;
    private final int[] ids;
    private final int[] versions;
    private final int[] starts;
    private final int[] lengths;
    private final int count;

    private SnapshotLayout(SnapshotBytes bytes, int start, int kind, int formatVersion, int[] ids, int[] versions,
            int[] starts, int[] lengths, int count) {
        this.bytes = bytes;
        this.start = start;
        this.kind = kind;
        this.formatVersion = formatVersion;
        this.ids = ids;
        this.versions = versions;
        this.starts = starts;
        this.lengths = lengths;
        this.count = count;
    }

    /**
     * Parses the snapshot occupying exactly {@code [start, start + length)} of {@code bytes}, checking each
     * section's CRC unless the bytes are {@link SnapshotBytes#crcVerified() verified}.
     */
    static SnapshotLayout parse(SnapshotBytes bytes, int start, int length, int expectedKind) {
        return parse(bytes, start, length, expectedKind, !bytes.isCrcVerified());
    }

    /**
     * As {@link #parse(SnapshotBytes, int, int, int)}; {@code sectionCrcs} false skips the sections' CRCs: for
     * a snapshot nested in a section whose CRC (or a CRC over all the bytes) already held, so each byte is
     * checksummed once.
     */
    static SnapshotLayout parse(SnapshotBytes bytes, int start, int length, int expectedKind, boolean sectionCrcs) {
        SnapshotReader in = new SnapshotReader(bytes, start, start + length, "header");
        Header header = readHeader(in, bytes, start, length, expectedKind);
        int kind = expectedKind;
        int version = header.version;
        int sections = header.sections;
        int[] ids = new int[sections];
        int[] versions = new int[sections];
        int[] starts = new int[sections];
        int[] lengths = new int[sections];
        int kept = 0;
        for (int i = 0; i < sections; i++) {
            int frame = in.position();
            int id = in.u16("section id");
            int sectionVersion = in.u8("section version");
            int sectionFlags = in.u8("section flags");
            int payload = in.i32("section length");
            int sectionCrc = in.i32("section CRC32");
            if (payload < 0 || payload > in.remaining()) {
                throw Corrupt.at(frame + 4, SectionIds.name(id) + " claims " + (payload & 0xFFFFFFFFL) + " bytes, "
                        + in.remaining() + " are left: truncated or damaged");
            }
            if (sectionCrcs && crcOf(bytes, frame, in.position(), payload) != sectionCrc) {
                throw Corrupt.at(frame + 8, "CRC32 mismatch in " + SectionIds.name(id) + " (section " + i
                        + ", payload bytes " + in.position() + ".." + (in.position() + payload) + "): the data is damaged");
            }
            boolean optional = (sectionFlags & SnapshotWriter.FLAG_OPTIONAL) != 0;
            if ((sectionFlags & ~SnapshotWriter.FLAG_OPTIONAL) != 0) {
                throw Corrupt.tooNew(frame + 3, "unknown flags " + sectionFlags + " on " + SectionIds.name(id)
                        + ": a newer TeaVec wrote it?");
            }
            int readable = SectionIds.maxVersion(id);
            if (sectionVersion < 1) {
                throw Corrupt.at(frame + 2, SectionIds.name(id) + " has version 0, which does not exist");
            }
            boolean known = readable > 0 && sectionVersion <= readable;
            if (!known && !optional) {
                // The CRC held: intact bytes in a layout this build does not know.
                throw Corrupt.tooNew(frame, "required " + SectionIds.name(id) + " version " + sectionVersion
                        + " is unknown to this TeaVec (it reads " + (readable == 0 ? "no such section" : "versions 1.." + readable)
                        + "): a newer TeaVec wrote it; upgrade TeaVec to load it");
            }
            if (known) {
                for (int j = 0; j < kept; j++) {
                    if (ids[j] == id) {
                        throw Corrupt.at(frame, SectionIds.name(id) + " appears twice");
                    }
                }
                ids[kept] = id;
                versions[kept] = sectionVersion;
                starts[kept] = in.position();
                lengths[kept] = payload;
                kept++;
            }
            in.skip(payload, "section payload");
        }
        in.expectEnd();
        return new SnapshotLayout(bytes, start, kind, version, ids, versions, starts, lengths, kept);
    }

    private static int crcOf(SnapshotBytes bytes, int frame, int payloadStart, int payload) {
        Crc32 c = new Crc32();
        c.update(bytes, frame, 8);
        c.update(bytes, payloadStart, payload);
        return c.value();
    }

    /**
     * Reads and checks the header at {@code start} of a snapshot of {@code length} bytes ({@code in} is
     * positioned there) and returns its section count: everything that needs the header's 24 bytes alone,
     * so {@code bytes} need hold no more ({@link SnapshotHeader}). {@link #ANY_KIND} skips the kind check.
     */
    static Header readHeader(SnapshotReader in, SnapshotBytes bytes, int start, int length, int expectedKind) {
        if (length < SnapshotWriter.HEADER_BYTES) {
            throw Corrupt.at(start, "a snapshot starts with a " + SnapshotWriter.HEADER_BYTES + "-byte header, got "
                    + length + " bytes");
        }
        if (in.i32("magic") != SnapshotWriter.MAGIC) {
            throw Corrupt.at(start, "not a TeaVec snapshot: the first bytes are not \"TVEC\"");
        }
        int version = in.u16("format version");
        int flags = in.u16("flags");
        int kind = in.u16("kind");
        int reserved = in.u16("reserved");
        int total = in.i32("total length");
        int sections = in.i32("section count");
        int storedCrc = in.i32("header CRC32");
        Crc32 crc = new Crc32();
        crc.update(bytes, start, 20);
        if (crc.value() != storedCrc) {
            throw Corrupt.at(start + 20, "header CRC32 mismatch: the header is damaged");
        }
        if (version < 1) {
            throw Corrupt.at(start + 4, "format version 0 does not exist");
        }
        if (version > SnapshotWriter.FORMAT_VERSION) {
            throw Corrupt.tooNew(start + 4, "snapshot format version " + version + " is newer than this TeaVec reads (1.."
                    + SnapshotWriter.FORMAT_VERSION + "): a newer TeaVec wrote it; upgrade TeaVec to load it");
        }
        if (flags != 0 || reserved != 0) {
            throw Corrupt.tooNew(start + 6, "unknown header flags " + flags + "/" + reserved + ": a newer TeaVec wrote it?");
        }
        if (expectedKind != ANY_KIND && kind != expectedKind) {
            throw Corrupt.at(start + 8, "snapshot kind " + kind + ", expected " + expectedKind
                    + (expectedKind == SnapshotWriter.KIND_INDEX ? " (an index)" : " (a database)"));
        }
        if (total != length) {
            throw Corrupt.at(start + 12, "the header says " + (total & 0xFFFFFFFFL) + " bytes, " + length + " are present"
                    + (total > length || total < 0 ? ": truncated" : ""));
        }
        if (sections < 0 || sections > SnapshotLimits.MAX_SECTIONS
                || (long) sections * SnapshotWriter.FRAME_BYTES > length - SnapshotWriter.HEADER_BYTES) {
            throw Corrupt.at(start + 16, "section count " + (sections & 0xFFFFFFFFL) + " does not fit");
        }
        return new Header(version, sections);
    }

    /** What the header says that parsing needs next. */
    static final class Header {
        final int version;
        final int sections;

        Header(int version, int sections) {
            this.version = version;
            this.sections = sections;
        }
    }

    int kind() {
        return kind;
    }

    /** The header's format version. */
    int formatVersion() {
        return formatVersion;
    }

    boolean has(int id) {
        return indexOf(id) >= 0;
    }

    /** Fails when section {@code id} is present: it does not belong to this structure. */
    void forbid(int id, String why) {
        if (has(id)) {
            throw Corrupt.at(start, "unexpected " + SectionIds.name(id) + " section: " + why);
        }
    }

    /** The version of section {@code id}; CORRUPT_SNAPSHOT when it is missing (as {@link #section(int)}). */
    int version(int id) {
        int i = indexOf(id);
        if (i < 0) {
            throw Corrupt.at(start, "the snapshot has no " + SectionIds.name(id) + " section");
        }
        return versions[i];
    }

    int start() {
        return start;
    }

    /** A reader over the payload of section {@code id}; CORRUPT_SNAPSHOT when it is missing. */
    SnapshotReader section(int id) {
        return section(id, null);
    }

    /** A reader over the payload of section {@code id} that charges {@code budget}; CORRUPT_SNAPSHOT when it is missing. */
    SnapshotReader section(int id, DecodeBudget budget) {
        int i = indexOf(id);
        if (i < 0) {
            throw Corrupt.at(start, "the snapshot has no " + SectionIds.name(id) + " section");
        }
        return new SnapshotReader(bytes, starts[i], starts[i] + lengths[i], SectionIds.name(id), budget);
    }

    /** An empty payload named {@code where}: the state of a type that writes none, in a snapshot that has no place for it. */
    SnapshotReader empty(String where) {
        return new SnapshotReader(bytes, start, start, where, null);
    }

    private int indexOf(int id) {
        for (int i = 0; i < count; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }
}
