package dev.teavec.solr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A real SolrCloud in this JVM (Solr's MiniSolrCloudCluster: embedded ZooKeeper and Jetty nodes on
 * 127.0.0.1, random ports) for tests and for trying teavec/solr. Nodes keep their index number and URL
 * across {@link #stopNode}/{@link #startNode}.
 */
public final class LocalCluster implements AutoCloseable {
    private static final int TIMEOUT_SECONDS = 90;

    private final MiniSolrCloudCluster cluster;
    private final Path baseDir;
    private final boolean deleteOnClose;
    private final List<JettySolrRunner> nodes;
    private final List<String> configSets = new ArrayList<>();

    private LocalCluster(MiniSolrCloudCluster cluster, Path baseDir, boolean deleteOnClose) {
        this.cluster = cluster;
        this.baseDir = baseDir;
        this.deleteOnClose = deleteOnClose;
        this.nodes = new ArrayList<>(cluster.getJettySolrRunners());
        // Node order by port, so that "node 0" names the same node in every listing.
        this.nodes.sort(Comparator.comparingInt(JettySolrRunner::getLocalPort));
    }

    /**
     * Starts ZooKeeper and {@code nodeCount} Solr nodes under {@code baseDir}, which {@link #close} deletes
     * when {@code deleteOnClose} (a directory made for the cluster; never one a user named).
     */
    public static LocalCluster start(int nodeCount, Path baseDir, boolean deleteOnClose) throws Exception {
        if (nodeCount < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, got " + nodeCount);
        }
        // Solr's test framework reads these; outside its randomized runner nobody else sets them.
        System.setProperty("host", "127.0.0.1");
        System.setProperty("solr.log.dir", baseDir.resolve("logs").toString());
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodeCount, baseDir)
                .withTraceIdGenerationDisabled()
                .withMetrics(false)
                .build();
        return new LocalCluster(cluster, baseDir, deleteOnClose);
    }

    /** Base URLs of the nodes, e.g. http://127.0.0.1:40123/solr, by node index. */
    public List<String> nodeUrls() {
        List<String> urls = new ArrayList<>();
        for (JettySolrRunner node : nodes) {
            urls.add(url(node));
        }
        return urls;
    }

    /** Creates a collection of {@code shards} × {@code replicas} with the configset of {@code schema}; waits until it is active. */
    public void createCollection(String name, int shards, int replicas, SolrSchema schema) throws Exception {
        String config = schema.configSetName();
        if (!configSets.contains(config)) {
            Path dir = schema.write(baseDir.resolve("configsets").resolve(config));
            cluster.uploadConfigSet(dir, config);
            configSets.add(config);
        }
        CollectionAdminRequest.createCollection(name, config, shards, replicas).process(cluster.getSolrClient());
        cluster.waitForActiveCollection(name, TIMEOUT_SECONDS, TimeUnit.SECONDS, shards, shards * replicas);
    }

    public void deleteCollection(String name) throws Exception {
        CollectionAdminRequest.deleteCollection(name).process(cluster.getSolrClient());
    }

    /** Stops node {@code index} and waits until it is down; returns its URL. */
    public String stopNode(int index) throws Exception {
        JettySolrRunner node = node(index);
        String url = url(node);
        cluster.stopJettySolrRunner(node);
        cluster.waitForJettyToStop(node);
        return url;
    }

    /** Starts node {@code index} again on its old port; returns its URL. */
    public String startNode(int index) throws Exception {
        JettySolrRunner node = node(index);
        cluster.startJettySolrRunner(node, true);
        cluster.waitForNode(node, TIMEOUT_SECONDS);
        return url(node);
    }

    /** Waits until every replica of {@code collection} is active again (after a node came back). */
    public void waitForCollection(String collection) {
        cluster.waitForActiveCollection(collection, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public MiniSolrCloudCluster solr() {
        return cluster;
    }

    private JettySolrRunner node(int index) {
        if (index < 0 || index >= nodes.size()) {
            throw new IllegalArgumentException("nodes are 0.." + (nodes.size() - 1) + ", got " + index);
        }
        return nodes.get(index);
    }

    private static String url(JettySolrRunner node) {
        String url = node.getBaseUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.shutdown();
        } finally {
            if (deleteOnClose) {
                deleteTree(baseDir);
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
