// Measurement: CPU time of a process tree from /proc (utime + stime of every live process
// descended from the root; /proc/PID/stat already sums a process's threads), and one
// dnsperf run parsed into numbers.
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

type Stat = { ppid: number; ticks: number };

/** Returns ppid and utime+stime (clock ticks) of pid, or null if it is gone. */
function readStat(pid: number): Stat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name, which may itself contain spaces.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

/** Returns the CPU clock ticks used so far by root and all its live descendants. */
export function treeTicks(root: number): number {
  const stats = new Map<number, Stat>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const st = readStat(Number(e));
    if (st) stats.set(Number(e), st);
  }
  const inTree = new Set<number>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, st] of stats) {
      if (!inTree.has(pid) && inTree.has(st.ppid)) { inTree.add(pid); grew = true; }
    }
  }
  let ticks = 0;
  for (const pid of inTree) ticks += stats.get(pid)?.ticks ?? 0;
  return ticks;
}

/** Clock ticks per second (USER_HZ), read once. */
export const CLK_TCK = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export type PerfResult = {
  qps: number;
  sent: number;
  completed: number;
  lost: number;
  /** Server CPU as a share of one core over the run, 0..n. */
  cpu: number;
  seconds: number;
};

/**
 * Runs dnsperf (optionally pinned) against port and measures the server tree's CPU meanwhile.
 * `extra` is appended to dnsperf's arguments (e.g. `-E 8:...` for an EDNS Client Subnet option).
 */
export async function dnsperf(
  port: number, pid: number, queryFile: string, seconds: number, cpus: string | null, extra: string[] = [],
): Promise<PerfResult> {
  const args = ['-s', '127.0.0.1', '-p', String(port), '-d', queryFile, '-c', '10', '-q', '200', '-t', '2', '-l', String(seconds), ...extra];
  const [cmd, argv] = cpus === null ? ['dnsperf', args] : ['taskset', ['-c', cpus, 'dnsperf', ...args]];
  const t0 = process.hrtime.bigint();
  const c0 = treeTicks(pid);
  const { stdout } = await run(cmd, argv, { maxBuffer: 16 << 20 });
  const c1 = treeTicks(pid);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const num = (re: RegExp): number => Number(re.exec(stdout)?.[1] ?? NaN);
  const elapsed = num(/Run time \(s\):\s+([\d.]+)/);
  return {
    qps: num(/Queries per second:\s+([\d.]+)/),
    sent: num(/Queries sent:\s+(\d+)/),
    completed: num(/Queries completed:\s+(\d+)/),
    lost: num(/Queries lost:\s+(\d+)/),
    // Over dnsperf's own run time, as qps is: the server idles during dnsperf's start-up.
    cpu: (c1 - c0) / CLK_TCK / (Number.isFinite(elapsed) ? elapsed : wall),
    seconds: Number.isFinite(elapsed) ? elapsed : wall,
  };
}
