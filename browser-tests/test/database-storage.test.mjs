// The database contract (npm-package/test/database-contract.js) in real Chromium: IndexedDB in the page and OPFS
// in a dedicated worker, on a disk-backed profile; the quota case on an origin with a small quota.
import { contractInChromium } from './contract-in-chromium.mjs';
import { databaseContract } from '../../npm-package/test/database-contract.js';

contractInChromium({ cases: databaseContract, page: 'database.html', api: 'databaseTest', what: 'database' });
