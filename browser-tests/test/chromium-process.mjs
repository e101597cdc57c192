// A Chromium this test owns as a process (so it can be SIGKILLed mid-write) with a persistent profile (so
// IndexedDB survives the kill), driven by playwright-core over CDP.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './browser.mjs';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  '--remote-debugging-port=0'];

/** Starts Chromium on `userDataDir`; resolves to { browser, context, kill }. */
export async function launchKillableChromium(userDataDir) {
  // Own process group: kill() takes the renderers, the GPU and storage processes down with the browser.
  const proc = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${userDataDir}`, 'about:blank'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const endpoint = await new Promise((resolve, reject) => {
    let stderr = '';
    const onData = (chunk) => {
      stderr += chunk;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
      if (match) {
        proc.stderr.off('data', onData);
        proc.stderr.resume();
        resolve(match[1]);
      }
    };
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`chromium exited (${code}) before listening: ${stderr.slice(-2000)}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  return {
    browser,
    context: browser.contexts()[0],
    async kill() {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch (e) {
        if (e.code !== 'ESRCH') throw e;
      }
      await exited;
    },
  };
}
