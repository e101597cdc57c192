package dev.teavec.solr;

import dev.teavec.core.meta.MetaValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint of a record's content that push and pull compare instead of the records themselves
 * (the layout's "hash" field): lowercase hex of the first 16 bytes of SHA-256 over, little-endian,
 * {@code u32 dim, f32 × dim; u32 key count, then per key in UTF-16 order text(key), u8 kind (0 null,
 * 1 string, 2 number, 3 boolean, 4 string list) and the value (text; f64 with -0 as 0; u8; u32 count +
 * texts); text(document)}, where {@code text(s)} is the UTF-8 length as u32 and the bytes, or
 * {@code 0xFFFFFFFF} for none. npm-package/src/solr-layout.js computes the same bytes; both are checked
 * against src/test/resources/dev/teavec/solr/layout-examples.json.
 */
public final class ContentHash {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    private ContentHash() {
    }

    /** {@code metadata}: key → value (null or empty: none); {@code document} may be null. */
    public static String of(float[] vector, Map<String, MetaValue> metadata, String document) {
        ContentHash in = new ContentHash();
        in.u32(vector.length);
        for (float f : vector) {
            in.scratch.clear();
            in.bytes.write(in.scratch.putFloat(f).array(), 0, 4);
        }
        Map<String, MetaValue> sorted = metadata == null ? Map.of() : new TreeMap<>(metadata);
        in.u32(sorted.size());
        for (Map.Entry<String, MetaValue> e : sorted.entrySet()) {
            in.text(e.getKey());
            MetaValue v = e.getValue();
            switch (v.kind()) {
                case MetaValue.NULL:
                    in.bytes.write(0);
                    break;
                case MetaValue.STRING:
                    in.bytes.write(1);
                    in.text(v.text());
                    break;
                case MetaValue.NUMBER:
                    in.bytes.write(2);
                    in.scratch.clear();
                    in.bytes.write(in.scratch.putDouble(v.number() == 0 ? 0.0 : v.number()).array(), 0, 8);
                    break;
                case MetaValue.BOOLEAN:
                    in.bytes.write(3);
                    in.bytes.write(v.bool() ? 1 : 0);
                    break;
                case MetaValue.STRING_LIST:
                    in.bytes.write(4);
                    in.u32(v.listSize());
                    for (int i = 0; i < v.listSize(); i++) {
                        in.text(v.listItem(i));
                    }
                    break;
                default:
                    throw new IllegalStateException("unknown metadata value kind " + v.kind());
            }
        }
        in.text(document);
        byte[] digest = sha256().digest(in.bytes.toByteArray());
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < 16; i++) {
            hex.append(Character.forDigit((digest[i] >> 4) & 15, 16)).append(Character.forDigit(digest[i] & 15, 16));
        }
        return hex.toString();
    }

    private void u32(int v) {
        scratch.clear();
        bytes.write(scratch.putInt(v).array(), 0, 4);
    }

    private void text(String s) {
        if (s == null) {
            u32(0xFFFFFFFF);
            return;
        }
        byte[] utf8 = wellFormed(s).getBytes(StandardCharsets.UTF_8);
        u32(utf8.length);
        bytes.write(utf8, 0, utf8.length);
    }

    /** Lone surrogates as U+FFFD, as JavaScript's TextEncoder writes them (Java would write '?'). */
    static String wellFormed(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                if (sb != null) {
                    sb.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c) && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
