package dev.teavec.bindings.simd;

import org.teavm.interop.Address;

/** Appends rows to {@link LinearRows} straight from JavaScript bytes ({@link JsRows}), a run of rows per copy. */
final class LinearRowCopy {
    private LinearRowCopy() {
    }

    /**
     * Appends {@code count} rows of {@code dataBytes} each, end to end at {@code pos} of {@code source}; a row's
     * padding beyond its data is zeroed (appended rows are not).
     */
    static void append(LinearRows rows, JsRows source, int pos, int count, int dataBytes) {
        int first = rows.appendAll(count);
        boolean packed = rows.rowBytes() == dataBytes;
        for (int done = 0; done < count; ) {
            int ord = first + done;
            int run = rows.runFrom(ord, count - done);
            int from = pos + done * dataBytes;
            if (packed) {
                source.copyTo(from, rows.address(ord), run * dataBytes);
            } else {
                int pad = rows.rowBytes() - dataBytes;
                for (int r = 0; r < run; r++) {
                    int at = rows.address(ord + r);
                    source.copyTo(from + r * dataBytes, at, dataBytes);
                    Address.fillZero(Address.fromInt(at + dataBytes), pad);
                }
            }
            done += run;
        }
    }
}
