// Chromium side of bench/peers.mjs: the runner calls window.runBench(config) and gets the rows back.
import { runPeers } from '/lib/peer-run.js';
import { env, fetchBytes } from './page-env.js';

window.runBench = async ({ specs, libs, options }) => {
  try {
    const rows = await runPeers({ specs, read: (p) => fetchBytes(`/${p}`), env, libs, options });
    return { rows, isolated: globalThis.crossOriginIsolated === true, heapProbe: typeof globalThis.gc === 'function' };
  } catch (e) {
    return { error: String(e?.stack ?? e) };
  }
};
window.benchReady = true;
