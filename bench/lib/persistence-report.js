// Markdown for bench/persistence.mjs: one row per library (plus TeaVec's in-memory toBytes/fromBytes),
// then TeaVec ÷ peer ratios for save, load and size.
const MB = 1e6;
const seconds = (ms) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const cell = (s) => String(s).replace(/\|/g, '\\|');

function sameCell(same, of) {
  if (same === undefined) return '—';
  return `${same === of ? 'yes' : 'no'} (${same}/${of})`;
}

function notesOf(r, options) {
  const notes = [];
  if (r.buildMs !== undefined) notes.push(`built in ${seconds(r.buildMs)} s at efC ${options.efConstruction}`);
  if (r.store) notes.push(r.store);
  if (r.usageDeltaBytes !== null && r.usageDeltaBytes !== undefined) {
    notes.push(`storage.estimate() +${(r.usageDeltaBytes / MB).toFixed(1)} MB`);
  }
  if (r.reported?.chunks) notes.push(`${r.reported.chunks} chunks of ${(r.reported.chunkBytes / 2 ** 20).toFixed(0)} MiB`);
  if (r.saveError && r.storedBytes) notes.push('size: what IndexedDB held once the save had failed');
  return notes;
}

/** The table rows: { label, shape, saveMs?, loadMs?, bytes?, save, load, size, perVector, same, notes }. */
export function tableRows(report) {
  const rows = [];
  for (const r of report.results) {
    const shape = r.n ? `${r.n.toLocaleString('en-US')} × ${r.dim}` : '—';
    if (r.error || r.unsupported) {
      rows.push({ label: r.label, shape, save: '—', load: '—', size: '—', perVector: '—', same: '—', notes: [r.error ?? r.unsupported] });
      continue;
    }
    const bytes = r.storedBytes || undefined;
    rows.push({
      library: r.library,
      label: r.label,
      teavec: r.library.startsWith('teavec'),
      shape,
      saveMs: r.saveMs,
      loadMs: r.loadMs,
      bytes,
      save: r.saveMs !== undefined ? seconds(r.saveMs) : r.saveError,
      load: r.loadMs !== undefined ? seconds(r.loadMs) : r.loadError,
      size: bytes ? (bytes / MB).toFixed(1) : '—',
      perVector: bytes ? (bytes / r.n).toFixed(0) : '—',
      same: sameCell(r.same, r.of),
      notes: notesOf(r, report.options),
    });
    const m = r.inMemory;
    if (m) {
      const ok = !m.error;
      rows.push({
        label: `${r.label}, toBytes / fromBytes (in memory)`,
        shape,
        save: ok ? seconds(m.encodeMs) : '—',
        load: ok ? seconds(m.decodeMs) : '—',
        size: ok ? (m.bytes / MB).toFixed(1) : '—',
        perVector: ok ? (m.bytes / r.n).toFixed(0) : '—',
        same: ok ? sameCell(m.same, m.of) : '—',
        notes: ok ? ['no IndexedDB; fromBytes in the same page'] : [m.error],
      });
    }
  }
  return rows;
}

function ratio(a, b) {
  if (!(a > 0) || !(b > 0)) return '—';
  return `${(a / b).toFixed(2)}×`;
}

export function toMarkdown(report) {
  const { options } = report;
  const lines = [
    `### Persistence: ${report.dataset}, Chromium ${report.chromium}`,
    '',
    `${report.hardware}; ${report.date.slice(0, 10)}; disk-backed profile (IndexedDB on disk); whole run ${(report.seconds / 60).toFixed(1)} min.`,
    `Every library: HNSW M = 16 (level 0: 32), ef_construction = ${options.efConstruction} (a small build effort: this bench`
      + ` measures persistence, not graph quality), ef_search = ${options.efSearch}. Save is timed until the library says it is`
      + ` durable; the page is then reloaded and load timed in a fresh JS heap (module instantiation not counted);`
      + ` "same answers": ${options.verifyQueries} queries return the same ids (top ${options.k}) as before the save.`
      + ` Size: the bytes IndexedDB holds afterwards, read back value by value. A save or load is given ${options.timeoutMs / 1000} s. MB = 10⁶ bytes.`,
    '',
    '| library | vectors × dims | save s | load s | size MB | bytes/vector | same answers | notes |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const rows = tableRows(report);
  for (const r of rows) {
    lines.push(`| ${[r.label, r.shape, r.save, r.load, r.size, r.perVector, r.same, r.notes.join('; ')].map(cell).join(' | ')} |`);
  }
  const ours = rows.filter((r) => r.teavec);
  const peers = rows.filter((r) => r.library && !r.teavec);
  if (ours.length && peers.length) {
    lines.push('', '| TeaVec ÷ peer (below 1: TeaVec smaller / faster) | save | load | size |', '|---|---|---|---|');
    for (const t of ours) {
      for (const p of peers) {
        lines.push(`| ${t.label} ÷ ${p.label} | ${ratio(t.saveMs, p.saveMs)} | ${ratio(t.loadMs, p.loadMs)} | ${ratio(t.bytes, p.bytes)} |`);
      }
    }
    lines.push('', '"—": the peer (or TeaVec) has no figure, because its save or load failed.');
  }
  return lines.join('\n');
}
