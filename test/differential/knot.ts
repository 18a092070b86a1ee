// Starts a private knotd (Knot DNS 3.x) on a loopback port: its own config, storage and
// rundir under a temporary directory, so it needs no root-owned paths and never touches the
// system service. The config is the one described in README.md ("Knot's configuration").
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { waitForDns } from './udp.ts';

export type ZoneFile = { name: string; file: string };
export type RunningServer = { port: number; pid: number; stop: () => Promise<void>; log: () => string };

/** Returns the knotd.conf text for the given zones, serving on 127.0.0.1@port. */
export function renderKnotConfig(dir: string, port: number, zones: ZoneFile[]): string {
  const zoneLines = zones.map((z) => `  - domain: ${z.name}\n    file: "${basename(z.file)}"`);
  return `server:
    rundir: "${dir}/run"
    listen: 127.0.0.1@${port}
    udp-workers: 1
    tcp-workers: 1
    background-workers: 1
    udp-max-payload: 1232
    answer-rotation: off
    automatic-acl: off
    identity: ""
    version: ""
    nsid: ""
log:
  - target: stderr
    any: warning
database:
    storage: "${dir}/db"
template:
  - id: default
    storage: "${dir}/zones"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
    semantic-checks: off
    dnssec-signing: off
zone:
${zoneLines.join('\n')}
`;
}

/** Starts knotd serving the zones; resolves once it answers an SOA query for the first zone. */
export async function startKnot(port: number, zones: ZoneFile[], knotd = 'knotd'): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'signpost-knot-'));
  for (const sub of ['run', 'db', 'zones']) mkdirSync(join(dir, sub));
  for (const z of zones) copyFileSync(z.file, join(dir, 'zones', basename(z.file)));
  const conf = join(dir, 'knot.conf');
  writeFileSync(conf, renderKnotConfig(dir, port, zones));
  const child = spawn(knotd, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  return await supervise(child, port, zones[0]?.name ?? '.', 'knotd', () => rmSync(dir, { recursive: true, force: true }));
}

/** Wraps a spawned server: collects its output, waits until it answers, and stops it on demand. */
export async function supervise(
  child: ChildProcess, port: number, probeName: string, label: string, cleanup: () => void,
): Promise<RunningServer> {
  let log = '';
  child.stdout?.on('data', (d: Buffer) => { log += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { log += d.toString(); });
  let exited = child.exitCode !== null || child.signalCode !== null;
  const exit = exited ? Promise.resolve()
    : new Promise<void>((resolve) => child.on('exit', () => { exited = true; resolve(); }));
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    }
    cleanup();
  };
  try {
    await waitForDns(port, probeName, 15_000, () => exited);
  } catch (err) {
    await stop();
    throw new Error(`${label} did not start: ${(err as Error).message}\n${log}`);
  }
  return { port, pid: child.pid ?? -1, stop, log: () => log };
}
