package dev.teavec.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.teavec.core.meta.MetaValue;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.solr.common.util.Utils;
import org.junit.jupiter.api.Test;

/** The Java half of the layout against the examples teavec/solr's tests check too (layout-examples.json). */
class SolrLayoutTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> examples() throws Exception {
        try (InputStream in = SolrLayoutTest.class.getResourceAsStream("layout-examples.json")) {
            return (Map<String, Object>) Utils.fromJSON(in);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void metadataFieldNamesMatchTheSharedExamples() throws Exception {
        List<Map<String, Object>> names = (List<Map<String, Object>>) examples().get("fieldNames");
        assertEquals(7, names.size());
        for (Map<String, Object> e : names) {
            SolrLayout.Kind kind = SolrLayout.Kind.valueOf(((String) e.get("kind")).toUpperCase());
            assertEquals(e.get("field"), SolrLayout.get().metadataField((String) e.get("key"), kind), "key " + e.get("key"));
        }
    }

    @Test
    void distinctKeysGetDistinctFields() {
        SolrLayout layout = SolrLayout.get();
        assertNotEquals(layout.metadataField("a_b", SolrLayout.Kind.STRING), layout.metadataField("a b", SolrLayout.Kind.STRING));
        assertNotEquals(layout.metadataField("a", SolrLayout.Kind.STRINGS), layout.metadataField("a", SolrLayout.Kind.STRING));
        assertEquals("tv_m_a_0020b__s", layout.metadataField("a b", SolrLayout.Kind.STRING));
    }

    @Test
    @SuppressWarnings("unchecked")
    void contentHashesMatchTheSharedExamples() throws Exception {
        List<Map<String, Object>> hashes = (List<Map<String, Object>>) examples().get("hashes");
        assertEquals(4, hashes.size());
        for (Map<String, Object> e : hashes) {
            List<Number> v = (List<Number>) e.get("vector");
            float[] vector = new float[v.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = v.get(i).floatValue();
            }
            Map<String, MetaValue> metadata = null;
            if (e.get("metadata") != null) {
                metadata = new LinkedHashMap<>();
                for (Map.Entry<String, Object> m : ((Map<String, Object>) e.get("metadata")).entrySet()) {
                    metadata.put(m.getKey(), value(m.getValue()));
                }
            }
            assertEquals(e.get("hash"), ContentHash.of(vector, metadata, (String) e.get("document")), "example " + e);
        }
    }

    @SuppressWarnings("unchecked")
    private static MetaValue value(Object o) {
        if (o == null) {
            return MetaValue.NULL_VALUE;
        }
        if (o instanceof String) {
            return MetaValue.of((String) o);
        }
        if (o instanceof Boolean) {
            return MetaValue.of((Boolean) o);
        }
        if (o instanceof Number) {
            return MetaValue.of(((Number) o).doubleValue());
        }
        return MetaValue.ofList(((List<String>) o).toArray(new String[0]));
    }
}
