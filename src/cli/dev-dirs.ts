/**
 * The throwaway data directories of `signpost start --dev`: `signpost-dev-*` in the system's
 * temporary directory, each with the pid of the process that owns it. A stop removes its own;
 * one killed outright (kill -9, a CI job torn down) cannot, so the next `--dev` start removes
 * the directories whose owner is gone.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'signpost-dev-';
const OWNER = 'owner.pid';

/** True when a process with this pid exists (it may belong to another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the `--dev` directories under `root` whose owner process is gone; returns them. */
export function removeAbandonedDevDirs(root = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => n.startsWith(PREFIX));
  } catch {
    return removed;
  }
  for (const name of names) {
    const dir = join(root, name);
    let pid: number;
    try {
      pid = Number(readFileSync(join(dir, OWNER), 'utf8'));
    } catch {
      continue; // no owner recorded (or not ours to read): left alone
    }
    if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) continue;
    try {
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch { /* another user's, or going away anyway */ }
  }
  return removed;
}

/** Makes a new `--dev` directory under `root` owned by this process. */
export function makeDevDir(root = tmpdir()): string {
  const dir = mkdtempSync(join(root, PREFIX));
  writeFileSync(join(dir, OWNER), String(process.pid));
  return dir;
}
