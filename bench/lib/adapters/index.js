// Every library the peer bench runs, in table order; `--libs` picks by id.
import { teavecAdapter } from './teavec.js';
import { edgevecAdapter } from './edgevec.js';
import { hnswlibAdapter } from './hnswlib.js';
import { voyAdapter } from './voy.js';
import { oramaAdapter } from './orama.js';

export const ADAPTERS = [
  teavecAdapter({ quantization: 'none' }),
  teavecAdapter({ quantization: 'sq8' }),
  edgevecAdapter,
  hnswlibAdapter,
  voyAdapter,
  oramaAdapter,
];

export function pickAdapters(ids) {
  if (!ids) return ADAPTERS;
  const wanted = ids.split(',').map((s) => s.trim());
  for (const id of wanted) {
    if (!ADAPTERS.some((a) => a.id === id)) throw new Error(`unknown library ${id}; known: ${ADAPTERS.map((a) => a.id).join(', ')}`);
  }
  return ADAPTERS.filter((a) => wanted.includes(a.id));
}
