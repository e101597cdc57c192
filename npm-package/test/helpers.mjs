import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

let installed = null;

/**
 * `npm pack`s the built package and installs the tarball into a fresh empty project, as a user would.
 * Returns that project's directory. Done once per test process.
 */
export function installPackedPackage() {
  if (installed) return installed;
  const work = mkdtempSync(join(tmpdir(), 'teavec-pack-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  const project = join(work, 'app');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', join(work, tarball)], { cwd: project, stdio: 'inherit' });
  installed = project;
  return project;
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
