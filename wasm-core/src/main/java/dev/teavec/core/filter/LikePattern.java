package dev.teavec.core.filter;

/**
 * SQL LIKE matching: {@code %} is any run of characters, {@code _} exactly one. Greedy with one
 * back-track point (the last {@code %}), so O(text × pattern) at worst and no regex engine.
 */
final class LikePattern {
    private LikePattern() {
    }

    static boolean matches(String text, String pattern) {
        int t = 0;
        int p = 0;
        int starP = -1;
        int starT = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '_' || pattern.charAt(p) == text.charAt(t))
                    && pattern.charAt(p) != '%') {
                t++;
                p++;
            } else if (p < pattern.length() && pattern.charAt(p) == '%') {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '%') {
            p++;
        }
        return p == pattern.length();
    }
}
