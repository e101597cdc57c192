package dev.teavec.solr;

import dev.teavec.core.codec.DatabaseSnapshot;
import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.codec.SnapshotBytes;
import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.error.TeaVecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrInputDocument;

/**
 * Reads a TeaVec snapshot with wasm-core (a database snapshot, {@code Database#toBytes}/{@code saveToFile},
 * or an index snapshot, {@code EdgeVec#saveToFile}) and indexes one collection of it into a SolrCloud
 * collection made with {@link SolrSchema}'s configset: what a backend runs on snapshots its clients upload.
 * Every record gets the same version (the import's start time in microseconds since the epoch, the unit of
 * teavec/solr's versions), so a record written later by anyone wins.
 *
 * <pre>solr-cloud/bin/solr-cloud import --solr-url http://127.0.0.1:8983/solr --collection docs --snapshot db.teavec [--from name]</pre>
 */
public final class SnapshotImporter {
    private final SolrClient client;
    private final String collection;
    private final int batchSize;
    private final Retry retry;

    public SnapshotImporter(SolrClient client, String collection, int batchSize, Retry retry) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.client = client;
        this.collection = collection;
        this.batchSize = batchSize;
        this.retry = retry;
    }

    /** What an import did. */
    public record Result(String from, int records, int batches, int retries, long millis) {
    }

    /**
     * Imports collection {@code from} of the snapshot ({@code null}: its only collection, or the index of an
     * index snapshot) and commits. Safe to run again: records are replaced by id.
     */
    public Result importSnapshot(byte[] snapshot, String from) throws Exception {
        long start = System.currentTimeMillis();
        Source source = open(snapshot, from);
        long version = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        RecordDocuments documents = new RecordDocuments();
        CollectionStore db = source.db();
        List<SolrInputDocument> batch = new ArrayList<>(batchSize);
        int records = 0;
        int batches = 0;
        int idLimit = db.index().idLimit();
        for (int id = 0; id < idLimit; id++) {
            if (db.index().isDeleted(id)) {
                continue;
            }
            batch.add(documents.of(db, id, version));
            records++;
            if (batch.size() == batchSize) {
                send(batch);
                batches++;
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            send(batch);
            batches++;
        }
        retry.run("commit", () -> client.commit(collection, true, true));
        return new Result(source.name(), records, batches, retry.retries(), System.currentTimeMillis() - start);
    }

    private void send(List<SolrInputDocument> docs) throws Exception {
        UpdateRequest request = new UpdateRequest();
        request.add(docs);
        retry.run("update", () -> request.process(client, collection));
    }

    record Source(String name, CollectionStore db) {
    }

    /** The collection to import: by name from a database snapshot, or the database of an index snapshot. */
    static Source open(byte[] bytes, String from) {
        DatabaseSnapshot database;
        try {
            database = DatabaseSnapshot.decode(SnapshotBytes.of(bytes));
        } catch (TeaVecException asDatabase) {
            try {
                CollectionStore db = IndexSnapshot.decodeDatabase(bytes);
                if (from != null) {
                    throw new IllegalArgumentException("an index snapshot holds one unnamed index: leave out --from");
                }
                return new Source(null, db);
            } catch (TeaVecException asIndex) {
                throw new IllegalArgumentException("not a TeaVec snapshot: as a database snapshot, "
                        + asDatabase.getMessage() + "; as an index snapshot, " + asIndex.getMessage());
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < database.size(); i++) {
            names.add(database.name(i));
        }
        int pick = from != null ? names.indexOf(from) : names.size() == 1 ? 0 : -1;
        if (pick < 0) {
            throw new IllegalArgumentException((from == null ? "the snapshot holds " + names.size()
                    + " collections: name one with --from" : "no collection named '" + from + "'")
                    + "; it has " + names);
        }
        if (database.database(pick) == null) {
            throw new IllegalArgumentException("collection '" + names.get(pick) + "' has no records yet");
        }
        return new Source(names.get(pick), database.database(pick));
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args, "--solr-url", "--collection", "--snapshot", "--from", "--batch");
        List<String> urls = Arrays.asList(a.required("--solr-url").split(","));
        Path file = Path.of(a.required("--snapshot"));
        String collection = a.required("--collection");
        try (SolrClient client = new CloudHttp2SolrClient.Builder(urls).build()) {
            SnapshotImporter importer = new SnapshotImporter(client, collection,
                    Integer.parseInt(a.optional("--batch").orElse("500")), new Retry(8, 250, 4000));
            Result r = importer.importSnapshot(Files.readAllBytes(file), a.optional("--from").orElse(null));
            System.out.printf("imported %d records%s into %s in %d batches (%d retries), %d ms%n", r.records(),
                    r.from() == null ? "" : " of '" + r.from() + "'", collection, r.batches(), r.retries(), r.millis());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("import: " + e.getMessage());
            System.exit(2);
        }
    }

    /** {@code --name value} pairs. */
    static final class Args {
        private final java.util.Map<String, String> values = new java.util.HashMap<>();

        Args(String[] args, String... known) {
            List<String> names = Arrays.asList(known);
            for (int i = 0; i < args.length; i++) {
                if (!names.contains(args[i]) || i + 1 == args.length) {
                    throw new IllegalArgumentException("expected one of " + names + " followed by a value, got '"
                            + args[i] + "'");
                }
                values.put(args[i], args[++i]);
            }
        }

        String required(String name) {
            return optional(name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
        }

        Optional<String> optional(String name) {
            return Optional.ofNullable(values.get(name));
        }
    }
}
