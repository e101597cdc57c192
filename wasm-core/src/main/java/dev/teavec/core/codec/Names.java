package dev.teavec.core.codec;

import dev.teavec.core.index.IndexTypes;

/**
 * Names in a snapshot (index type, metric, vector encoding): a {@code u8} length, then 1..64 bytes of
 * a-z, 0-9, '.', '_', '-', starting with a letter or digit (the rule of {@link IndexTypes#isName}).
 */
final class Names {
    private Names() {
    }

    static long size(String name) {
        return 1 + name.length();
    }

    static void write(SnapshotWriter out, String name) {
        assert IndexTypes.isName(name) : "not a name: " + name;
        out.u8(name.length());
        for (int i = 0; i < name.length(); i++) {
            out.u8(name.charAt(i));
        }
    }

    static String read(SnapshotReader in, String what) {
        int at = in.position();
        int length = in.u8(what + " length");
        in.need(length, what);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) in.u8(what);
        }
        String name = new String(chars);
        if (!IndexTypes.isName(name)) {
            throw in.corrupt(at, what + " is not a name (1..64 characters a-z, 0-9, '.', '_', '-')");
        }
        return name;
    }
}
