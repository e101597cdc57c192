package dev.teavec.solr;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.meta.KeyTable;
import dev.teavec.core.meta.MetaRecord;
import dev.teavec.core.meta.MetaValue;
import dev.teavec.core.meta.MetadataJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.solr.common.SolrInputDocument;

/** The Solr document of one TeaVec record, laid out as solr-layout.json says (teavec/solr writes the same). */
public final class RecordDocuments {
    private final SolrLayout layout = SolrLayout.get();

    /**
     * The document of live record {@code id} of {@code db}; its Solr id is the record's key (the numeric id
     * as text for records without one, as EdgeVec indexes have). {@code version}: the last-writer-wins version.
     */
    public SolrInputDocument of(CollectionStore db, int id, long version) {
        String key = db.keyOf(id);
        float[] vector = db.index().get(id);
        MetaRecord record = db.metadata().get(id);
        KeyTable keys = db.metadata().keys();
        String metadataJson = record == null || record.size() == 0 ? null : MetadataJson.write(record, keys);
        String document = db.documents().get(id);

        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(layout.field("id"), key != null ? key : Integer.toString(id));
        List<Float> values = new ArrayList<>(vector.length);
        for (float f : vector) {
            values.add(f);
        }
        doc.setField(layout.field("vector"), values);
        if (document != null) {
            doc.setField(layout.field("document"), document);
        }
        if (metadataJson != null) {
            doc.setField(layout.field("metadata"), metadataJson);
            for (int i = 0; i < record.size(); i++) {
                addMetadata(doc, keys.name(record.keyId(i)), record.value(i));
            }
        }
        doc.setField(layout.field("version"), version);
        Map<String, MetaValue> byKey = new LinkedHashMap<>();
        for (int i = 0; record != null && i < record.size(); i++) {
            byKey.put(keys.name(record.keyId(i)), record.value(i));
        }
        doc.setField(layout.field("hash"), ContentHash.of(vector, byKey, document));
        return doc;
    }

    private void addMetadata(SolrInputDocument doc, String key, MetaValue v) {
        switch (v.kind()) {
            case MetaValue.NULL:
                return;
            case MetaValue.STRING:
                checkTerm(key, v.text());
                doc.setField(layout.metadataField(key, SolrLayout.Kind.STRING), v.text());
                break;
            case MetaValue.NUMBER:
                // -0 and 0 are equal in filters; a point field would tell them apart.
                doc.setField(layout.metadataField(key, SolrLayout.Kind.NUMBER), v.number() == 0 ? 0.0 : v.number());
                break;
            case MetaValue.BOOLEAN:
                doc.setField(layout.metadataField(key, SolrLayout.Kind.BOOLEAN), v.bool());
                break;
            case MetaValue.STRING_LIST:
                List<String> items = new ArrayList<>(v.listSize());
                for (int i = 0; i < v.listSize(); i++) {
                    checkTerm(key, v.listItem(i));
                    items.add(v.listItem(i));
                }
                if (!items.isEmpty()) {
                    doc.setField(layout.metadataField(key, SolrLayout.Kind.STRINGS), items);
                }
                break;
            default:
                throw new IllegalStateException("unknown metadata value kind " + v.kind());
        }
        doc.addField(layout.field("metadataKeys"), key);
    }

    /** Lucene refuses a term longer than 32766 UTF-8 bytes: say so with the key rather than fail in Solr. */
    private void checkTerm(String key, String s) {
        int max = layout.maxTermBytes();
        if (s.length() > max / 3 && s.getBytes(StandardCharsets.UTF_8).length > max) {
            throw new IllegalArgumentException("NOT_SUPPORTED: metadata '" + key + "' holds a string of more than "
                    + max + " UTF-8 bytes, which Solr cannot index for filters");
        }
    }
}
