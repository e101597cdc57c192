// Chromium side of bench/persistence.mjs: the runner calls saveSide, reloads the page, calls loadSide.
import { loadSide, saveSide } from '/lib/persistence-bench.js';
import { env, fetchBytes } from './page-env.js';

const read = (p) => fetchBytes(`/${p}`);
const prefixed = { ...env, log: (m) => console.log(`[chromium] ${m}`) };
const settle = (run) => async (config) => {
  try {
    return await run(config, prefixed, read);
  } catch (e) {
    return { error: String(e?.stack ?? e) };
  }
};

window.saveSide = settle(saveSide);
window.loadSide = settle(loadSide);
window.benchReady = true;
