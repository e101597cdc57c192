// A real SolrCloud for the tests and the benchmark: solr-cloud/bin/solr-cloud start (the launcher, a
// MiniSolrCloudCluster of 2 nodes on 127.0.0.1) as a child process, driven through its stdin protocol.
// The launcher stops when its stdin closes, so a cluster never outlives the test process.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MODULE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO_DIR = dirname(MODULE_DIR);
const LAUNCHER = join(MODULE_DIR, 'bin', 'solr-cloud');

/**
 * Starts the cluster; resolves once its nodes answer. `log`: where the launcher's stderr goes
 * (default target/solr-cloud-test.log). The handle: `urls`, `createCollection`, `deleteCollection`,
 * `stopNode`, `startNode`, `waitActive`, `stop`.
 */
export async function startCluster({ nodes = 2, log = join(MODULE_DIR, 'target', 'solr-cloud-test.log') } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'teavec-solr-urls-'));
  const urlsFile = join(dir, 'nodes.json');
  const child = spawn(LAUNCHER, ['start', '--nodes', String(nodes), '--urls-file', urlsFile], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr.pipe(createWriteStream(log));
  const replies = [];
  const waiting = [];
  let exited = null;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('launcher ')) return;
    const reply = line.slice('launcher '.length);
    if (waiting.length > 0) waiting.shift().resolve(reply);
    else replies.push(reply);
  });
  child.on('exit', (code, signal) => {
    exited = `the launcher exited (${code ?? signal}); its log: ${log}`;
    for (const w of waiting.splice(0)) w.reject(new Error(exited));
  });
  const next = () => {
    if (replies.length > 0) return Promise.resolve(replies.shift());
    if (exited) return Promise.reject(new Error(exited));
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  let queue = Promise.resolve();
  /** Sends one command; resolves with the text after "ok", rejects on "error". Commands run one at a time. */
  const command = (line) => {
    const run = queue.then(async () => {
      child.stdin.write(`${line}\n`);
      const reply = await next();
      if (!reply.startsWith('ok ')) throw new Error(`launcher: ${line}: ${reply}`);
      return reply.slice(3);
    });
    queue = run.catch(() => {});
    return run;
  };

  const ready = await next();
  if (!ready.startsWith('ready ')) throw new Error(`launcher: ${ready}`);
  const urls = JSON.parse(readFileSync(urlsFile, 'utf8')).nodes;
  rmSync(dir, { recursive: true, force: true });
  return {
    urls,
    createCollection: (name, { shards = 2, replicas = 2, dimensions, metric = 'cosine' }) =>
      command(`create ${name} ${shards} ${replicas} ${dimensions} ${metric}`),
    deleteCollection: (name) => command(`delete ${name}`),
    stopNode: (i) => command(`stop-node ${i}`),
    startNode: (i) => command(`start-node ${i}`),
    waitActive: (name) => command(`wait ${name}`),
    /** Resident memory of the Solr JVM now, MB (Linux). */
    rssMB() {
      try {
        return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
      } catch {
        return NaN;
      }
    },
    /** CPU seconds the Solr JVM used so far (Linux), to tell its work from the wait on a busy machine. */
    cpuSeconds() {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        return NaN;
      }
    },
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end('quit\n');
      await gone;
    },
  };
}
