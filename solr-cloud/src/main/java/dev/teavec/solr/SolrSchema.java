package dev.teavec.solr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema helper: a Solr configset (managed-schema.xml + solrconfig.xml) for TeaVec collections of
 * one vector size and metric. It holds the vector field (DenseVectorField, HNSW, with the dimension and
 * the similarity of the metric), the document (stored, plus an analysed copy for whereDocument), the
 * metadata (stored JSON text, plus typed dynamic fields for where) and the sync fields (version, hash,
 * tombstone); the update chain makes the last writer win (docs/solr.md).
 *
 * <p>Upload the directory {@link #write} makes as a configset (bin/solr zk upconfig, or
 * MiniSolrCloudCluster#uploadConfigSet) and create collections with it.
 */
public final class SolrSchema {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z.]+)}}");
    private static final String[] FILES = {"managed-schema.xml", "solrconfig.xml"};

    private final int dimensions;
    private final String metric;

    /** {@code metric}: TeaVec's 'cosine', 'dot' or 'l2'. */
    public SolrSchema(int dimensions, String metric) {
        if (dimensions < 1 || dimensions > 65536) {
            // TeaVec's range; Solr 9 logs a warning above 1024 dimensions but indexes them.
            throw new IllegalArgumentException("dimensions must be 1..65536, got " + dimensions);
        }
        SolrLayout.get().similarity(metric);
        this.dimensions = dimensions;
        this.metric = metric;
    }

    public int dimensions() {
        return dimensions;
    }

    public String metric() {
        return metric;
    }

    /** A configset name that says what it holds, e.g. "teavec-384-cosine". */
    public String configSetName() {
        return "teavec-" + dimensions + "-" + metric;
    }

    /** Writes the configset's files into {@code dir} (created if missing); returns {@code dir}. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : FILES) {
            Files.writeString(dir.resolve(file), render(template(file)), StandardCharsets.UTF_8);
        }
        return dir;
    }

    /** The text of one configset file. */
    public String render(String template) {
        Map<String, String> values = values();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("configset template names unknown value {{" + m.group(1) + "}}");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private Map<String, String> values() {
        SolrLayout layout = SolrLayout.get();
        Map<String, String> v = new HashMap<>();
        v.put("about", "layout version 1, " + dimensions + " dimensions, " + metric);
        v.put("dimensions", Integer.toString(dimensions));
        v.put("metric", metric);
        v.put("similarity", layout.similarity(metric));
        v.put("deleteVersionParam", layout.deleteVersionParam());
        for (String role : new String[] {"id", "vector", "document", "documentText", "metadata", "metadataKeys",
            "version", "hash", "tombstone"}) {
            v.put("fields." + role, layout.field(role));
        }
        for (SolrLayout.Kind kind : SolrLayout.Kind.values()) {
            v.put("suffix." + kind.jsonName, layout.suffix(kind));
        }
        return v;
    }

    private static String template(String file) {
        try (InputStream in = SolrSchema.class.getResourceAsStream("configset/" + file)) {
            if (in == null) {
                throw new IllegalStateException("configset template " + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
