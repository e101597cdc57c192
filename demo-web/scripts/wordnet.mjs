// WordNet 3.0 synsets as "<lemmas>: <gloss>" texts, sampled exactly as ../shared/data/wordnet-minilm-384-angular
// was (every synset of data.noun/verb/adj/adv, seeded shuffle, first 25,000), so both routes give the same corpus.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR } from './paths.mjs';

const DATA_FILES = [['data.noun', 'n'], ['data.verb', 'v'], ['data.adj', 'a'], ['data.adv', 'r']];

/** /usr/share/wordnet when wordnet-base is installed; else the Debian package unpacked into .cache/. */
export function ensureWordnetDir(log = console.log) {
  const candidates = [process.env.WORDNET_DIR, '/usr/share/wordnet', join(CACHE_DIR, 'wordnet-base', 'usr', 'share', 'wordnet')];
  const found = candidates.find((d) => d && existsSync(join(d, 'data.noun')));
  if (found) return found;
  const work = join(CACHE_DIR, 'wordnet-deb');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  log('wordnet: downloading the Debian package wordnet-base (apt-get download)');
  execFileSync('apt-get', ['download', 'wordnet-base'], { cwd: work, stdio: 'inherit' });
  const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
  execFileSync('dpkg-deb', ['-x', join(work, deb), join(CACHE_DIR, 'wordnet-base')], { stdio: 'inherit' });
  return candidates[2];
}

/** Every synset: { synset: pos letter + offset, pos, text }. */
export function parseSynsets(dir) {
  const out = [];
  for (const [file, pos] of DATA_FILES) {
    for (const line of readFileSync(join(dir, file), 'latin1').split('\n')) {
      if (!line || line.startsWith('  ')) continue; // licence header lines start with two spaces
      const bar = line.indexOf(' | ');
      if (bar < 0) continue;
      const fields = line.slice(0, bar).split(' ');
      const count = parseInt(fields[3], 16);
      const words = [];
      for (let i = 0; i < count; i++) words.push(fields[4 + 2 * i].replace(/_/g, ' ').replace(/\(.*\)$/, ''));
      out.push({ synset: `${pos}${fields[0]}`, pos, text: `${words.join(', ')}: ${line.slice(bar + 3).trim()}` });
    }
  }
  return out;
}

function mulberry32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first `count` synsets of a Fisher-Yates shuffle seeded with `seed` (42 made the shared data set). */
export function sample(synsets, count, seed = 42) {
  const rand = mulberry32(seed);
  const order = synsets.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, count).map((i) => synsets[i]);
}
