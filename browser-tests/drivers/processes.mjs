// The browsers' process trees, read from /proc: the crash tests kill a content process (a "renderer crash") or a
// whole browser, which no driver offers for Firefox or WebKit.
import { readdirSync, readFileSync } from 'node:fs';

function stat(pid) {
  try {
    // The command name in parentheses may contain spaces: the fields after the last ')' are fixed.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid: Number(pid), ppid: Number(fields[1]) };
  } catch {
    return null; // exited meanwhile
  }
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** Every live descendant of `root`: [{ pid, args }]. */
export function descendants(root) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(entry);
    if (!s) continue;
    if (!children.has(s.ppid)) children.set(s.ppid, []);
    children.get(s.ppid).push(s.pid);
  }
  const out = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.shift();
    out.push({ pid, args: commandLine(pid) });
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** SIGKILLs `pids`; those already gone are fine. Returns how many were signalled. */
export function killAll(pids) {
  let killed = 0;
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
      killed++;
    } catch (e) {
      if (e.code !== 'ESRCH') throw e;
    }
  }
  return killed;
}

/** SIGKILLs the process group led by `pid` (a browser spawned detached takes its helpers down with it). */
export function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (e) {
    if (e.code !== 'ESRCH') throw e;
  }
}
