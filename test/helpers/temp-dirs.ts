/**
 * Temporary directories a test file makes and does not keep: each is removed once all the
 * file's tests and hooks have run (test/helpers/remove-temp-dirs.ts, a vitest setup file,
 * registers that), so a test that starts a server on one cannot forget to remove it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** Makes a new empty directory under the system temporary directory, removed after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory tempDir() has made so far (in this test file). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
