package dev.teavec.solr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.solr.common.util.Utils;

/**
 * How TeaVec records are laid out in a Solr collection, read from {@code solr-layout.json}: the file
 * teavec/solr (JavaScript) imports too, so that field names are written once.
 *
 * <p>A metadata key becomes one indexed field per value type: {@code prefix + encodeKey(key) + suffix}.
 * The encoding keeps ASCII letters and digits and writes every other UTF-16 unit as the escape
 * character and four lowercase hex digits, so that any key gives a field name Solr's query syntax
 * takes as it is, and two keys never share a field.
 */
public final class SolrLayout {
    /** The kinds of metadata values that get a typed field of their own. */
    public enum Kind {
        STRING("string"), STRINGS("strings"), NUMBER("number"), BOOLEAN("boolean");

        final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }
    }

    private static final SolrLayout INSTANCE = load();

    private final Map<String, Object> json;
    private final Map<String, Object> fields;
    private final Map<String, Object> metadataFields;
    private final Map<String, Object> suffixes;

    @SuppressWarnings("unchecked")
    private SolrLayout(Map<String, Object> json) {
        this.json = json;
        this.fields = (Map<String, Object>) json.get("fields");
        this.metadataFields = (Map<String, Object>) json.get("metadataFields");
        this.suffixes = (Map<String, Object>) metadataFields.get("suffixes");
    }

    public static SolrLayout get() {
        return INSTANCE;
    }

    @SuppressWarnings("unchecked")
    private static SolrLayout load() {
        try (InputStream in = SolrLayout.class.getResourceAsStream("solr-layout.json")) {
            if (in == null) {
                throw new IllegalStateException("solr-layout.json is missing from the classpath");
            }
            return new SolrLayout((Map<String, Object>) Utils.fromJSON(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixed field by its role in the layout ("id", "vector", "document", ...). */
    public String field(String role) {
        Object name = fields.get(role);
        if (!(name instanceof String)) {
            throw new IllegalArgumentException("solr-layout.json names no field '" + role + "'");
        }
        return (String) name;
    }

    public String deleteVersionParam() {
        return (String) json.get("deleteVersionParam");
    }

    public int maxTermBytes() {
        return ((Number) json.get("maxTermBytes")).intValue();
    }

    /** Solr's similarityFunction for a TeaVec metric ('cosine', 'dot', 'l2'). */
    public String similarity(String metric) {
        @SuppressWarnings("unchecked")
        Object name = ((Map<String, Object>) json.get("similarity")).get(metric);
        if (!(name instanceof String)) {
            throw new IllegalArgumentException("metric must be 'cosine', 'dot' or 'l2', got '" + metric + "'");
        }
        return (String) name;
    }

    public String suffix(Kind kind) {
        return (String) suffixes.get(kind.jsonName);
    }

    public String metadataPrefix() {
        return (String) metadataFields.get("prefix");
    }

    /** The indexed field holding {@code key}'s values of {@code kind}. */
    public String metadataField(String key, Kind kind) {
        return metadataPrefix() + encodeKey(key) + suffix(kind);
    }

    /** Letters and digits as they are; any other UTF-16 unit as escape + 4 hex digits. */
    public String encodeKey(String key) {
        String escape = (String) metadataFields.get("escape");
        StringBuilder sb = new StringBuilder(key.length() + 8);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                sb.append(c);
            } else {
                sb.append(escape).append(String.format("%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
