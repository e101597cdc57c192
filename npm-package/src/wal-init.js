// teavec-wal.wasm, the write-ahead log's own module (js-bindings wal/WalModule), loaded by openDatabase.
import { sideModule } from './side-module.js';

export const loadWal = sideModule('teavec-wal.wasm', () => new URL('./teavec-wal.wasm', import.meta.url), 1);
