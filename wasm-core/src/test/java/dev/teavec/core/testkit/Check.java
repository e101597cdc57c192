package dev.teavec.core.testkit;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * Minimal assertions with no test-framework types, so that the same scenarios run under JUnit 5 on
 * the JVM and under TeaVM's JUnit runner in Wasm GC.
 */
public final class Check {
    private Check() {
    }

    public static void equal(long expected, long actual, String what) {
        if (expected != actual) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual);
        }
    }

    public static void near(double expected, double actual, double tolerance, String what) {
        if (!(Math.abs(expected - actual) <= tolerance)) {
            throw new AssertionError(what + ": expected " + expected + " ± " + tolerance + ", got " + actual);
        }
    }

    public static void isTrue(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    public static void ids(int[] expected, int[] actual, String what) {
        boolean same = expected.length == actual.length;
        for (int i = 0; same && i < expected.length; i++) {
            same = expected[i] == actual[i];
        }
        if (!same) {
            throw new AssertionError(what + ": expected ids " + join(expected) + ", got " + join(actual));
        }
    }

    /** Runs {@code action} and checks that it fails with {@code code}. */
    public static void fails(ErrorCode code, Runnable action, String what) {
        try {
            action.run();
        } catch (TeaVecException e) {
            if (e.code() != code) {
                throw new AssertionError(what + ": expected " + code + ", got " + e.code() + " (" + e.getMessage() + ")");
            }
            return;
        }
        throw new AssertionError(what + ": expected " + code + ", but nothing was thrown");
    }

    public static void same(Object expected, Object actual, String what) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual);
        }
    }

    /** Runs {@code action} and checks that it fails with {@code message} exactly ("CODE: detail"). */
    public static void failsWith(String message, Runnable action, String what) {
        try {
            action.run();
        } catch (TeaVecException e) {
            if (!e.getMessage().equals(message)) {
                throw new AssertionError(what + ": expected \"" + message + "\", got \"" + e.getMessage() + "\"");
            }
            return;
        }
        throw new AssertionError(what + ": expected " + message + ", but nothing was thrown");
    }

    private static String join(int[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(a[i]);
        }
        return sb.append(']').toString();
    }
}
