// Child process of database-crash.test.mjs. Loads the package (dist), prints "loaded", then waits for one line
// "go <json { dir, seed, checkpointBytes }>" on stdin, opens that database (storage 'file') and changes it
// forever with a seeded random mix of awaited operations (database-model.js), until its parent kills it:
//   ready                       the database is open
//   op <i> <json>               operation i is about to be called (the line is written before the call)
//   ack <i> <json result>       its promise resolved (delete: the deleted ids, sorted)
//   nack <i> <code>             its promise rejected
//   cp-start <n> / cp-done <n>  an explicit db.checkpoint()
//   fail <text>                 the child saw something wrong itself (a refused call that changed the state…)
// Most operations are awaited one by one; some go in groups of concurrent calls (group commit), some next to a
// checkpoint. Stdout is a pipe, written synchronously on Linux: a line the parent got whole was written before
// what follows it happened.
import { createInterface } from 'node:readline';
import init, { openDatabase } from '../dist/teavec.js';
import { rng } from './random.js';
import { DatabaseModel, run, stateOf } from './database-model.js';
import { Workload, runBad } from './database-workload.js';

const say = (line) => process.stdout.write(`${line}\n`);

const sortedIds = (r) => (Array.isArray(r) ? [...r].sort() : null);

async function main() {
  await init();
  // Load the log module now, so that the parent's timing starts at "go" with everything compiled.
  await (await openDatabase('warm-up', { storage: 'memory' })).close();
  say('loaded');
  const lines = createInterface({ input: process.stdin });
  const go = await new Promise((resolve) => lines.once('line', resolve));
  const { dir, seed, checkpointBytes } = JSON.parse(go.slice(3));
  const random = rng(seed);
  const db = await openDatabase(dir, { storage: 'file', checkpointBytes });
  const work = new Workload(DatabaseModel.of(db), random);
  say('ready');
  let i = 0;
  let checkpoints = 0;
  const issue = (op) => {
    const n = i++;
    say(`op ${n} ${JSON.stringify(op)}`);
    work.model.apply(op);
    return run(db, op).then(
      (result) => say(`ack ${n} ${JSON.stringify(sortedIds(result))}`),
      (e) => say(`nack ${n} ${e?.code ?? `not a TeaVecError: ${e?.message ?? e}`}`),
    );
  };
  // Each operation is generated against the model after the ones before it, then called without waiting.
  const concurrently = (n) => Array.from({ length: n }, () => {
    const op = work.recordOp();
    return op && issue(op);
  });
  for (let step = 1; ; step++) {
    if (work.names().length === 0) {
      await issue(work.op());
      continue;
    }
    const r = work.random();
    if (r < 0.1) {
      const n = checkpoints++;
      const writes = work.chance(0.5) ? concurrently(1 + work.int(3)) : [];
      say(`cp-start ${n}`);
      await db.checkpoint().then(() => say(`cp-done ${n}`), (e) => say(`fail checkpoint ${n} rejected: ${e?.code} ${e?.message}`));
      await Promise.all(writes);
    } else if (r < 0.24) {
      await Promise.all(concurrently(2 + work.int(3)));
    } else if (r < 0.29) {
      const op = work.badOp();
      const n = i++;
      say(`op ${n} ${JSON.stringify(op)}`);
      const before = stateOf(db);
      let outcome;
      try {
        await runBad(db, op);
        outcome = `ack ${n} null`;
      } catch (e) {
        outcome = `nack ${n} ${e?.code ?? `not a TeaVecError: ${e?.message ?? e}`}`;
      }
      if (stateOf(db) !== before) say(`fail refused operation ${n} (${op.kind}) changed the in-memory state`);
      say(outcome);
    } else {
      await issue(work.op());
    }
    if (step % 16 === 0 && stateOf(db) !== work.model.state()) say(`fail the database differs from the model after operation ${i - 1}`);
  }
}

if (process.argv[1]?.endsWith('database-crash-writer.mjs')) await main();
