package dev.teavec.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SolrSchemaTest {
    @TempDir
    Path dir;

    private static Element byName(Document doc, String tag, String name) {
        NodeList list = doc.getElementsByTagName(tag);
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no <" + tag + " name=\"" + name + "\">");
    }

    @Test
    void theConfigSetHasTheVectorFieldWithDimensionAndSimilarity() throws Exception {
        SolrSchema schema = new SolrSchema(384, "dot");
        assertEquals("teavec-384-dot", schema.configSetName());
        schema.write(dir);
        String text = Files.readString(dir.resolve("managed-schema.xml"));
        assertFalse(text.contains("{{"), "every placeholder is filled");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("managed-schema.xml").toFile());
        Element type = byName(doc, "fieldType", "teavec_vector");
        assertEquals("384", type.getAttribute("vectorDimension"));
        assertEquals("maximum_inner_product", type.getAttribute("similarityFunction"));
        SolrLayout layout = SolrLayout.get();
        assertEquals("teavec_vector", byName(doc, "field", layout.field("vector")).getAttribute("type"));
        assertEquals("true", byName(doc, "field", layout.field("document")).getAttribute("stored"));
        assertEquals("text", byName(doc, "field", layout.field("documentText")).getAttribute("type"));
        assertEquals("true", byName(doc, "dynamicField", "*" + layout.suffix(SolrLayout.Kind.STRINGS)).getAttribute("multiValued"));
        assertEquals("pdouble", byName(doc, "dynamicField", "*" + layout.suffix(SolrLayout.Kind.NUMBER)).getAttribute("type"));
    }

    @Test
    void solrconfigMakesTheLastWriterWinWithTombstones() throws Exception {
        new SolrSchema(8, "cosine").write(dir);
        String text = Files.readString(dir.resolve("solrconfig.xml"));
        assertFalse(text.contains("{{"));
        assertTrue(text.contains("<str name=\"versionField\">" + SolrLayout.get().field("version") + "</str>"));
        assertTrue(text.contains("<str name=\"deleteVersionParam\">" + SolrLayout.get().deleteVersionParam() + "</str>"));
        assertTrue(text.contains("<updateLog>"), "SolrCloud needs the update log");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("solrconfig.xml").toFile());
    }

    @Test
    void badSettingsAreRefusedWithWhatWasExpected() {
        assertThrows(IllegalArgumentException.class, () -> new SolrSchema(0, "cosine"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SolrSchema(8, "hamming"));
        assertTrue(e.getMessage().contains("'cosine', 'dot' or 'l2'"), e.getMessage());
    }
}
