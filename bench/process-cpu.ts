/**
 * What a process costs, read from Linux's /proc (null elsewhere): CPU time and peak memory of a
 * whole process tree, so that a server of several processes (the API under node:cluster when
 * WEB_CONCURRENCY is set, a helper such as tsx's esbuild service, PostgreSQL's backends under
 * its postmaster) is counted whole.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on every usual Linux). */
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcessStat {
  pid: number;
  ppid: number;
  /** The program's name (field 2 of stat: `node`, `esbuild`, …). */
  command: string;
  /** utime + stime + cutime + cstime, in clock ticks. */
  ticks: number;
}

function readStat(pid: number): ProcessStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    // From field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17 (proc(5)).
    // A child's times move to its parent's cutime/cstime when the parent reaps it: counting both
    // keeps the sum of a tree continuous when a worker process exits during the window.
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
    return { pid, ppid: Number(fields[1]), command: text.slice(text.indexOf('(') + 1, close), ticks };
  } catch {
    return null; // gone meanwhile, or not Linux
  }
}

/** Every process alive now; empty when /proc cannot be read. */
function allProcesses(): ProcessStat[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map((name) => readStat(Number(name)))
      .filter((stat): stat is ProcessStat => stat !== null);
  } catch {
    return [];
  }
}

/** A process and all its descendants alive now (found through every process's ppid). */
export function processTree(root: number): ProcessStat[] {
  const all = allProcesses();
  const children = new Map<number, ProcessStat[]>();
  for (const stat of all) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const tree = all.filter((stat) => stat.pid === root);
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!.pid) ?? []));
  return tree;
}

/** CPU time of a process tree so far, in ms; null when it cannot be read (not Linux). */
export function treeCpuMs(root: number): number | null {
  const tree = processTree(root);
  if (tree.length === 0) return null;
  return (tree.reduce((sum, stat) => sum + stat.ticks, 0) * 1000) / clockTicks;
}

/** Peak resident set size of a process since the last reset, in MB (Linux). */
export function peakRssMb(pid: number): number | null {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

export function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    /* not Linux, or not allowed: the peak then covers the whole run */
  }
}

/**
 * The PostgreSQL server running on this machine: its postmaster, the `postgres` process whose
 * parent is not one (its backends are its children). Null when there is none to read.
 */
export function postmasterPid(): number | null {
  const all = allProcesses();
  const postgres = new Set(all.filter((stat) => stat.command === 'postgres').map((stat) => stat.pid));
  return all.find((stat) => postgres.has(stat.pid) && !postgres.has(stat.ppid))?.pid ?? null;
}
