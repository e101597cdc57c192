// Markdown for the README: one table per data set (every library in every runtime) and one of
// TeaVec ÷ peer ratios measured in the same run.

const MB = 2 ** 20;

const fmtInt = (x) => Math.round(x).toLocaleString('en-US');
const fmtUs = (x) => (x >= 1000 ? fmtInt(x) : x.toFixed(0));
const fmtRatio = (x) => (Number.isFinite(x) && x > 0 ? `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×` : '–');
const cell = (s) => String(s).replaceAll('|', '\\|').replaceAll('\n', ' ');

function memoryCell(r) {
  if (r.memoryBytes === null || r.memoryBytes === undefined) return r.ownBytes ? `${(r.ownBytes / MB).toFixed(1)} MB own` : 'n/a';
  return `${(r.memoryBytes / MB).toFixed(1)} MB ${r.memorySource}`;
}

function persistenceCell(p) {
  if (!p) return '';
  if (p.status === 'n/a') return `n/a (${p.reason})`;
  const times = [];
  if (p.saveMs !== undefined) times.push(`save ${fmtInt(p.saveMs)} ms`);
  if (p.loadMs !== undefined) times.push(`load ${fmtInt(p.loadMs)} ms`);
  const head = [times.join(' / '), p.store ? `(${p.store})` : ''].filter(Boolean).join(' ');
  return p.status === 'ok' ? head : `${head}: **${p.status}**: ${p.reason}`;
}

/** Bytes per indexed vector: the library's own count where it reports one (graph included), else the memory column's. */
function bytesPerVector(r) {
  if (r.ownBytes) return { bytes: r.ownBytes / r.n, source: 'own' };
  if (r.memoryBytes) return { bytes: r.memoryBytes / r.n, source: r.memorySource };
  return null;
}

function bytesCell(r) {
  const b = bytesPerVector(r);
  return b ? `${fmtInt(b.bytes)} ${b.source}` : 'n/a';
}

/** ef; `ef / rerankK` for re-ranking rows; the adapter's own parameter where it tunes another (EdgeVec BQ). */
function efCell(r) {
  if (r.ef === undefined) return 'exact';
  if (r.tuneParameter) return `${r.tuneParameter} ${r.ef}`;
  if (r.rerankK !== undefined) return `${r.ef} / ${r.rerankK}`;
  return String(r.ef);
}

function bundleCell(b) {
  return b ? `${(b.gzip / 1024).toFixed(0)} KB` : '';
}

function libraryRow(r, runtime, bundles) {
  const name = `${r.label}`;
  if (r.skipped || r.error) {
    const why = r.skipped ? r.skipped : `**failed**: ${r.error}`;
    return `| ${name} | ${runtime} | – | – | – | – | – | – | – | ${bundleCell(bundles[r.library])} | – | ${cell(why)} |`;
  }
  return `| ${name} | ${runtime} | ${fmtInt(r.buildPerSecond)} | ${fmtUs(r.p50us)} | ${fmtUs(r.p99us)} | ${r.recall.toFixed(3)}`
    + ` | ${efCell(r)} | ${bytesCell(r)} | ${memoryCell(r)} | ${bundleCell(bundles[r.library])} | ${cell(persistenceCell(r.persistence))}`
    + ` | ${cell(r.notes.join('; '))} |`;
}

/** TeaVec ÷ peer for one (runtime, data set): build speed, p50, memory, bundle size. */
export function ratios(rows, bundles) {
  const ok = rows.filter((r) => !r.skipped && !r.error);
  const out = [];
  for (const t of ok.filter((r) => r.teavec)) {
    for (const p of ok.filter((r) => !r.teavec)) {
      out.push({
        teavec: t.library,
        peer: p.library,
        label: `${t.label} ÷ ${p.label}`,
        build: t.buildPerSecond / p.buildPerSecond,
        p50: t.p50us / p.p50us,
        memory: t.memoryBytes && p.memoryBytes ? t.memoryBytes / p.memoryBytes : NaN,
        bytesPerVector: bytesPerVector(t) && bytesPerVector(p) ? bytesPerVector(t).bytes / bytesPerVector(p).bytes : NaN,
        bundle: bundles[t.library] && bundles[p.library] ? bundles[t.library].gzip / bundles[p.library].gzip : NaN,
        recall: [t.recall, p.recall],
      });
    }
  }
  return out;
}

function datasetTitle(r) {
  return `${r.dataset} (${fmtInt(r.n)} × ${r.dim}, ${r.metric})`;
}

/** `report` = { hardware, date, options, bundles, runtimes, runs: [{ runtime, rows }] } (the --json file). */
export function toMarkdown(report) {
  const { runs, bundles } = report;
  const lines = [`Runtimes: ${report.runtimes.join('; ')}.`, ''];
  lines.push(`Measured ${report.date.slice(0, 10)} on ${report.hardware}; ${report.options.rounds} rounds × `
    + `${report.options.perRound} queries per library, round-robin; k = 10; ef_search = lowest giving recall@10 ≥ `
    + `${report.options.targetRecall} on held-out tuning queries; HNSW M = 16, ef_construction = 200 for every graph library. `
    + 'Re-ranking rows ("+ rerank": the graph walks the codes, the best rerankK candidates are re-scored on kept float32 '
    + 'vectors) show "ef / rerankK": rerankK = ef is the engine\'s default (the whole beam), a lower one was tuned as the '
    + `lowest still reaching the target at that ef${report.options.pqSubspaces ? `; PQ sub-spaces: ${report.options.pqSubspaces}` : ''}. `
    + 'EdgeVec BQ (`enableBQ()` + `searchBQRescored(q, k, rescoreFactor)`) is tuned on its rescore factor the same way.');
  lines.push('');
  lines.push('Bytes/vector: "own" = the library\'s own `memoryUsage()` ÷ vectors (TeaVec: codes or vectors + kept floats '
    + '+ HNSW graph (level-0 neighbour ids and their keys, upper levels) + id maps; EdgeVec: its own figure); otherwise '
    + 'the memory column ÷ vectors.');
  lines.push('');
  lines.push('Memory: "heap" = JS heap growth over the build, after GC (Orama: plain JS); '
    + '"wasm" = linear memory of a fresh instance after the build (its initial reservation included; a peak: it never shrinks); '
    + '"heap+wasm" (TeaVec) = both: its graph and ids are Wasm GC objects in the JS heap, its vectors sit in linear memory. '
    + 'Bundle: gzip -9 of the shipped .wasm + JS (TeaVec: npm-package/dist). EdgeVec runs cosine sets as L2 on unit '
    + 'vectors (its cosine and dot rank backwards); voy is L2 only and exact; Orama is an exact cosine scan with its '
    + 'similarity cut-off set to -1.');
  const datasets = [...new Set(runs.flatMap((run) => run.rows.map((r) => r.dataset)))];
  for (const name of datasets) {
    const first = runs.flatMap((run) => run.rows).find((r) => r.dataset === name);
    lines.push('', `### ${datasetTitle(first)}`, '');
    lines.push('| library | runtime | build vec/s | p50 µs | p99 µs | recall@10 | ef / rerankK | bytes/vector | memory | bundle gzip | save / load | notes |');
    lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
    for (const run of runs) {
      for (const r of run.rows.filter((x) => x.dataset === name)) lines.push(libraryRow(r, run.runtime, bundles));
    }
    const ratioLines = [];
    for (const run of runs) {
      for (const x of ratios(run.rows.filter((r) => r.dataset === name), bundles)) {
        ratioLines.push(`| ${x.label} | ${run.runtime} | ${fmtRatio(x.build)} | ${fmtRatio(x.p50)} | ${fmtRatio(x.bytesPerVector)} | ${fmtRatio(x.memory)}`
          + ` | ${fmtRatio(x.bundle)} | ${x.recall[0].toFixed(3)} / ${x.recall[1].toFixed(3)} |`);
      }
    }
    if (ratioLines.length) {
      lines.push('', 'TeaVec ÷ peer (build speed: above 1 = TeaVec faster; p50, bytes/vector, memory, bundle: below 1 = TeaVec better):', '');
      lines.push('| TeaVec ÷ peer | runtime | build speed | search p50 | bytes/vector | memory | bundle | recall@10 TeaVec / peer |');
      lines.push('|---|---|---:|---:|---:|---:|---:|---|');
      lines.push(...ratioLines);
    }
  }
  return lines.join('\n');
}
