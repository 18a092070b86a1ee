import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDevDir, removeAbandonedDevDirs } from './dev-dirs.ts';

const root = mkdtempSync(join(tmpdir(), 'signpost-dev-dirs-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The pid of a process that has exited. */
function deadPid(): number {
  const pid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  expect(pid).toBeGreaterThan(0);
  return pid;
}

describe('--dev directories', () => {
  it('are made with the owner\'s pid', () => {
    const dir = makeDevDir(root);
    expect(dir.startsWith(join(root, 'signpost-dev-'))).toBe(true);
    expect(readFileSync(join(dir, 'owner.pid'), 'utf8')).toBe(String(process.pid));
  });

  it('are removed once their owner is gone; a live owner\'s, and one with no owner recorded, stay', () => {
    const live = makeDevDir(root);
    const abandoned = makeDevDir(root);
    writeFileSync(join(abandoned, 'owner.pid'), String(deadPid()));
    writeFileSync(join(abandoned, 'signpost.db'), 'data');
    const unknown = join(root, 'signpost-dev-old');
    mkdirSync(unknown);
    const other = join(root, 'not-signpost');
    mkdirSync(other);
    writeFileSync(join(other, 'owner.pid'), String(deadPid()));
    expect(removeAbandonedDevDirs(root)).toEqual([abandoned]);
    expect([live, abandoned, unknown, other].map(existsSync)).toEqual([true, false, true, true]);
  });
});
