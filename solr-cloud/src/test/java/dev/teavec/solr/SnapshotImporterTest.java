package dev.teavec.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.codec.DatabaseSnapshot;
import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.vector.Metric;
import java.util.Collection;
import java.util.List;
import org.apache.solr.common.SolrInputDocument;
import org.junit.jupiter.api.Test;

/** What the importer reads from snapshots and the documents it makes (its run against SolrCloud: solr-cloud/test). */
class SnapshotImporterTest {
    private static CollectionStore database() {
        CollectionStore db = new CollectionStore(IndexConfig.builder(3, Metric.COSINE).indexType("flat").build());
        db.add("a", new float[] {1, 0, 0}, "{\"pos\":\"n\",\"n\":-0,\"words\":[\"x\",\"y\"],\"gone\":null,\"ok\":true}", "the doc");
        db.add("b", new float[] {0, 1, 0}, null, null);
        db.add("c", new float[] {0, 0, 1}, "{\"pos\":\"v\"}", null);
        db.deleteKey("c");
        return db;
    }

    @Test
    void aDatabaseSnapshotGivesTheNamedCollection() {
        byte[] bytes = DatabaseSnapshot.encode(new String[] {"one", "two"}, new String[] {"{}", "{}"},
                new CollectionStore[] {database(), database()}).toArray();
        assertEquals("two", SnapshotImporter.open(bytes, "two").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotImporter.open(bytes, null));
        assertTrue(e.getMessage().contains("name one with --from") && e.getMessage().contains("[one, two]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SnapshotImporter.open(bytes, "three"));
        assertTrue(e.getMessage().contains("no collection named 'three'"), e.getMessage());
    }

    @Test
    void anIndexSnapshotGivesItsDatabase() {
        byte[] bytes = IndexSnapshot.encodeToArray(database());
        SnapshotImporter.Source source = SnapshotImporter.open(bytes, null);
        assertNull(source.name());
        assertEquals(2, source.db().index().liveCount());
    }

    @Test
    void otherBytesAreRefusedSayingWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnapshotImporter.open(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, null));
        assertTrue(e.getMessage().startsWith("not a TeaVec snapshot"), e.getMessage());
    }

    @Test
    void documentsCarryTheRecordAndTypedMetadataFields() {
        CollectionStore db = database();
        SolrLayout layout = SolrLayout.get();
        SolrInputDocument a = new RecordDocuments().of(db, db.idOfKey("a"), 42L);
        assertEquals("a", a.getFieldValue("id"));
        assertEquals(List.of(1f, 0f, 0f), List.copyOf(a.getFieldValues(layout.field("vector"))));
        assertEquals("the doc", a.getFieldValue(layout.field("document")));
        assertEquals(42L, a.getFieldValue(layout.field("version")));
        assertEquals("n", a.getFieldValue(layout.metadataField("pos", SolrLayout.Kind.STRING)));
        assertEquals(0.0, (Double) a.getFieldValue(layout.metadataField("n", SolrLayout.Kind.NUMBER)));
        assertEquals(Double.doubleToLongBits(0.0),
                Double.doubleToLongBits((Double) a.getFieldValue(layout.metadataField("n", SolrLayout.Kind.NUMBER))), "-0 as 0");
        assertEquals(List.of("x", "y"), List.copyOf(a.getFieldValues(layout.metadataField("words", SolrLayout.Kind.STRINGS))));
        assertEquals(Boolean.TRUE, a.getFieldValue(layout.metadataField("ok", SolrLayout.Kind.BOOLEAN)));
        Collection<Object> keys = a.getFieldValues(layout.field("metadataKeys"));
        assertEquals(List.of("pos", "n", "words", "ok"), List.copyOf(keys), "keys with a value; null ones are left out");
        assertEquals(32, ((String) a.getFieldValue(layout.field("hash"))).length());

        SolrInputDocument b = new RecordDocuments().of(db, db.idOfKey("b"), 42L);
        assertFalse(b.containsKey(layout.field("metadata")));
        assertFalse(b.containsKey(layout.field("document")));
    }
}
