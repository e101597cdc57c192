package dev.teavec.core.fulltext;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.teavec.core.recall.Vecs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The texts of the shared WordNet set (one JSON object a line; the "text" field), for real-text tests. */
final class WordNetTexts {
    private WordNetTexts() {
    }

    static File file(String name) {
        return new File(new File(Vecs.dataDir(), "wordnet-minilm-384-angular"), name);
    }

    /** The "text" of every line of {@code name}; skips the calling test when the shared data is absent. */
    static List<String> texts(String name) throws IOException {
        return field(name, "text");
    }

    static List<String> field(String name, String field) throws IOException {
        File f = file(name);
        assumeTrue(f.isFile(), "real-data test skipped: " + f.getAbsolutePath()
                + " not found (set -Dteavec.data=/path/to/shared/data)");
        return read(f, field);
    }

    /** The string {@code field} of every line of {@code f} (no JUnit: benchmarks use it too). */
    static List<String> read(File f, String field) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(f.toPath(), StandardCharsets.UTF_8)) {
            out.add(stringField(line, field));
        }
        return out;
    }

    /** A string field of one flat JSON object line (the files hold no nested objects). */
    static String stringField(String line, String field) {
        String key = "\"" + field + "\":\"";
        int at = line.indexOf(key);
        if (at < 0) {
            throw new IllegalArgumentException("no string field " + field + " in " + line);
        }
        StringBuilder out = new StringBuilder();
        for (int i = at + key.length(); i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char e = line.charAt(++i);
                switch (e) {
                    case 'n': out.append('\n'); break;
                    case 't': out.append('\t'); break;
                    case 'u': out.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16)); i += 4; break;
                    default: out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated string in " + line);
    }
}
