package dev.teavec.bindings.wal;

import dev.teavec.core.wal.CollectionChange;
import dev.teavec.core.wal.DeleteKeys;
import dev.teavec.core.wal.DroppedBytes;
import dev.teavec.core.wal.IndexCall;
import dev.teavec.core.wal.WalContents;
import dev.teavec.core.wal.WalOp;
import dev.teavec.core.wal.WalOperation;
import dev.teavec.core.wal.WalRecord;
import dev.teavec.core.wal.WalRecovery;
import dev.teavec.core.wal.WriteBatch;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * What recovery found, as JavaScript sees it: {checkpoint, records, recovery}. Records are plain objects with
 * the fields of their operation; {@code recovery} says what was dropped and why (the database's
 * {@code recovery} property).
 */
interface RecoveredLog extends JSObject {
    @JSProperty
    void setCheckpoint(StoredCheckpoint checkpoint);

    @JSProperty
    void setRecords(JSArray<RecordJs> records);

    @JSProperty
    void setRecovery(ReportJs recovery);

    static RecoveredLog of(StoredCheckpoint checkpoint, WalContents contents) {
        RecoveredLog out = JSObjects.create();
        out.setCheckpoint(checkpoint);
        JSArray<RecordJs> records = JSArray.create();
        for (WalRecord r : contents.records()) {
            records.push(RecordJs.of(r));
        }
        out.setRecords(records);
        out.setRecovery(ReportJs.of(contents.recovery()));
        return out;
    }

    /** One record: seq, op (its name) and the fields of that operation. */
    interface RecordJs extends JSObject {
        @JSProperty
        void setSeq(double seq);

        @JSProperty
        void setOp(String op);

        @JSProperty
        void setCollection(String collection);

        @JSProperty
        void setSettings(String settings);

        @JSProperty
        void setNewName(String newName);

        @JSProperty
        void setMetadata(JSObject metadata);

        @JSProperty
        void setKeys(JSArray<JSString> keys);

        @JSProperty
        void setDimensions(int dimensions);

        @JSProperty
        void setHasVector(Int8Array hasVector);

        @JSProperty
        void setVectors(Float32Array vectors);

        @JSProperty
        void setDocuments(JSArray<JSString> documents);

        @JSProperty
        void setMethod(String method);

        @JSProperty
        void setArguments(String argumentsJson);

        @JSProperty
        void setFloats(Float32Array floats);

        static RecordJs of(WalRecord record) {
            RecordJs r = JSObjects.create();
            r.setSeq(record.seq());
            WalOperation o = record.operation();
            r.setOp(WalOp.name(o.op()));
            if (o instanceof CollectionChange) {
                CollectionChange c = (CollectionChange) o;
                r.setCollection(c.name());
                if (c.op() == WalOp.CREATE_COLLECTION) {
                    r.setSettings(c.settings());
                } else if (c.op() == WalOp.MODIFY_COLLECTION) {
                    r.setNewName(c.newName());
                    r.setMetadata(c.metadata() == null ? null : JSString.valueOf(c.metadata()));
                }
            } else if (o instanceof DeleteKeys) {
                DeleteKeys d = (DeleteKeys) o;
                r.setCollection(d.collection());
                JSArray<JSString> keys = JSArray.create();
                for (int i = 0; i < d.size(); i++) {
                    keys.push(JSString.valueOf(d.key(i)));
                }
                r.setKeys(keys);
            } else if (o instanceof WriteBatch) {
                batch(r, (WriteBatch) o);
            } else if (o instanceof IndexCall) {
                IndexCall c = (IndexCall) o;
                r.setMethod(c.method());
                r.setArguments(c.argumentsJson());
                r.setFloats(Float32Array.copyFromJavaArray(c.floats()));
            }
            return r;
        }

        private static void batch(RecordJs r, WriteBatch b) {
            r.setCollection(b.collection());
            int n = b.size();
            JSArray<JSString> keys = JSArray.create();
            JSArray<JSObject> metadata = JSArray.create();
            JSArray<JSString> documents = JSArray.create();
            byte[] has = new byte[n];
            for (int i = 0; i < n; i++) {
                keys.push(JSString.valueOf(b.key(i)));
                metadata.push(b.metadata(i) == null ? null : JSString.valueOf(b.metadata(i)));
                documents.push(b.document(i) == null ? null : JSString.valueOf(b.document(i)));
                has[i] = (byte) (b.hasVector(i) ? 1 : 0);
            }
            r.setKeys(keys);
            r.setDimensions(b.dimensions());
            r.setHasVector(Int8Array.copyFromJavaArray(has));
            r.setVectors(Float32Array.copyFromJavaArray(b.vectors()));
            r.setMetadata(metadata);
            r.setDocuments(documents);
        }
    }

    /** The recovery report: {checkpointSeq, lastSeq, covered, dropped: [...], segments: [...]}. */
    interface ReportJs extends JSObject {
        @JSProperty
        void setCheckpointSeq(double seq);

        @JSProperty
        void setLastSeq(double seq);

        @JSProperty
        void setCovered(int covered);

        @JSProperty
        void setDropped(JSArray<DroppedJs> dropped);

        @JSProperty
        void setSegments(JSArray<SegmentJs> segments);

        static ReportJs of(WalRecovery recovery) {
            ReportJs r = JSObjects.create();
            r.setCheckpointSeq(recovery.checkpointSeq());
            r.setLastSeq(recovery.lastSeq());
            r.setCovered(recovery.covered());
            JSArray<DroppedJs> dropped = JSArray.create();
            for (DroppedBytes d : recovery.dropped()) {
                dropped.push(DroppedJs.of(d));
            }
            r.setDropped(dropped);
            JSArray<SegmentJs> segments = JSArray.create();
            for (int i = 0; i < recovery.segmentCount(); i++) {
                segments.push(SegmentJs.of(recovery.segmentId(i), recovery.segmentStart(i),
                        recovery.segmentGeneration(i)));
            }
            r.setSegments(segments);
            return r;
        }
    }

    /** {segment, offset, bytes, records, seq, reason, detail}. */
    interface DroppedJs extends JSObject {
        @JSProperty
        void setSegment(int segment);

        @JSProperty
        void setOffset(int offset);

        @JSProperty
        void setBytes(int bytes);

        @JSProperty
        void setRecords(int records);

        @JSProperty
        void setSeq(double seq);

        @JSProperty
        void setReason(String reason);

        @JSProperty
        void setDetail(String detail);

        static DroppedJs of(DroppedBytes d) {
            DroppedJs j = JSObjects.create();
            j.setSegment(d.segment());
            j.setOffset(d.offset());
            j.setBytes(d.bytes());
            j.setRecords(d.records());
            j.setSeq(d.seq());
            j.setReason(d.reason());
            j.setDetail(d.detail());
            return j;
        }
    }

    /** {id, start, generation}: start and generation -1 when the segment has no valid start. */
    interface SegmentJs extends JSObject {
        @JSProperty
        void setId(int id);

        @JSProperty
        void setStart(double start);

        @JSProperty
        void setGeneration(int generation);

        static SegmentJs of(int id, long start, int generation) {
            SegmentJs s = JSObjects.create();
            s.setId(id);
            s.setStart(start);
            s.setGeneration(generation);
            return s;
        }
    }
}
