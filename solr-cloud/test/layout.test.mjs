// teavec/solr without a cluster: the layout functions against the examples the Java side checks too,
// and the entry point's packaging (its own file, the core bundle's TeaVecError, nothing in the core).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { installPackedPackage, runInProject, writeInProject } from '../../npm-package/test/helpers.mjs';
import { MODULE_DIR, REPO_DIR } from './cluster.mjs';
import { metadataField, contentHash } from '../../npm-package/src/solr-layout.js';
import { TeaVecError } from '../../npm-package/dist/teavec.js';
import { SolrCollection, push, pull, DiffFeed } from '../../npm-package/dist/solr.js';

const examples = JSON.parse(readFileSync(join(MODULE_DIR, 'src/test/resources/dev/teavec/solr/layout-examples.json'), 'utf8'));
const dist = join(REPO_DIR, 'npm-package', 'dist');

test('metadata field names match the examples shared with the Java importer', () => {
  assert.equal(examples.fieldNames.length, 7);
  for (const e of examples.fieldNames) assert.equal(metadataField(e.key, e.kind), e.field, e.key);
});

test('content hashes match the examples shared with the Java importer', async () => {
  assert.equal(examples.hashes.length, 4);
  for (const e of examples.hashes) {
    assert.equal(await contentHash(Float32Array.from(e.vector), e.metadata, e.document), e.hash, JSON.stringify(e));
  }
  // The hash sees every part: key order does not matter, content does.
  const base = await contentHash(Float32Array.of(1, 2), { a: 1, b: 'x' }, 'd');
  assert.equal(await contentHash(Float32Array.of(1, 2), { b: 'x', a: 1 }, 'd'), base);
  for (const other of [[Float32Array.of(1, 2.5), { a: 1, b: 'x' }, 'd'], [Float32Array.of(1, 2), { a: 1, b: 'y' }, 'd'],
    [Float32Array.of(1, 2), { a: '1', b: 'x' }, 'd'], [Float32Array.of(1, 2), { a: 1, b: 'x' }, null]]) {
    assert.notEqual(await contentHash(...other), base, JSON.stringify(other));
  }
});

test('teavec/solr is its own bundle: the core has none of it, and its errors are the core TeaVecError', () => {
  const core = readFileSync(join(dist, 'teavec.js'), 'utf8');
  const solr = readFileSync(join(dist, 'solr.js'), 'utf8');
  assert.doesNotMatch(core, /tv_vector|SolrCollection/);
  assert.match(solr, /from\s*"\.\/teavec\.js"/);
  const pkg = JSON.parse(readFileSync(join(REPO_DIR, 'npm-package', 'package.json'), 'utf8'));
  assert.deepEqual(pkg.exports['./solr'], { types: './dist/solr.d.ts', default: './dist/solr.js' });
  assert.equal(typeof push, 'function');
  assert.equal(typeof pull, 'function');
  assert.equal(typeof DiffFeed, 'function');
  assert.throws(() => new SolrCollection({ url: 'http://127.0.0.1:8983/solr' }), (e) => e instanceof TeaVecError && e.code === 'INVALID_CONFIG');
  assert.throws(() => new SolrCollection({ url: 'ftp://x', collection: 'c' }), (e) => e instanceof TeaVecError && e.code === 'INVALID_CONFIG');
  assert.throws(() => new SolrCollection({ url: 'http://x/solr', collection: 'c', commit: 'later' }), (e) => e.code === 'INVALID_CONFIG');
});

test('the packed package: teavec/solr resolves, and TypeScript accepts its usage against the shipped typings', () => {
  const project = installPackedPackage();
  const out = runInProject(project, 'solr-entry.mjs', `
import { TeaVecError } from 'teavec';
import { SolrCollection } from 'teavec/solr';
try { new SolrCollection({}); } catch (e) { console.log(e instanceof TeaVecError, e.code); }
`);
  assert.equal(out.trim(), 'true INVALID_CONFIG');
  writeInProject(project, 'solr-usage.ts', readFileSync(join(MODULE_DIR, 'test', 'typings', 'solr-usage.ts'), 'utf8'));
  const tsc = join(REPO_DIR, 'npm-package', 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
    '--moduleResolution', 'nodenext', '--skipLibCheck', 'false', 'solr-usage.ts'], { cwd: project, stdio: 'inherit' });
});
