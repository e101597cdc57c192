// Renders search results and the timing line. Text goes in through textContent only (notes are user input).
const POS_NAMES = { n: 'noun', v: 'verb', a: 'adjective', r: 'adverb', note: 'note' };

/** "adz, adze: an edge tool…" → lemmas and gloss, so the lemmas can stand out. */
function splitGloss(text) {
  const colon = text.indexOf(': ');
  return colon > 0 ? [text.slice(0, colon), text.slice(colon + 2)] : ['', text];
}

export function renderResults(list, answer) {
  list.replaceChildren(...answer.results.map((r) => {
    const li = document.createElement('li');
    li.dataset.id = String(r.id);
    li.dataset.pos = r.pos;
    const score = document.createElement('span');
    score.className = 'score';
    score.textContent = r.similarity.toFixed(3);
    const pos = document.createElement('span');
    pos.className = `pos pos-${r.pos}`;
    pos.textContent = POS_NAMES[r.pos] ?? r.pos;
    const text = document.createElement('span');
    text.className = 'text';
    const [lemmas, gloss] = splitGloss(r.text);
    if (lemmas) {
      const b = document.createElement('b');
      b.textContent = lemmas;
      text.append(b, `: ${gloss}`);
    } else {
      text.textContent = gloss;
    }
    li.append(score, pos, text);
    return li;
  }));
  list.dataset.query = answer.text;
  list.dataset.pos = answer.pos;
}

export function renderTiming(line, answer, renderMs, size) {
  const parts = [
    `embedding ${answer.embedMs.toFixed(1)} ms`,
    `search ${answer.searchMs.toFixed(2)} ms`,
    `render ${renderMs.toFixed(1)} ms`,
    `${answer.results.length} of ${size.toLocaleString('en')} vectors`,
  ];
  line.textContent = parts.join(' · ');
}
