package dev.teavec.solr;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.common.util.Utils;

/**
 * Starts a local SolrCloud for tests and for trying teavec/solr (solr-cloud/bin/solr-cloud, docs/solr.md):
 *
 * <pre>
 * start [--nodes 2] [--urls-file F] [--dir D (kept)] [--collection NAME --dimensions 384 [--metric cosine]
 *       [--shards 2] [--replicas 2]] [--wait]
 * configset --dimensions 384 [--metric cosine] --out DIR
 * </pre>
 *
 * {@code start} prints {@code launcher ready URL...} and writes {@code {"nodes": [URL...]}} to the urls
 * file. Then it reads commands, one a line, from standard input and answers each with a line starting
 * {@code launcher ok} or {@code launcher error}: {@code create NAME SHARDS REPLICAS DIMENSIONS METRIC},
 * {@code delete NAME}, {@code stop-node I}, {@code start-node I}, {@code wait NAME}, {@code urls},
 * {@code quit}. The end of standard input stops the cluster too (so it never outlives the process
 * that started it); with {@code --wait} it runs until interrupted (Ctrl-C) instead.
 */
public final class Launcher {
    private static final String PREFIX = "launcher ";
    private final PrintStream out;
    private final LocalCluster cluster;

    private Launcher(PrintStream out, LocalCluster cluster) {
        this.out = out;
        this.cluster = cluster;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (args.length == 0 || !(args[0].equals("start") || args[0].equals("configset"))) {
            System.err.println("usage: start [--nodes N] [--urls-file F] [--dir D] [--collection NAME --dimensions D "
                    + "[--metric M] [--shards S] [--replicas R]] [--wait] | configset --dimensions D [--metric M] --out DIR");
            System.exit(2);
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        if (args[0].equals("configset")) {
            SnapshotImporter.Args a = new SnapshotImporter.Args(rest, "--dimensions", "--metric", "--out");
            SolrSchema schema = new SolrSchema(Integer.parseInt(a.required("--dimensions")),
                    a.optional("--metric").orElse("cosine"));
            Path dir = schema.write(Path.of(a.required("--out")));
            out.println("configset " + schema.configSetName() + " written to " + dir.toAbsolutePath());
            return;
        }
        boolean wait = List.of(rest).contains("--wait");
        rest = java.util.Arrays.stream(rest).filter(s -> !s.equals("--wait")).toArray(String[]::new);
        SnapshotImporter.Args a = new SnapshotImporter.Args(rest, "--nodes", "--urls-file", "--dir", "--collection",
                "--dimensions", "--metric", "--shards", "--replicas");
        Path dir = a.optional("--dir").map(Path::of).orElse(null);
        boolean temporary = dir == null;
        if (temporary) {
            dir = Files.createTempDirectory("teavec-solr-");
        }
        LocalCluster cluster = LocalCluster.start(Integer.parseInt(a.optional("--nodes").orElse("2")), dir, temporary);
        Thread hook = new Thread(() -> stop(cluster));
        Runtime.getRuntime().addShutdownHook(hook);
        Launcher launcher = new Launcher(out, cluster);
        if (a.optional("--collection").isPresent()) {
            cluster.createCollection(a.required("--collection"), Integer.parseInt(a.optional("--shards").orElse("2")),
                    Integer.parseInt(a.optional("--replicas").orElse("2")),
                    new SolrSchema(Integer.parseInt(a.required("--dimensions")), a.optional("--metric").orElse("cosine")));
        }
        List<String> urls = cluster.nodeUrls();
        if (a.optional("--urls-file").isPresent()) {
            Path file = Path.of(a.required("--urls-file"));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, Utils.toJSON(java.util.Map.of("nodes", urls)));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        out.println(PREFIX + "ready " + String.join(" ", urls));
        if (wait) {
            new CountDownLatch(1).await();
        }
        launcher.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        Runtime.getRuntime().removeShutdownHook(hook);
        stop(cluster);
        out.println(PREFIX + "stopped");
        System.exit(0);
    }

    private void serve(BufferedReader in) throws Exception {
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split("\\s+");
            if (w[0].isEmpty()) {
                continue;
            }
            if (w[0].equals("quit")) {
                out.println(PREFIX + "ok quit");
                return;
            }
            try {
                out.println(PREFIX + "ok " + command(w));
            } catch (Exception e) {
                out.println(PREFIX + "error " + w[0] + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
    }

    private String command(String[] w) throws Exception {
        switch (w[0]) {
            case "create":
                expect(w, 6, "create NAME SHARDS REPLICAS DIMENSIONS METRIC");
                cluster.createCollection(w[1], Integer.parseInt(w[2]), Integer.parseInt(w[3]),
                        new SolrSchema(Integer.parseInt(w[4]), w[5]));
                return "created " + w[1];
            case "delete":
                expect(w, 2, "delete NAME");
                cluster.deleteCollection(w[1]);
                return "deleted " + w[1];
            case "stop-node":
                expect(w, 2, "stop-node INDEX");
                return "stopped " + w[1] + " " + cluster.stopNode(Integer.parseInt(w[1]));
            case "start-node":
                expect(w, 2, "start-node INDEX");
                return "started " + w[1] + " " + cluster.startNode(Integer.parseInt(w[1]));
            case "wait":
                expect(w, 2, "wait NAME");
                cluster.waitForCollection(w[1]);
                return "active " + w[1];
            case "urls":
                return "urls " + String.join(" ", cluster.nodeUrls());
            default:
                throw new IllegalArgumentException("unknown command; known: create, delete, stop-node, start-node, "
                        + "wait, urls, quit");
        }
    }

    private static void expect(String[] w, int n, String usage) {
        if (w.length != n) {
            throw new IllegalArgumentException("usage: " + usage);
        }
    }

    private static void stop(LocalCluster cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("launcher: stopping the cluster failed: " + e);
        }
    }
}
