package dev.teavec.core.fulltext;

/**
 * One small stable merge sort of ints under a given order, used for every sort in this package:
 * each of the class library's Arrays.sort variants would add its own code to the shipped module.
 */
final class IntSort {
    interface Order {
        /** Negative, zero or positive as a sorts before, with or after b. */
        int compare(int a, int b);
    }

    static final Order NATURAL = (a, b) -> a < b ? -1 : a > b ? 1 : 0;

    private IntSort() {
    }

    /** Sorts a[0, n). */
    static void sort(int[] a, int n, Order order) {
        if (n < 2) {
            return;
        }
        int[] src = a;
        int[] dst = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                for (int k = lo; k < hi; k++) {
                    dst[k] = j >= hi || (i < mid && order.compare(src[i], src[j]) <= 0) ? src[i++] : src[j++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }
}
