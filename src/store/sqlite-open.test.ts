import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBusy, openDatabase, retryWhileBusy } from './sqlite-open.ts';

const busy = () => Object.assign(new Error('database is locked'), { errcode: 5 });

describe('retryWhileBusy', () => {
  it('asks again while the database is locked, and returns the first success', () => {
    let calls = 0;
    const out = retryWhileBusy(() => {
      if (++calls < 3) throw busy();
      return 'done';
    }, 1000);
    expect(out).toBe('done');
    expect(calls).toBe(3);
  });

  it('throws any other error at once', () => {
    let calls = 0;
    const other = Object.assign(new Error('no such table: t'), { errcode: 1 });
    expect(() => retryWhileBusy(() => { calls++; throw other; }, 1000)).toThrow('no such table');
    expect(calls).toBe(1);
  });

  it('gives up at the deadline with the lock error', () => {
    const started = Date.now();
    expect(() => retryWhileBusy(() => { throw busy(); }, 50)).toThrow('database is locked');
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });

  it('knows SQLITE_BUSY by its primary code, extended codes included', () => {
    expect(isBusy(busy())).toBe(true);
    expect(isBusy({ errcode: 5 | (2 << 8) })).toBe(true); // SQLITE_BUSY_SNAPSHOT
    expect(isBusy({ errcode: 6 })).toBe(false); // SQLITE_LOCKED is another thing
    expect(isBusy(new Error('x'))).toBe(false);
  });
});

/**
 * Creates a database in rollback-journal mode, then has another process take its write lock, as
 * when two processes open a fresh data directory together. Resolves once the lock is held. The
 * holder commits after `holdMs`, or when `release()` is called (holdMs omitted), and `released`
 * resolves with the time it committed.
 */
async function heldByAnotherProcess(file: string, holdMs?: number): Promise<{ release(): void; released: Promise<number> }> {
  const setup = new DatabaseSync(file);
  setup.exec('CREATE TABLE t (x)');
  setup.close();
  const holder = spawn(process.execPath, ['--input-type=module', '-e', `
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    db.exec('INSERT INTO t VALUES (1)');
    process.stdout.write('held\\n');
    const commit = () => { db.exec('COMMIT'); db.close(); process.stdout.write('released ' + Date.now() + '\\n'); process.exit(0); };
    ${holdMs === undefined ? "process.stdin.once('data', commit);" : `setTimeout(commit, ${holdMs});`}`], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  holder.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  const released = new Promise<number>((resolve) => holder.on('exit', () => resolve(Number(/released (\d+)/.exec(out)?.[1]))));
  await new Promise<void>((resolve) => { const check = () => (out.includes('held') ? resolve() : holder.stdout.once('data', check)); check(); });
  return { release: () => holder.stdin.end('go\n'), released };
}

describe('switching to WAL while another process holds the write lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'signpost-sqlite-open-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Why openDatabase retries: SQLite reads the file header, then asks for the write lock without
  // calling the busy handler, so the connection's 5 s timeout does not help.
  it('fails at once with "database is locked" when asked plainly', async () => {
    const file = join(dir, 'plain.db');
    const holder = await heldByAnotherProcess(file);
    const db = new DatabaseSync(file, { timeout: 5000 });
    const started = Date.now();
    expect(() => db.exec('PRAGMA journal_mode = WAL')).toThrow('database is locked');
    expect(Date.now() - started, 'well before the 5 s busy timeout').toBeLessThan(2500);
    db.close();
    holder.release();
    await holder.released;
  });

  it('succeeds through openDatabase, which waits for the lock to be released', async () => {
    const file = join(dir, 'retried.db');
    const holder = await heldByAnotherProcess(file, 1000);
    const asked = Date.now();
    const db = openDatabase(file);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    db.close();
    expect(asked, 'openDatabase was asked while the lock was held').toBeLessThan(await holder.released);
  });
});

describe('openDatabase settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'signpost-sqlite-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const setting = (db: DatabaseSync, name: string) => Object.values(db.prepare(`PRAGMA ${name}`).get()!)[0];

  it('flushes every commit to disk (synchronous=FULL), in WAL mode, with foreign keys on', () => {
    const db = openDatabase(join(dir, 'durable', 'a.db'));
    expect([setting(db, 'journal_mode'), setting(db, 'synchronous'), setting(db, 'foreign_keys')]).toEqual(['wal', 2, 1]);
    db.close();
  });

  it('does not wait for the disk when the store is a throwaway one (durable: false)', () => {
    const db = openDatabase(join(dir, 'throwaway.db'), { durable: false });
    expect([setting(db, 'journal_mode'), setting(db, 'synchronous')]).toEqual(['wal', 0]);
    db.close();
  });
});
