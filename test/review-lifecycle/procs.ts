/**
 * Process helpers for the lifecycle review tests: `signpost start` children that can be signalled
 * as a process group, the DNS worker processes of a primary (from /proc), bounded waits, a port
 * free for both UDP and TCP, and `signpost status` parsed into node rows.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import dgram from 'node:dgram';
import { promisify } from 'node:util';
import { BIN } from '../helpers/signpost.ts';

const run = promisify(execFile);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `fn` every `everyMs` until it returns a truthy value or `ms` pass; returns the last value. */
export async function waitFor<T>(fn: () => T | Promise<T>, ms: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + ms;
  let v = await fn();
  while (!v && Date.now() < deadline) {
    await sleep(everyMs);
    v = await fn();
  }
  return v;
}

/** The environment without the SIGNPOST_* settings of whoever runs the tests, plus `env`. */
export function cleanEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SIGNPOST_')) out[k] = v;
  return { ...out, ...env };
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of the DNS worker processes (src/server/worker.ts) whose parent is `ppid`. */
export function workerPids(ppid: number): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      if (parent !== String(ppid)) continue;
      if (readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('worker.ts')) out.push(Number(p));
    } catch { /* gone meanwhile */ }
  }
  return out.sort((a, b) => a - b);
}

/** A port that is free on 127.0.0.1 for TCP and UDP right now. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const u = dgram.createSocket('udp4');
      u.once('error', () => resolve(false));
      u.bind(port, '127.0.0.1', () => u.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

export type Started = {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
  closed: Promise<{ code: number | null; signal: string | null }>;
};

/**
 * Spawns `signpost start ARGS` (its own process group when `detached`); `ready` resolves at the
 * `signpost ready` line (rejects if it exits first); `closed` when it has exited.
 */
export function spawnStart(args: string[], opts: { detached?: boolean; env?: NodeJS.ProcessEnv } = {}): Started {
  const child = spawn(BIN, ['start', '--log-level', 'warn', ...args], {
    env: cleanEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached ?? false,
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
  const closed = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal });
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`signpost did not start:\n${out}`)), 20_000);
    const check = () => {
      if (out.includes('signpost ready')) { clearTimeout(timer); resolve(); }
    };
    child.stdout!.on('data', check);
    void closed.then(() => { clearTimeout(timer); reject(new Error(`signpost exited before it was ready:\n${out}`)); });
  });
  ready.catch(() => undefined);
  return { child, output: () => out, ready, closed };
}

/** Stops a started server with SIGTERM (SIGKILL of its group after 10 s) and waits for it. */
export async function stopStarted(s: Started): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) {
    s.child.kill('SIGTERM');
    const t = setTimeout(() => { try { process.kill(-s.child.pid!, 'SIGKILL'); } catch { s.child.kill('SIGKILL'); } }, 10_000);
    await s.closed;
    clearTimeout(t);
  }
}

/** Runs `signpost ARGS` to completion, whatever its exit code. */
export function signpostRun(args: string[], opts: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(BIN, args, {
      env: cleanEnv(opts.env), timeout: 20_000,
      ...(opts.uid !== undefined ? { uid: opts.uid } : {}), ...(opts.gid !== undefined ? { gid: opts.gid } : {}),
    }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export type NodeLine = { id: string; pid: number; state: string };

/** `signpost status` of `dataDir`: the whole text and its DNS node lines. */
export async function status(dataDir: string): Promise<{ text: string; nodes: NodeLine[] }> {
  const { stdout } = await run(BIN, ['status', '--data-dir', dataDir], { env: cleanEnv() });
  const nodes = [...stdout.matchAll(/^ {2}(\S+) {2}pid (\d+) {2}(up|stale[^)]*\))/gm)].map((m) => ({ id: m[1]!, pid: Number(m[2]), state: m[3]! }));
  return { text: stdout, nodes };
}
