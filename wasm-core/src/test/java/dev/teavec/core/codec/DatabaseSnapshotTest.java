package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.vector.Metric;
import org.junit.jupiter.api.Test;

/** The database container: named collections round-trip, and damage anywhere is CORRUPT_SNAPSHOT. */
class DatabaseSnapshotTest {
    private static final long SEED = 20261121L;

    @Test
    void namedCollectionsRoundTrip() {
        String[] names = {"docs", "images ✓", "sq8"};
        VectorIndex[] indexes = {
            SnapshotScenarios.build("hnsw", Metric.COSINE, 12, 150, SEED),
            SnapshotScenarios.build("flat", Metric.L2, 12, 80, SEED),
            SnapshotScenarios.build("sq8-rerank", Metric.DOT, 12, 150, SEED),
        };
        DatabaseSnapshot db = DatabaseSnapshot.decode(DatabaseSnapshot.encode(names, indexes));
        assertEquals(3, db.size());
        float[][] queries = SnapshotScenarios.queries(20, 12, SEED);
        for (int i = 0; i < 3; i++) {
            assertEquals(names[i], db.name(i));
            SnapshotScenarios.assertSame(indexes[i], db.index(i), queries, names[i]);
        }
        assertEquals(0, DatabaseSnapshot.decode(DatabaseSnapshot.encode(new String[0], new VectorIndex[0])).size());
    }

    @Test
    void damageAnywhereIsCorrupt() {
        byte[] bytes = DatabaseSnapshot.encode(new String[] {"a", "b"}, new VectorIndex[] {
            SnapshotScenarios.small(SEED), SnapshotScenarios.build("flat", Metric.L2, 4, 10, SEED)}).toArray();
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit += 3) {
                byte[] damaged = bytes.clone();
                damaged[i] ^= (byte) (1 << bit);
                TeaVecException e = assertThrows(TeaVecException.class,
                        () -> DatabaseSnapshot.decode(SnapshotBytes.of(damaged)), "byte " + i);
                assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code());
            }
        }
        for (int len = 0; len < bytes.length; len += 7) {
            byte[] cut = java.util.Arrays.copyOf(bytes, len);
            assertThrows(TeaVecException.class, () -> DatabaseSnapshot.decode(SnapshotBytes.of(cut)), "length " + len);
        }
        // An index snapshot is not a database, nor the other way round.
        byte[] index = IndexSnapshot.encodeToArray(SnapshotScenarios.small(SEED));
        assertThrows(TeaVecException.class, () -> DatabaseSnapshot.decode(SnapshotBytes.of(index)));
        assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(bytes));
    }

    @Test
    void duplicateNamesAreRefusedOnEncode() {
        VectorIndex a = SnapshotScenarios.small(SEED);
        TeaVecException e = assertThrows(TeaVecException.class,
                () -> DatabaseSnapshot.encode(new String[] {"x", "x"}, new VectorIndex[] {a, a}));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
