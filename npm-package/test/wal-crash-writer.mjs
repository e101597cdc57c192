// Child process of wal-crash.test.mjs: appends records to a file log as fast as it can, in groups of concurrent
// appends, checkpointing every few dozen records, and prints "ack <seq>" for each append whose promise resolved,
// until its parent kills it. Record k is batchFor(k); the checkpoint after record s holds checkpointBytes(s).
// With "split", every write reaches the file in two system calls with a pause between, as a write cut by a power
// loss would: a kill then often lands inside a record.
import init, { _openLogStorage as openLogStorage } from '../dist/teavec.js';
import { batchFor } from './wal-contract.js';
import { rng } from './random.js';
import { nodeFiles } from '../src/wal-node-files.js';

/** What the checkpoint taken after record `seq` holds: a pure function of `seq`, 20..220 KB. */
export function checkpointBytes(seq) {
  const random = rng(seq * 7919 + 1);
  return new Uint8Array(20_000 + (seq % 11) * 20_000).map(() => random() * 256);
}

if (process.argv[1]?.endsWith('wal-crash-writer.mjs')) {
  const [dir, seedText, mode] = process.argv.slice(2);
  const random = rng(Number(seedText));
  await init();
  const real = await nodeFiles();
  const files = mode !== 'split' ? real : {
    ...real,
    async write(fd, bytes, position) {
      const half = bytes.length >> 1;
      await real.write(fd, bytes.subarray(0, half), position);
      await new Promise((resolve) => setTimeout(resolve, 1));
      await real.write(fd, bytes.subarray(half), position + half);
    },
  };
  const storage = await openLogStorage(dir, { storage: 'file', files });
  const { recovery } = await storage.recover();
  const writer = storage.writer();
  process.stdout.write(`ready ${recovery.lastSeq}\n`);
  let sinceCheckpoint = 0;
  for (;;) {
    const group = 1 + Math.floor(random() * 8);
    const appends = [];
    for (let i = 0; i < group; i++) {
      const seq = writer.lastSeq + 1;
      appends.push(writer.writeBatch('upsert', 'c', batchFor(seq)).then((s) => process.stdout.write(`ack ${s}\n`)));
    }
    sinceCheckpoint += group;
    if (sinceCheckpoint > 3 + random() * 20) {
      sinceCheckpoint = 0;
      appends.push(writer.checkpoint(checkpointBytes(writer.lastSeq)).then((c) => process.stdout.write(`checkpoint ${c.seq}\n`)));
    }
    await Promise.all(appends);
  }
}
