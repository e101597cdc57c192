package dev.teavec.core.wal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random operations, logs built from them, and a canonical text of an operation to compare by. */
final class WalSamples {
    private WalSamples() {
    }

    /** Strings with what JavaScript strings may hold: non-ASCII, astral pairs, lone surrogates, NUL. */
    static String text(SplittableRandom r, int min, int max) {
        char[] pool = {'a', 'b', 'Z', ' ', '"', '\\', '\0', '\u00e9', '\u4e2d', '\ud83d', '\ude00', '\udc00'};
        char[] c = new char[min + r.nextInt(max - min + 1)];
        for (int i = 0; i < c.length; i++) {
            c[i] = pool[r.nextInt(pool.length)];
        }
        return new String(c);
    }

    static WalOperation operation(SplittableRandom r) {
        String collection = text(r, 1, 12);
        switch (r.nextInt(7)) {
            case 0:
                return CollectionChange.create(collection, "{\"metadata\":null,\"settings\":{\"metric\":\"cosine\"}}");
            case 1:
                return CollectionChange.delete(collection);
            case 2:
                return CollectionChange.modify(collection, r.nextBoolean() ? text(r, 1, 8) : null,
                        r.nextBoolean() ? "{\"a\":" + r.nextInt(100) + "}" : "null");
            case 3:
                String[] keys = new String[1 + r.nextInt(4)];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = text(r, 1, 10);
                }
                return new DeleteKeys(collection, keys);
            case 4:
                float[] floats = new float[r.nextInt(3) * 4];
                for (int i = 0; i < floats.length; i++) {
                    floats[i] = (float) r.nextGaussian();
                }
                return new IndexCall(r.nextBoolean() ? "insertBatchFlat" : "setMetadata", "[" + text(r, 0, 6).length() + "]",
                        floats);
            default:
                return batch(r, collection);
        }
    }

    static WriteBatch batch(SplittableRandom r, String collection) {
        int op = WalOp.ADD + r.nextInt(3);
        int n = 1 + r.nextInt(5);
        int dims = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(6);
        String[] keys = new String[n];
        boolean[] hasVector = new boolean[n];
        String[] metadata = r.nextBoolean() ? new String[n] : null;
        String[] documents = r.nextBoolean() ? new String[n] : null;
        int withVector = 0;
        for (int i = 0; i < n; i++) {
            keys[i] = "k" + text(r, 0, 8);
            hasVector[i] = dims > 0 && (i == 0 || r.nextBoolean());
            withVector += hasVector[i] ? 1 : 0;
            if (metadata != null && r.nextBoolean()) {
                metadata[i] = "{\"tag\":\"" + r.nextInt(10) + "\",\"n\":" + r.nextDouble() + "}";
            }
            if (documents != null && r.nextBoolean()) {
                documents[i] = text(r, 0, 30);
            }
        }
        float[] vectors = new float[withVector * dims];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = r.nextInt(10) == 0 ? -0.0f : (float) r.nextGaussian();
        }
        return new WriteBatch(op, collection, keys, dims, hasVector, vectors, metadata, documents);
    }

    /** Everything an operation says, as text: equal texts, equal operations (vectors by their bits). */
    static String describe(WalOperation o) {
        StringBuilder s = new StringBuilder(WalOp.name(o.op()));
        if (o instanceof SegmentStart) {
            s.append(' ').append(((SegmentStart) o).generation());
        } else if (o instanceof CollectionChange) {
            CollectionChange c = (CollectionChange) o;
            s.append('|').append(c.name()).append('|').append(c.settings()).append('|').append(c.newName()).append('|')
                    .append(c.metadata());
        } else if (o instanceof DeleteKeys) {
            DeleteKeys d = (DeleteKeys) o;
            s.append('|').append(d.collection());
            for (int i = 0; i < d.size(); i++) {
                s.append('|').append(d.key(i));
            }
        } else if (o instanceof IndexCall) {
            IndexCall c = (IndexCall) o;
            s.append('|').append(c.method()).append('|').append(c.argumentsJson());
            for (float v : c.floats()) {
                s.append(',').append(Integer.toHexString(Float.floatToRawIntBits(v)));
            }
        } else {
            WriteBatch b = (WriteBatch) o;
            s.append('|').append(b.collection()).append('|').append(b.dimensions());
            for (int i = 0; i < b.size(); i++) {
                s.append('|').append(b.key(i)).append(',').append(b.hasVector(i)).append(',').append(b.metadata(i))
                        .append(',').append(b.document(i));
            }
            for (float v : b.vectors()) {
                s.append(',').append(Integer.toHexString(Float.floatToRawIntBits(v)));
            }
        }
        return s.toString();
    }

    /** A log being built: segments of framed records, and what each record was. */
    static final class Log {
        final List<WalBuffer> segments = new ArrayList<>();
        final List<String> expected = new ArrayList<>();
        final List<Long> seqs = new ArrayList<>();
        /** Per record: segment index and offset of its first byte, and its size. */
        final List<int[]> places = new ArrayList<>();
        long seq;

        Log(long startSeq) {
            seq = startSeq;
        }

        Log segment(int generation) {
            return segment(generation, seq);
        }

        Log segment(int generation, long previous) {
            segments.add(new WalBuffer(64));
            current().append(previous, new SegmentStart(generation));
            seq = previous;
            return this;
        }

        Log add(WalOperation operation) {
            WalBuffer b = current();
            int at = b.size();
            b.append(++seq, operation);
            expected.add(describe(operation));
            seqs.add(seq);
            places.add(new int[] {segments.size() - 1, at, b.size() - at});
            return this;
        }

        WalBuffer current() {
            return segments.get(segments.size() - 1);
        }

        byte[][] bytes() {
            byte[][] out = new byte[segments.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = Arrays.copyOf(segments.get(i).array(), segments.get(i).size());
            }
            return out;
        }

        int[] ids() {
            int[] ids = new int[segments.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i + 1;
            }
            return ids;
        }
    }

    static List<String> described(WalContents contents) {
        List<String> out = new ArrayList<>();
        for (WalRecord r : contents.records()) {
            out.add(describe(r.operation()));
        }
        return out;
    }
}
