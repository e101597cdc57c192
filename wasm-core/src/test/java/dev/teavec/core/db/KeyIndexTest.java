package dev.teavec.core.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.codec.DatabaseSnapshot;
import dev.teavec.core.codec.SnapshotBytes;
import dev.teavec.core.codec.Wtf8Text;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.vector.Metric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compact key index against a HashMap oracle: random keys of every UTF-16 shape, deletes, reinserts, growth. */
class KeyIndexTest {
    private static final long SEED = Long.getLong("teavec.seed", System.nanoTime());

    /** Random keys: digits, Latin-1, CJK, emoji (surrogate pairs), lone surrogates, U+0000, U+FFFF; rarely 4,096 chars. */
    static String randomKey(Random r) {
        if (r.nextInt(500) == 0) {
            StringBuilder b = new StringBuilder();
            while (b.length() < KeyIndex.MAX_KEY_LENGTH) {
                b.append((char) (0x800 + r.nextInt(0xD000)));
            }
            return b.toString();
        }
        int length = 1 + r.nextInt(r.nextBoolean() ? 8 : 40);
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            switch (r.nextInt(8)) {
                case 0, 1, 2 -> b.append((char) ('0' + r.nextInt(10)));
                case 3 -> b.append((char) (0x20 + r.nextInt(0x5F)));
                case 4 -> b.append((char) (0x80 + r.nextInt(0x780)));
                case 5 -> b.append((char) (0x4E00 + r.nextInt(0x5000)));
                case 6 -> b.appendCodePoint(0x1F300 + r.nextInt(0x300));
                default -> b.append(new char[] {'\ud800', '\udfff', '\u0000', '\uffff', '\u07ff', '\u0800'}[r.nextInt(6)]);
            }
        }
        return b.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void matchesAMapThroughPutsDeletesAndReinserts(int round) {
        long seed = SEED + round;
        Random r = new Random(seed);
        KeyIndex keys = new KeyIndex();
        Map<String, Integer> idByKey = new HashMap<>();
        Map<Integer, String> keyById = new HashMap<>();
        List<Integer> live = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        int nextId = 0;
        String what = "seed " + seed;
        for (int op = 0; op < 30_000; op++) {
            int kind = r.nextInt(10);
            if (kind < 6 || live.isEmpty()) {
                String key = kind == 0 && !removed.isEmpty() ? removed.remove(r.nextInt(removed.size())) : randomKey(r);
                if (idByKey.containsKey(key)) {
                    continue;
                }
                int id = nextId;
                nextId += 1 + (r.nextInt(20) == 0 ? r.nextInt(1000) : 0);
                keys.put(key, id);
                idByKey.put(key, id);
                keyById.put(id, key);
                live.add(id);
            } else if (kind < 9) {
                int id = live.remove(r.nextInt(live.size()));
                String key = keyById.remove(id);
                idByKey.remove(key);
                removed.add(key);
                assertEquals(key, keys.remove(id), what);
                assertNull(keys.remove(id), what);
            } else {
                String key = r.nextBoolean() || removed.isEmpty() ? randomKey(r) : removed.get(r.nextInt(removed.size()));
                assertEquals(idByKey.getOrDefault(key, -1), keys.idOf(key), what + ": idOf " + key);
            }
            if (op % 5_000 == 0) {
                keys.checkIntegrity();
            }
        }
        keys.checkIntegrity();
        assertEquals(idByKey.size(), keys.size(), what);
        for (Map.Entry<String, Integer> e : idByKey.entrySet()) {
            assertEquals(e.getValue(), keys.idOf(e.getKey()), what);
            assertEquals(e.getKey(), keys.keyOf(e.getValue()), what);
        }
        int[] ids = keys.ids();
        assertEquals(idByKey.size(), ids.length, what);
        for (int i = 1; i < ids.length; i++) {
            assertTrue(ids[i - 1] < ids[i], what + ": ids ascending");
        }
        for (String key : removed) {
            assertEquals(idByKey.getOrDefault(key, -1), keys.idOf(key), what);
        }
    }

    @Test
    void equalHashCodesAndPrefixesStayApart() {
        String[] colliding = {"AaAa", "BBBB", "AaBB", "BBAa", "Aa", "BB", "AaA", "a", "\u0000", "\u0000\u0000"};
        KeyIndex keys = new KeyIndex();
        for (int i = 0; i < colliding.length; i++) {
            keys.put(colliding[i], i * 3);
        }
        keys.remove(0);
        keys.remove(3);
        keys.checkIntegrity();
        assertEquals(-1, keys.idOf("AaAa"));
        assertEquals(-1, keys.idOf("BBBB"));
        for (int i = 2; i < colliding.length; i++) {
            assertEquals(i * 3, keys.idOf(colliding[i]), colliding[i]);
        }
        assertEquals(-1, keys.idOf("\u0000\u0000\u0000"));
        assertEquals(-1, keys.idOf(null));
        assertEquals(-1, keys.idOf("x".repeat(KeyIndex.MAX_KEY_LENGTH + 1)));
    }

    @Test
    void bindingABoundKeyOrIdChangesNothing() {
        KeyIndex keys = new KeyIndex();
        keys.put("a", 1);
        assertThrows(IllegalStateException.class, () -> keys.put("a", 2));
        assertThrows(IllegalStateException.class, () -> keys.put("b", 1));
        keys.checkIntegrity();
        assertEquals(1, keys.size());
        assertEquals(-1, keys.idOf("b"));
        assertNull(keys.keyOf(2));
        assertNull(keys.keyOf(-1));
        assertNull(keys.keyOf(1 << 20));
    }

    @Test
    void removedKeysGiveTheirBytesBack() {
        KeyIndex keys = new KeyIndex();
        for (int id = 0; id < 50_000; id++) {
            keys.put("key-" + id, id);
        }
        long full = keys.bytesEstimate();
        for (int id = 0; id < 50_000; id++) {
            if (id % 10 != 0) {
                keys.remove(id);
            }
        }
        keys.checkIntegrity();
        for (int id = 0; id < 50_000; id += 10) {
            assertEquals(id, keys.idOf("key-" + id));
        }
        // The arena was rewritten: ~45,000 removed keys of ~10 bytes no longer held (offsets and table stay).
        assertTrue(keys.bytesEstimate() < full - 300_000, keys.bytesEstimate() + " of " + full);
        assertTrue(full < 50_000 * 32L, "a key costs its bytes plus at most ~20 (offset, table slot, growth room): " + full);
    }

    @Test
    void aBulkLoadOfEncodedKeysAnswersAsPutsDo() {
        long seed = SEED;
        Random r = new Random(seed);
        String what = "seed " + seed;
        List<String> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int[] ids = new int[20_000];
        // The keys' encodings one after another, as a snapshot section holds them.
        byte[] section = new byte[1 << 16];
        int[] offsets = new int[ids.length + 1];
        int id = 0;
        while (keys.size() < ids.length) {
            String key = randomKey(r);
            if (!seen.add(key)) {
                continue;
            }
            int i = keys.size();
            keys.add(key);
            ids[i] = id;
            id += 1 + (r.nextInt(10) == 0 ? r.nextInt(50) : 0);
            if (section.length - offsets[i] < 3 * key.length()) {
                section = java.util.Arrays.copyOf(section, 2 * section.length + 3 * key.length());
            }
            offsets[i + 1] = Wtf8Text.encode(key, section, offsets[i]);
        }
        KeyIndex one = new KeyIndex();
        KeyIndex bulk = new KeyIndex();
        bulk.reserve(keys.size(), offsets[keys.size()] + 2 * keys.size(), id);
        for (int i = 0; i < keys.size(); i++) {
            one.put(keys.get(i), ids[i]);
            bulk.putEncoded(section, offsets[i], offsets[i + 1] - offsets[i], ids[i]);
        }
        bulk.checkIntegrity();
        assertTrue(bulk.bytesEstimate() <= one.bytesEstimate(), what + ": " + bulk.bytesEstimate() + " bytes held, "
                + one.bytesEstimate() + " when put one by one");
        String first = keys.get(0);
        byte[] stored = section;
        int unused = id;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> bulk.putEncoded(stored, offsets[0], offsets[1] - offsets[0], unused));
        assertTrue(e.getMessage().contains("key '" + first + "' or id " + unused + " is already bound"), e.getMessage());
        assertEquals(keys.size(), bulk.size(), what);
        // The same answers, and the same after removals and growth beyond what was reserved.
        for (int round = 0; round < 2; round++) {
            assertSameAnswers(one, bulk, keys, r, what);
            for (int i = 0; i < keys.size(); i += 3) {
                assertEquals(one.remove(ids[i]), bulk.remove(ids[i]), what);
                String key = randomKey(r);
                if (one.idOf(key) < 0) {
                    one.put(key, id);
                    bulk.put(key, id);
                    keys.set(i, key);
                    ids[i] = id++;
                }
            }
            bulk.checkIntegrity();
        }
        assertSameAnswers(one, bulk, keys, r, what);
    }

    private static void assertSameAnswers(KeyIndex one, KeyIndex bulk, List<String> keys, Random r, String what) {
        assertEquals(one.size(), bulk.size(), what);
        assertArrayEquals(one.ids(), bulk.ids(), what);
        for (String key : keys) {
            int id = one.idOf(key);
            assertEquals(id, bulk.idOf(key), what + ": " + key);
            assertEquals(one.keyOf(id), bulk.keyOf(id), what);
        }
        for (int i = 0; i < 2_000; i++) {
            String other = randomKey(r);
            assertEquals(one.idOf(other), bulk.idOf(other), what + ": " + other);
        }
    }

    @Test
    void keysSurviveASnapshotRoundTrip() {
        long seed = SEED;
        Random r = new Random(seed);
        IndexConfig config = IndexConfig.builder(4, Metric.L2).indexType(IndexTypes.FLAT).seed(seed).build();
        CollectionStore db = new CollectionStore(config);
        List<String> added = new ArrayList<>();
        while (added.size() < 2_000) {
            String key = randomKey(r);
            if (db.idOfKey(key) >= 0) {
                continue;
            }
            db.add(key, new float[] {r.nextFloat(), r.nextFloat(), r.nextFloat(), r.nextFloat()}, null, null);
            added.add(key);
        }
        for (int i = 0; i < added.size(); i += 3) {
            db.deleteKey(added.get(i));
        }
        byte[] bytes = DatabaseSnapshot.encode(new String[] {"c"}, new String[] {"{\"settings\":{}}"},
                new CollectionStore[] {db}).toArray();
        CollectionStore copy = DatabaseSnapshot.decode(SnapshotBytes.of(bytes)).database(0);
        copy.checkIntegrity();
        copy.keys().checkIntegrity();
        for (int i = 0; i < added.size(); i++) {
            String key = added.get(i);
            assertEquals(db.idOfKey(key), copy.idOfKey(key), "seed " + seed + ": " + key);
            if (i % 3 != 0) {
                assertEquals(key, copy.keyOf(copy.idOfKey(key)), "seed " + seed);
            }
        }
        assertEquals(db.keys().size(), copy.keys().size());
    }
}
