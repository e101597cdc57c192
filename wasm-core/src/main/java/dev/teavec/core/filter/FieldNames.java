package dev.teavec.core.filter;

import java.util.ArrayList;
import java.util.List;

/** The distinct field names a filter mentions, numbered in order of first use. */
final class FieldNames {
    private final List<String> names = new ArrayList<>();

    int indexOf(String name) {
        int i = names.indexOf(name);
        if (i >= 0) {
            return i;
        }
        names.add(name);
        return names.size() - 1;
    }

    String[] toArray() {
        String[] out = new String[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = names.get(i);
        }
        return out;
    }
}
