// The OPFS side of pages/wal.js: runs log contract cases in this dedicated worker on request.
import { runCase, ready } from './wal-cases.js';
import { serveCases } from './worker-host.js';

serveCases(runCase, ready);
