/**
 * Runs the real `signpost` command for tests: imports zones into a fresh data directory and
 * starts the server on ports the kernel picks, reading them from its startup lines.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { tempDir } from './temp-dirs.ts';

export const BIN = fileURLToPath(new URL('../../bin/signpost', import.meta.url));
const run = promisify(execFile);

export type Signpost = {
  dataDir: string;
  dnsPort: number;
  httpPort: number | undefined;
  output: () => string;
  process: ChildProcess;
  stop(): Promise<void>;
};

/** Runs `signpost ARGS` to completion; resolves with its output (rejects on a non-zero exit). */
export async function signpost(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  return run(BIN, args, { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Returns a new empty data directory, removed after the test file's tests (temp-dirs.ts), or
 * by `stop` of the server startSignpost() started on one of its own.
 */
export function tempDataDir(): string {
  return tempDir('signpost-test-');
}

/** Imports zone texts into `dataDir`. */
export async function importZones(dataDir: string, zones: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(zones)) {
    const file = join(dataDir, `${name}zone`);
    writeFileSync(file, text);
    await signpost(['zone', 'import', name, file, '--data-dir', dataDir, '--keep-apex-records']);
  }
}

/** Servers started and not yet stopped, killed when the test process exits whatever happened. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `signpost start` with the given extra flags; resolves once it prints `signpost ready`. */
export async function startSignpost(opts: { zones?: Record<string, string>; args?: string[]; dataDir?: string } = {}): Promise<Signpost> {
  const dataDir = opts.dataDir ?? tempDataDir();
  if (opts.zones) await importZones(dataDir, opts.zones);
  const args = opts.args ?? ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0'];
  const child = spawn(BIN, ['start', '--data-dir', dataDir, '--log-level', 'warn', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`signpost did not start within 20 s:\n${out}`));
    }, 20_000);
    const check = () => {
      if (out.includes('signpost ready')) { clearTimeout(timer); resolve(); }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`signpost exited with ${code}:\n${out}`)); });
  });
  const dnsPort = Number(/dns listening on udp\+tcp [^\n]*?:(\d+)/.exec(out)?.[1]);
  const http = /http listening on \S+:(\d+)/.exec(out)?.[1];
  return {
    dataDir, dnsPort, httpPort: http ? Number(http) : undefined, output: () => out, process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs dig against 127.0.0.1:port with the table's output options. */
export async function dig(port: number, args: string[], server = '127.0.0.1'): Promise<string> {
  const { stdout } = await run('dig', [`@${server}`, '-p', String(port), '+noall', '+comments', '+answer', '+authority', '+additional', '+nosplit', '+tries=1', '+time=2', ...args]);
  return stdout;
}
