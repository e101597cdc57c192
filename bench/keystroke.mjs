// Keystroke → results in the demo, in a browser engine (Chromium unless --engine firefox|webkit): types ~50 queries key by key into the served demo and reads the
// page's own timings (window.__demoTimings): from the input event to the frame that shows the answer, split into
// waiting (a previous query still running), embedding (all-MiniLM-L6-v2 in the worker), search (TeaVec HNSW),
// messaging (worker round trip) and render. Not a test: prints p50/p95.
//   node bench/keystroke.mjs [--engine chromium|firefox|webkit] [--delay 120] [--queries 50] [--json out.json]
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { startDemoServer } from '../demo-web/serve.mjs';
import { launchEngine } from '../browser-tests/drivers/engines.mjs';
import { openDemo, typeQuery, waitUntilReady } from '../browser-tests/test/demo-driver.mjs';
import { KEYSTROKE_QUERIES } from './lib/keystroke-queries.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const delay = Number(arg('--delay', '120')); // ms between keys: a quick typist
const queries = KEYSTROKE_QUERIES.slice(0, Number(arg('--queries', String(KEYSTROKE_QUERIES.length))));

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function summarise(label, samples) {
  const parts = {
    total: (s) => s.frameAt - s.keyAt,
    waiting: (s) => s.sentAt - s.keyAt,
    embedding: (s) => s.embedMs,
    search: (s) => s.searchMs,
    messaging: (s) => s.receivedAt - s.sentAt - s.embedMs - s.searchMs,
    render: (s) => s.frameAt - s.receivedAt,
  };
  const row = { label, n: samples.length };
  for (const [name, f] of Object.entries(parts)) {
    const sorted = samples.map(f).sort((a, b) => a - b);
    row[name] = { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
  }
  return row;
}

const server = await startDemoServer(0, { log: (m) => console.error(m) });
const browser = await launchEngine(arg('--engine', 'chromium'));
try {
  const context = await browser.newContext();
  const { page } = await openDemo(context, `${server.url}/`);
  console.error('waiting for the demo (the first visit builds the index)…');
  const ready = await waitUntilReady(page);
  console.error(ready.status);
  await page.evaluate(() => { window.__demoTimings.length = 0; });
  const every = [];
  const last = [];
  for (const [i, query] of queries.entries()) {
    await typeQuery(page, query, { delay });
    // The page records an answer at the frame that paints it, just after the results appear.
    await page.waitForFunction((q) => window.__demoTimings.some((t) => t.text === q), query);
    const timings = await page.evaluate(() => window.__demoTimings.splice(0));
    every.push(...timings);
    last.push(...timings.filter((t) => t.text === query));
    if (i % 10 === 9) console.error(`${i + 1} of ${queries.length} queries typed`);
  }
  const errors = await page.errors();
  if (errors.length) throw new Error(errors.join('\n'));
  const rows = [summarise('every keystroke', every), summarise('last keystroke of a query', last)];
  const fmt = (x) => x.toFixed(1).padStart(6);
  console.log(`keystroke → results rendered, ${browser.label}, ${os.cpus()[0]?.model} × ${os.cpus().length}, `
    + `load average ${os.loadavg()[0].toFixed(1)}; ${queries.length} queries typed at ${delay} ms per key; ms p50 / p95`);
  console.log(`${''.padEnd(27)} ${['total', 'waiting', 'embedding', 'search', 'messaging', 'render'].map((h) => h.padStart(15)).join('')}`);
  for (const row of rows) {
    const cells = ['total', 'waiting', 'embedding', 'search', 'messaging', 'render'].map((k) => `${fmt(row[k].p50)} /${fmt(row[k].p95)}`.padStart(15));
    console.log(`${`${row.label} (${row.n})`.padEnd(27)} ${cells.join('')}`);
  }
  const json = arg('--json');
  if (json) await writeFile(json, JSON.stringify({ date: new Date().toISOString(), delay, rows }, null, 2));
} finally {
  await browser.close();
  await server.close();
}
