package dev.teavec.bindings.wal;

/**
 * Names of a log's files in a directory (Node) or an OPFS directory: {@code wal-0000000001.log} for segment 1,
 * {@code checkpoint-0000000007.tvck} for generation 7. Ten digits sort by name as by number.
 */
final class LogFileNames {
    static final String SEGMENT_PREFIX = "wal-";
    static final String SEGMENT_SUFFIX = ".log";
    static final String CHECKPOINT_PREFIX = "checkpoint-";
    static final String CHECKPOINT_SUFFIX = ".tvck";

    private LogFileNames() {
    }

    static String segment(int id) {
        return SEGMENT_PREFIX + digits(id) + SEGMENT_SUFFIX;
    }

    static String checkpoint(int generation) {
        return CHECKPOINT_PREFIX + digits(generation) + CHECKPOINT_SUFFIX;
    }

    /** The segment id in {@code name}, or -1 when it is not a segment's name. */
    static int segmentId(String name) {
        return number(name, SEGMENT_PREFIX, SEGMENT_SUFFIX);
    }

    /** The generation in {@code name}, or -1 when it is not a checkpoint's name. */
    static int checkpointGeneration(String name) {
        return number(name, CHECKPOINT_PREFIX, CHECKPOINT_SUFFIX);
    }

    private static int number(String name, String prefix, String suffix) {
        if (name.length() != prefix.length() + 10 + suffix.length() || !name.startsWith(prefix) || !name.endsWith(suffix)) {
            return -1;
        }
        long v = 0;
        for (int i = prefix.length(); i < prefix.length() + 10; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private static String digits(int v) {
        String s = Integer.toString(v);
        return "0000000000".substring(s.length()) + s;
    }
}
