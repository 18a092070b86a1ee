/**
 * The SQLite store: the shared Store suite on a file and in memory, then what only SQLite has
 * (schema migrations in PRAGMA user_version, WAL mode, the data-directory layout).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from './sqlite.ts';
import { openStore, storeFile } from './index.ts';
import { migrations } from './migrations.ts';
import { recordSet, runStoreSuite, zoneInput } from './store-suite.ts';

const root = mkdtempSync(join(tmpdir(), 'signpost-sqlite-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newFile = () => join(root, `t${++n}`, 'signpost.db');

/** Reads one value with a separate connection, so the store's own handle is not involved. */
function peek(file: string, sql: string): unknown {
  const db = new DatabaseSync(file);
  try {
    return Object.values(db.prepare(sql).get()!)[0];
  } finally {
    db.close();
  }
}

runStoreSuite('SQLite file', async () => {
  const file = newFile();
  return { store: openSqliteStore(file), openAgain: async () => openSqliteStore(file) };
});

runStoreSuite('SQLite :memory:', async () => ({ store: openSqliteStore(':memory:') }));

describe('SQLite schema migrations', () => {
  it('a new file is migrated to the latest version (user_version = migrations.length)', async () => {
    const file = newFile();
    await openSqliteStore(file).close();
    expect(peek(file, 'PRAGMA user_version')).toBe(migrations.length);
    expect(migrations.length).toBeGreaterThan(0);
  });

  it('reopening a current file runs nothing again and keeps the data', async () => {
    const file = newFile();
    const s1 = openSqliteStore(file);
    const { zone } = await s1.createZone(zoneInput('example.com.'), [recordSet('example.com.', 6, ['00'])]);
    await s1.close();
    const s2 = openSqliteStore(file);
    expect(await s2.getZone(zone.id)).toEqual(zone);
    await s2.close();
    expect(peek(file, 'PRAGMA user_version')).toBe(migrations.length);
  });

  it('a file from a newer Signpost (higher user_version) is refused with a clear error', () => {
    const file = newFile();
    openSqliteStore(file).close();
    const db = new DatabaseSync(file);
    db.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openSqliteStore(file)).toThrow(
      `the database schema (version ${migrations.length + 1}) is newer than this Signpost (${migrations.length}); upgrade Signpost`,
    );
    expect(peek(file, 'PRAGMA user_version')).toBe(migrations.length + 1);
  });
});

describe('SQLite durability settings and layout', () => {
  it('the file is in WAL mode', async () => {
    const file = newFile();
    const store = openSqliteStore(file);
    await store.createZone(zoneInput('example.com.'), []);
    expect(peek(file, 'PRAGMA journal_mode')).toBe('wal');
    expect(existsSync(`${file}-wal`)).toBe(true);
    await store.close();
    expect(peek(file, 'PRAGMA integrity_check')).toBe('ok');
  });

  it('openStore(dataDir) creates the directory and signpost.db inside it', async () => {
    const dir = join(root, `dir${++n}`, 'nested');
    const store = openStore(dir);
    expect(store.kind).toBe('sqlite');
    expect(store.location).toBe(storeFile(dir));
    expect(storeFile(dir)).toBe(join(dir, 'signpost.db'));
    await store.close();
    expect(existsSync(join(dir, 'signpost.db'))).toBe(true);
  });

  it('a read-only store reads but refuses writes', async () => {
    const dir = join(root, `dir${++n}`);
    const rw = openStore(dir);
    const { zone } = await rw.createZone(zoneInput('example.com.'), []);
    const ro = openStore(dir, { readOnly: true });
    try {
      expect(await ro.getZone(zone.id)).toEqual(zone);
      await expect(ro.applyChange(zone.id, { comment: '', deletes: [], puts: [] })).rejects.toThrow(/readonly/);
      expect((await rw.getZone(zone.id))?.version).toBe(1);
    } finally {
      await ro.close();
      await rw.close();
    }
  });

  // Bug: reportDnsNode's upsert updates pid, listeners, versions and heartbeat_at but not host or
  // started_at, so a node id reused by a restarted process (ids are `${pid}-dns`) keeps the old
  // start time and host, and listDnsNodes no longer returns what was last reported.
  it('a second report of the same node id also updates host and startedAt', async () => {
    const store = openSqliteStore(':memory:');
    const first = { id: '42-dns', pid: 42, host: 'a.example.net', listeners: [], versions: {}, startedAt: '2024-01-01T00:00:00.000Z', heartbeatAt: '2024-01-01T00:00:01.000Z' };
    const restarted = { ...first, host: 'b.example.net', startedAt: '2024-02-01T00:00:00.000Z', heartbeatAt: '2024-02-01T00:00:01.000Z' };
    await store.reportDnsNode(first);
    await store.reportDnsNode(restarted);
    try {
      expect(await store.listDnsNodes()).toEqual([restarted]);
    } finally {
      await store.close();
    }
  });

  // Bug: createAccount on an account that already exists returns a new createdAt (now) instead
  // of the stored row, so its answer disagrees with listAccounts.
  it('createAccount of an existing account returns the stored row', async () => {
    const store = openSqliteStore(':memory:');
    try {
      await store.createAccessKey({ id: 'AKIAEXAMPLE', secret: 's', accountId: '111111111111', createdAt: '2020-01-01T00:00:00.000Z' });
      const listed = await store.listAccounts();
      expect(listed).toEqual([{ id: '111111111111', createdAt: '2020-01-01T00:00:00.000Z' }]);
      expect(await store.createAccount('111111111111')).toEqual(listed[0]);
    } finally {
      await store.close();
    }
  });
});
