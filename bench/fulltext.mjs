// BM25 over the 25k WordNet glosses (../shared/data) with the engine's full-text package, on the JVM:
// build rate, index size, encode/decode time, query latency. The engine's full-text search is not exported
// to JavaScript yet; until it is, this runs the Java benchmark (wasm-core's Bm25Benchmark) directly.
//   node bench/fulltext.mjs            (compiles wasm-core's tests first when needed; needs Maven and a JDK)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = join(repo, 'wasm-core');
const data = process.env.TEAVEC_DATA ?? join(repo, '..', 'shared', 'data');
if (!existsSync(join(data, 'wordnet-minilm-384-angular', 'wordnet_minilm_base.jsonl'))) {
  console.error(`fulltext: ${data}/wordnet-minilm-384-angular not found (set TEAVEC_DATA)`);
  process.exit(1);
}
if (!existsSync(join(core, 'target', 'test-classes', 'dev', 'teavec', 'core', 'fulltext', 'Bm25Benchmark.class'))) {
  execFileSync('mvn', ['-B', '-q', 'test-compile', '-pl', 'wasm-core'], { cwd: repo, stdio: 'inherit' });
}
execFileSync('java', ['-Xmx1g', `-Dteavec.data=${data}`, '-cp', 'target/classes:target/test-classes',
  'dev.teavec.core.fulltext.Bm25Benchmark'], { cwd: core, stdio: 'inherit' });
