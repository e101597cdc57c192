package dev.teavec.solr;

import java.io.IOException;
import org.apache.solr.common.SolrException;

/**
 * Retries a Solr call that failed for a reason that passes: no connection, or a 5xx answer (a write
 * forwarded to a shard leader that is shutting down fails once with 500 and succeeds once the leader
 * moved). Writes are safe to repeat: records are replaced by id and versions make older repeats no-ops.
 */
public final class Retry {
    /** A call to Solr. */
    public interface Call {
        void run() throws Exception;
    }

    private final int attempts;
    private final long firstDelayMs;
    private final long maxDelayMs;
    private int retries;

    public Retry(int attempts, long firstDelayMs, long maxDelayMs) {
        this.attempts = attempts;
        this.firstDelayMs = firstDelayMs;
        this.maxDelayMs = maxDelayMs;
    }

    /** Retries so far. */
    public int retries() {
        return retries;
    }

    public void run(String what, Call call) throws Exception {
        long delay = firstDelayMs;
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (Exception e) {
                if (attempt >= attempts || !passing(e)) {
                    throw e;
                }
                retries++;
                System.err.println("retry: " + what + " failed (" + e.getMessage() + "), attempt " + (attempt + 1)
                        + " in " + delay + " ms");
                Thread.sleep(delay);
                delay = Math.min(maxDelayMs, delay * 2);
            }
        }
    }

    static boolean passing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SolrException && ((SolrException) t).code() >= 500) {
                return true;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
