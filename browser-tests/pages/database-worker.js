// The OPFS side of pages/database.js: runs database contract cases in this dedicated worker on request.
import { runCase, ready } from './database-cases.js';
import { serveCases } from './worker-host.js';

serveCases(runCase, ready);
