// Every library the peer bench runs, in table order; `--libs` / `--variants` pick by id (`teavec-*`: a prefix).
import { teavecAdapter, VARIANTS } from './teavec.js';
import { edgevecAdapter } from './edgevec.js';
import { edgevecBqAdapter } from './edgevec-bq.js';
import { hnswlibAdapter } from './hnswlib.js';
import { voyAdapter } from './voy.js';
import { oramaAdapter } from './orama.js';

export const ADAPTERS = [
  ...VARIANTS.map(teavecAdapter),
  edgevecAdapter,
  edgevecBqAdapter,
  hnswlibAdapter,
  voyAdapter,
  oramaAdapter,
];

function matches(pattern, id) {
  return pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern;
}

/** The adapters named in `ids` (comma-separated; `x*` matches every id starting with x), in table order; all without. */
export function pickAdapters(ids) {
  if (!ids) return ADAPTERS;
  const wanted = ids.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of wanted) {
    if (!ADAPTERS.some((a) => matches(id, a.id))) throw new Error(`unknown library ${id}; known: ${ADAPTERS.map((a) => a.id).join(', ')}`);
  }
  return ADAPTERS.filter((a) => wanted.some((w) => matches(w, a.id)));
}
