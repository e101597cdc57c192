// The database contract (npm-package/test/database-contract.js) in the browser of TEAVEC_ENGINE (drivers/engines.mjs): IndexedDB in the page and OPFS
// in a dedicated worker, on a disk-backed profile; the quota case on an origin with a small quota.
import { contractInBrowser } from './contract-in-browser.mjs';
import { databaseContract } from '../../npm-package/test/database-contract.js';

contractInBrowser({ cases: databaseContract, page: 'database.html', api: 'databaseTest', what: 'database' });
