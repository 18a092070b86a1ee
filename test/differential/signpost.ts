// Starts Signpost the way an operator would: `signpost zone import` each master file into a
// fresh data directory, then `signpost start --roles dns` on a loopback port, waiting for
// its "signpost ready" line and for it to answer.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { supervise, type RunningServer, type ZoneFile } from './knot.ts';
import { findFreePort } from './udp.ts';

const run = promisify(execFile);

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
/** The command operators run. */
export const SIGNPOST_BIN = join(REPO_ROOT, 'bin', 'signpost');

/** Returns why Signpost cannot be started here, or null when it can. */
export function signpostUnavailable(): string | null {
  if (!existsSync(SIGNPOST_BIN)) return `${SIGNPOST_BIN} does not exist yet`;
  if (!existsSync(join(REPO_ROOT, 'src', 'cli', 'main.ts'))) return 'src/cli/main.ts does not exist yet';
  return null;
}

/** Imports the zones into a new data directory and starts a DNS-only Signpost on port. */
export async function startSignpost(port: number, zones: ZoneFile[], workers = 0, prepare?: (dataDir: string) => Promise<void>): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'signpost-diff-'));
  for (const z of zones) {
    try {
      await run(SIGNPOST_BIN, ['zone', 'import', z.name, z.file, '--data-dir', dataDir, '--keep-apex-records'], { cwd: REPO_ROOT });
    } catch (err) {
      const e = err as { stderr?: string; stdout?: string; message: string };
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`signpost zone import ${z.name} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  }
  await prepare?.(dataDir);
  const httpPort = await findFreePort();
  const child = spawn(SIGNPOST_BIN, [
    'start', '--roles', 'dns', '--dns-listen', `127.0.0.1:${port}`, '--http-listen', `127.0.0.1:${httpPort}`,
    '--data-dir', dataDir, '--workers', String(workers),
  ], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise<void>((resolveReady) => {
    let seen = '';
    child.stdout.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes('signpost ready')) resolveReady();
    });
    child.on('exit', () => resolveReady());
  });
  await Promise.race([ready, new Promise((r) => setTimeout(r, 20_000))]);
  return await supervise(child, port, zones[0]?.name ?? '.', 'signpost', () => rmSync(dataDir, { recursive: true, force: true }));
}
