// The processes of one Chromium (found by its profile directory), with their memory and CPU from /proc: what a
// bench reports as the browser's peak RSS and CPU time.
import { readdirSync, readFileSync } from 'node:fs';

/** Every process whose ancestry reaches a Chromium started on `profile`: [{ pid, rssBytes, cpuTicks }]. */
export function chromiumProcesses(profile) {
  const all = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.set(Number(pid), { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]), rssBytes: Number(fields[21]) * 4096 });
    } catch {
      // gone meanwhile
    }
  }
  const roots = [...all.keys()].filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${profile}`);
    } catch {
      return false;
    }
  });
  const inTree = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of all) if (!inTree.has(pid) && inTree.has(p.ppid)) { inTree.add(pid); grew = true; }
  }
  return [...inTree].map((pid) => ({ pid, ...all.get(pid) }));
}

