// The OPFS side of pages/database-crash.html: runs check() and writeLoop() in this dedicated worker.
import { check, writeLoop, ready } from './database-crash.js';

self.onmessage = async ({ data }) => {
  await ready;
  if (data.type === 'check') {
    self.postMessage({ id: data.id, result: await check(...data.args).catch((e) => ({ ok: false, message: `${e.code} ${e.message}` })) });
  } else {
    writeLoop(...data.args).catch((e) => self.postMessage({ id: -1, error: `${e.code} ${e.message}` }));
  }
};
