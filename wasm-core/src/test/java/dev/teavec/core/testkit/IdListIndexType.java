package dev.teavec.core.testkit;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.index.IdFilter;
import dev.teavec.core.index.IndexContext;
import dev.teavec.core.index.IndexStructure;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.StructureType;

/**
 * A user-defined index type in a few lines, as the registry sees one: {@code test.id-list} keeps the ids
 * it was given and offers them all as candidates, which the engine ranks exactly ({@link IndexContext#rank}),
 * so it answers as the flat index does. It exercises what every custom type relies on: ids, removes,
 * filters, state in snapshots (format version {@link #VERSION}), compaction (a new structure over the live
 * vectors) and UNKNOWN_INDEX_TYPE when a snapshot of it meets a registry without it.
 */
public final class IdListIndexType extends StructureType {
    public static final String NAME = "test.id-list";
    public static final int VERSION = 2;
    /** The built-in types plus this one. */
    public static final IndexTypes REGISTRY = IndexTypes.BUILT_IN.with(new IdListIndexType());

    private IdListIndexType() {
        super(NAME, VERSION);
    }

    @Override
    protected IndexStructure newStructure(IndexContext context) {
        return new IdList(context, new int[16], 0);
    }

    @Override
    protected IndexStructure readStructure(IndexContext context, int version, SectionInput state) {
        int count = state.count("id count", 0, 1 << 27, 4);
        state.charge(4L * count, "the id list");
        if (count != context.liveCount()) {
            throw state.corrupt(state.position(), count + " ids for " + context.liveCount() + " live vectors");
        }
        int[] ids = new int[Math.max(16, count)];
        boolean[] seen = new boolean[context.vectors().size()];
        for (int i = 0; i < count; i++) {
            int at = state.position();
            ids[i] = state.i32("id");
            int ord = context.ordinalOf(ids[i]);
            if (ord < 0 || seen[ord]) {
                throw state.corrupt(at, "id " + ids[i] + " is not live or listed twice");
            }
            seen[ord] = true;
        }
        if (version >= 2) {
            state.expect("end marker", END);
        }
        state.expectEnd();
        return new IdList(context, ids, count);
    }

    /** Version 2 ends the list with this marker (version 1 did not): how a type reads its older formats. */
    private static final int END = 0x5EED;

    private static final class IdList implements IndexStructure {
        private final IndexContext context;
        private int[] ids;
        private int count;

        IdList(IndexContext context, int[] ids, int count) {
            this.context = context;
            this.ids = ids;
            this.count = count;
        }

        @Override
        public void add(int id, float[] vector) {
            if (count == ids.length) {
                int[] grown = new int[2 * count];
                System.arraycopy(ids, 0, grown, 0, count);
                ids = grown;
            }
            ids[count++] = id;
        }

        @Override
        public void remove(int id) {
            for (int i = 0; i < count; i++) {
                if (ids[i] == id) {
                    ids[i] = ids[--count];
                    return;
                }
            }
        }

        @Override
        public SearchResult search(float[] query, int k, int budget, IdFilter filter) {
            return context.rank(query, ids, count, k, filter, 0);
        }

        @Override
        public long stateSize() {
            return 4 + 4L * count + 4;
        }

        @Override
        public void writeState(SectionOutput out) {
            out.i32(count);
            for (int i = 0; i < count; i++) {
                out.i32(ids[i]);
            }
            out.i32(END);
        }

        @Override
        public long bytesUsed() {
            return 4L * ids.length;
        }

        @Override
        public void checkIntegrity() {
            if (count != context.liveCount()) {
                throw new IllegalStateException("id list: " + count + " ids for " + context.liveCount() + " live vectors");
            }
        }
    }
}
