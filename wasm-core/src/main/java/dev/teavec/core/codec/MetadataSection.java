package dev.teavec.core.codec;

import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.meta.JsonReader;
import dev.teavec.core.meta.KeyTable;
import dev.teavec.core.meta.MetaRecord;
import dev.teavec.core.meta.MetaValue;
import dev.teavec.core.meta.MetadataJson;
import dev.teavec.core.meta.MetadataStore;

/**
 * Section METADATA: the interned key names, then every record (a live id's key-value pairs in their
 * insertion order). Binary rather than JSON text so that numbers keep their exact bits (-0 included)
 * and loading parses nothing. Decoding enforces the limits the JSON reader enforces on input, so a
 * snapshot holds no record the API could not have stored.
 */
final class MetadataSection implements SectionPayload {
    private final MetadataStore store;

    MetadataSection(MetadataStore store) {
        this.store = store;
    }

    @Override
    public int id() {
        return SectionIds.METADATA;
    }

    @Override
    public long size() {
        KeyTable keys = store.keys();
        long size = 8;
        for (int k = 0; k < keys.size(); k++) {
            size += Wtf8.size(keys.name(k));
        }
        for (int id : store.ids()) {
            MetaRecord r = store.get(id);
            size += 5;
            for (int i = 0; i < r.size(); i++) {
                size += 5 + valueSize(r.value(i));
            }
        }
        return size;
    }

    private static long valueSize(MetaValue v) {
        switch (v.kind()) {
            case MetaValue.STRING:
                return Wtf8.size(v.text());
            case MetaValue.NUMBER:
                return 8;
            case MetaValue.BOOLEAN:
                return 1;
            case MetaValue.STRING_LIST:
                long size = 2;
                for (int i = 0; i < v.listSize(); i++) {
                    size += Wtf8.size(v.listItem(i));
                }
                return size;
            default:
                return 0;
        }
    }

    @Override
    public void write(SnapshotWriter out) {
        KeyTable keys = store.keys();
        out.i32(keys.size());
        for (int k = 0; k < keys.size(); k++) {
            Wtf8.write(out, keys.name(k));
        }
        out.i32(store.recordCount());
        for (int id : store.ids()) {
            MetaRecord r = store.get(id);
            out.i32(id);
            out.u8(r.size());
            for (int i = 0; i < r.size(); i++) {
                out.i32(r.keyId(i));
                writeValue(out, r.value(i));
            }
        }
    }

    private static void writeValue(SnapshotWriter out, MetaValue v) {
        out.u8(v.kind());
        switch (v.kind()) {
            case MetaValue.STRING:
                Wtf8.write(out, v.text());
                break;
            case MetaValue.NUMBER:
                out.f64(v.number());
                break;
            case MetaValue.BOOLEAN:
                out.u8(v.bool() ? 1 : 0);
                break;
            case MetaValue.STRING_LIST:
                out.u16(v.listSize());
                for (int i = 0; i < v.listSize(); i++) {
                    Wtf8.write(out, v.listItem(i));
                }
                break;
            default:
                break;
        }
    }

    static MetadataStore read(SnapshotLayout layout, VectorIndex index, DecodeBudget budget) {
        SnapshotReader in = layout.section(SectionIds.METADATA);
        int keyCount = in.count("key count", 0, Integer.MAX_VALUE, 5);
        budget.charge(96L * keyCount, "the metadata keys", in.position());
        KeyTable keys = new KeyTable();
        for (int k = 0; k < keyCount; k++) {
            int at = in.position();
            String name = Wtf8.read(in, 1, JsonReader.MAX_KEY_LENGTH, budget, "a metadata key name", -1);
            if (keys.intern(name) != k) {
                throw in.corrupt(at, "metadata key '" + name + "' appears twice");
            }
        }
        MetadataStore store = new MetadataStore(keys);
        int records = in.count("record count", 0, index.liveCount(), 10);
        int previous = -1;
        for (int r = 0; r < records; r++) {
            int id = RecordSections.liveId(in, index, previous, budget);
            int at = in.position();
            int n = in.u8("entry count");
            if (n < 1 || n > JsonReader.MAX_KEYS) {
                throw in.corrupt(at, "the record of id " + id + " has " + n + " keys, expected 1.." + JsonReader.MAX_KEYS);
            }
            budget.charge(48 + 16L * n, "metadata records", at);
            int[] keyIds = new int[n];
            MetaValue[] values = new MetaValue[n];
            for (int i = 0; i < n; i++) {
                int keyAt = in.position();
                int key = in.i32("key index");
                if (key < 0 || key >= keyCount) {
                    throw in.corrupt(keyAt, "key index " + (key & 0xFFFFFFFFL) + " of id " + id + ", there are "
                            + keyCount + " keys");
                }
                for (int j = 0; j < i; j++) {
                    if (keyIds[j] == key) {
                        throw in.corrupt(keyAt, "the record of id " + id + " holds key '" + keys.name(key) + "' twice");
                    }
                }
                keyIds[i] = key;
                values[i] = readValue(in, budget, id);
            }
            store.put(id, new MetaRecord(keyIds, values));
            previous = id;
        }
        in.expectEnd();
        return store;
    }

    private static MetaValue readValue(SnapshotReader in, DecodeBudget budget, int id) {
        int at = in.position();
        int kind = in.u8("value kind");
        switch (kind) {
            case MetaValue.NULL:
                return MetaValue.NULL_VALUE;
            case MetaValue.STRING:
                return MetaValue.of(Wtf8.read(in, 0, JsonReader.MAX_STRING_LENGTH, budget, "a metadata string", id));
            case MetaValue.NUMBER:
                double d = in.f64("number");
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw in.corrupt(at, "a metadata number of id " + id + " is not finite");
                }
                return MetaValue.of(d);
            case MetaValue.BOOLEAN:
                int b = in.u8("boolean");
                if (b > 1) {
                    throw in.corrupt(at, "a metadata boolean of id " + id + " is " + b);
                }
                return MetaValue.of(b == 1);
            case MetaValue.STRING_LIST:
                int size = in.u16("list size");
                if (size > MetadataJson.MAX_LIST || size * 4L > in.remaining()) {
                    throw in.corrupt(at, "a metadata list of id " + id + " claims " + size + " strings, at most "
                            + MetadataJson.MAX_LIST + " that fit");
                }
                budget.charge(16L + 4L * size, "a metadata list", at);
                String[] items = new String[size];
                for (int i = 0; i < size; i++) {
                    items[i] = Wtf8.read(in, 0, JsonReader.MAX_STRING_LENGTH, budget, "a metadata string", id);
                }
                return MetaValue.ofList(items);
            default:
                throw in.corrupt(at, "a metadata value of id " + id + " has unknown kind " + kind);
        }
    }
}
