import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

let installed = null;

/** A hash of what `npm pack` ships, so that every test process of one run shares one packed install. */
function contentHash() {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(packageDir, 'package.json')));
  hash.update(readFileSync(join(packageDir, 'README.md')));
  const dist = join(packageDir, 'dist');
  for (const f of readdirSync(dist).sort()) {
    hash.update(f);
    hash.update(readFileSync(join(dist, f)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * `npm pack`s the built package and installs the tarball into a fresh empty project, as a user would.
 * Returns that project's directory. Packed once per build: test processes of the same run (and later
 * runs on the same dist/) reuse the install; a new dist/ gets a new one.
 */
export function installPackedPackage() {
  if (installed) return installed;
  const final = join(tmpdir(), `teavec-pack-${contentHash()}`);
  if (!existsSync(join(final, 'app', '.installed'))) {
    const work = mkdtempSync(join(tmpdir(), 'teavec-pack-tmp-'));
    execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    const project = join(work, 'app');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', join(work, tarball)], { cwd: project, stdio: 'inherit' });
    writeFileSync(join(project, '.installed'), '');
    try {
      // Atomic: when another test process won the race, its install stays and ours goes.
      renameSync(work, final);
    } catch {
      rmSync(work, { recursive: true, force: true });
    }
  }
  installed = join(final, 'app');
  return installed;
}

/** The packed package's module, imported into this test process (fresh copy per `tag`). */
export async function importPacked(tag = '') {
  const project = installPackedPackage();
  const url = pathToFileURL(join(project, 'node_modules', 'teavec', 'dist', 'teavec.js'));
  return import(tag ? `${url}?${tag}` : url.href);
}

/** Writes a file into the installed project. */
export function writeInProject(project, name, source) {
  writeFileSync(join(project, name), source);
}

/** Runs a script file inside the installed project with this Node (22+), returning stdout. */
export function runInProject(project, name, source, nodeFlags = []) {
  writeInProject(project, name, source);
  return execFileSync(process.execPath, [...nodeFlags, name], { cwd: project, encoding: 'utf8' });
}

export { rng } from './random.js';

/**
 * The run's seed for a test of an exact property (it holds for every input): TEAVEC_SEED or a fresh one, printed so
 * that a failure can be replayed.
 */
export function seedFor(name) {
  return announced(name, Number(process.env.TEAVEC_SEED ?? Math.floor(Math.random() * 2 ** 31)));
}

/**
 * The seed for a test with a statistical bar (recall ≥ 0.95): TEAVEC_SEED or a fixed one, as the JVM's TestSeeds
 * does, because some seed always lands under a bar a sound index clears on average, and CI must not fail by chance.
 * Sweep such a test by hand with TEAVEC_SEED.
 */
export function seedForBar(name) {
  return announced(name, Number(process.env.TEAVEC_SEED ?? 20261121));
}

function announced(name, seed) {
  console.log(`# ${name}: seed ${seed} (replay with TEAVEC_SEED=${seed})`);
  return seed;
}
