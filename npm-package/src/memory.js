// EdgeVec's memory-pressure API. Wasm GC objects live on the JS heap, so the total is the JS heap
// limit where the runtime reports it (Chromium), else a budget the user sets (default 2 GiB).
import { TeaVecError } from './errors.js';
import { describe } from './validate.js';

const DEFAULT_TOTAL = 2 ** 31;

function heapLimit() {
  const limit = globalThis.performance?.memory?.jsHeapSizeLimit;
  return Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_TOTAL;
}

function checkPercent(name, value) {
  if (typeof value !== 'number' || !(value > 0 && value <= 100)) {
    throw new TeaVecError('INVALID_CONFIG', `${name} must be a number in (0, 100], got ${describe(value)}`);
  }
}

function checkFlag(name, value) {
  if (typeof value !== 'boolean') {
    throw new TeaVecError('INVALID_CONFIG', `${name} must be a boolean, got ${describe(value)}`);
  }
}

const KEYS = ['warningThreshold', 'criticalThreshold', 'autoCompactOnWarning', 'blockInsertsOnCritical', 'budgetBytes'];

/** One index's memory settings and the pressure they imply. */
export class MemoryMonitor {
  #config = {
    warningThreshold: 80,
    criticalThreshold: 95,
    autoCompactOnWarning: false,
    blockInsertsOnCritical: false,
    budgetBytes: null,
  };

  /** A copy of the settings; `budgetBytes` null means "the runtime's heap limit". */
  getConfig() {
    return { ...this.#config };
  }

  /** Merges `partial` into the settings; all of it is checked before any of it applies. */
  setConfig(partial) {
    if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
      throw new TeaVecError('INVALID_CONFIG', `setMemoryConfig takes an object, got ${describe(partial)}`);
    }
    const unknown = Object.keys(partial).filter((k) => !KEYS.includes(k));
    if (unknown.length > 0) {
      throw new TeaVecError('INVALID_CONFIG', `unknown memory setting(s) ${unknown.join(', ')}; known: ${KEYS.join(', ')}`);
    }
    const next = { ...this.#config, ...partial };
    checkPercent('warningThreshold', next.warningThreshold);
    checkPercent('criticalThreshold', next.criticalThreshold);
    if (next.warningThreshold >= next.criticalThreshold) {
      throw new TeaVecError('INVALID_CONFIG', `warningThreshold (${next.warningThreshold}) must be below `
        + `criticalThreshold (${next.criticalThreshold})`);
    }
    checkFlag('autoCompactOnWarning', next.autoCompactOnWarning);
    checkFlag('blockInsertsOnCritical', next.blockInsertsOnCritical);
    if (next.budgetBytes !== null && !(Number.isSafeInteger(next.budgetBytes) && next.budgetBytes > 0)) {
      throw new TeaVecError('INVALID_CONFIG', `budgetBytes must be a positive integer or null, got ${describe(next.budgetBytes)}`);
    }
    this.#config = next;
  }

  /** `{ level, usedBytes, totalBytes, usagePercent }` for `usedBytes` held by the index. */
  pressure(usedBytes) {
    const totalBytes = this.#config.budgetBytes ?? heapLimit();
    const usagePercent = (100 * usedBytes) / totalBytes;
    let level = 'normal';
    if (usagePercent >= this.#config.criticalThreshold) level = 'critical';
    else if (usagePercent >= this.#config.warningThreshold) level = 'warning';
    return { level, usedBytes, totalBytes, usagePercent };
  }

  blocksInserts(pressure) {
    return this.#config.blockInsertsOnCritical && pressure.level === 'critical';
  }

  compactsOnWarning(pressure) {
    return this.#config.autoCompactOnWarning && pressure.level !== 'normal';
  }

  /** EdgeVec's `{ action, message, canInsert, suggestCompact }`. */
  recommendation(pressure, deletedCount) {
    const canInsert = !this.blocksInserts(pressure);
    const suggestCompact = pressure.level !== 'normal' && deletedCount > 0;
    const percent = pressure.usagePercent.toFixed(1);
    if (pressure.level === 'normal') {
      return { action: 'none', message: `memory use is normal (${percent}%)`, canInsert, suggestCompact };
    }
    if (suggestCompact) {
      return { action: 'compact', message: `memory use is ${pressure.level} (${percent}%): compact() frees `
        + `${deletedCount} deleted vector(s)`, canInsert, suggestCompact };
    }
    return { action: 'reduce', message: `memory use is ${pressure.level} (${percent}%) and nothing is deleted: `
      + 'remove vectors or raise the budget', canInsert, suggestCompact };
  }
}
