/**
 * Opening the store's SQLite file, which other processes may be opening at the same moment.
 *
 * The connection is put in WAL mode with synchronous=FULL, so an acknowledged write survives a
 * kill or a power cut (unless the store is a throwaway one), and foreign keys are enforced.
 *
 * `PRAGMA journal_mode = WAL` on a file still in rollback mode reads the header under a shared
 * lock, then asks for the write lock. If another process holds that lock, SQLite answers
 * SQLITE_BUSY at once instead of calling the busy handler (waiting could deadlock), so the
 * connection's timeout does not help. Processes opening a fresh data directory together met this
 * (about one in a hundred; it failed CI once). Asking again after a short pause succeeds.
 */
import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const SQLITE_BUSY = 5;

/** True for SQLITE_BUSY and its extended codes ("database is locked"). */
export function isBusy(err: unknown): boolean {
  const code = (err as { errcode?: unknown }).errcode;
  return typeof code === 'number' && (code & 0xff) === SQLITE_BUSY;
}

/** Blocks the thread for `ms` (start-up only: the store is not open yet, nothing else waits). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `step` again after a short, randomised pause while it fails with SQLITE_BUSY, for at most
 * `timeoutMs`; any other error, or a lock still held at the deadline, is thrown.
 */
export function retryWhileBusy<T>(step: () => T, timeoutMs: number, random: () => number = Math.random): T {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    try {
      return step();
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err;
      pause(Math.min(wait * (0.5 + random()), Math.max(1, deadline - Date.now())));
    }
  }
}

/** How the database file is opened. */
export interface OpenOptions {
  readOnly?: boolean;
  /**
   * false: synchronous=OFF, for a throwaway store (`start --dev`). A write is then not flushed
   * to disk before it is acknowledged; it survives the process's crash but not the machine's.
   */
  durable?: boolean;
}

/** How long a statement waits for another process's lock before failing. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens `file` (creating its directory), in WAL mode unless read-only, riding out the deadlock
 * described above. The schema is not touched: that is migrate()'s work.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { readOnly: opts.readOnly ?? false, timeout: BUSY_TIMEOUT_MS });
  if (!opts.readOnly) {
    retryWhileBusy(() => db.exec('PRAGMA journal_mode = WAL'), BUSY_TIMEOUT_MS);
    db.exec(`PRAGMA synchronous = ${opts.durable === false ? 'OFF' : 'FULL'}`);
    db.exec('PRAGMA foreign_keys = ON');
  }
  return db;
}
