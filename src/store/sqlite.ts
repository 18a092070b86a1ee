/**
 * The embedded store: one SQLite file (node:sqlite) in WAL mode with synchronous=FULL, so an
 * acknowledged write survives a kill or a power cut. Every write is one IMMEDIATE transaction.
 */
import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { newChangeId } from './ids.ts';
import { migrate } from './migrations.ts';
import type { ChangePlan, ChangeRow, DnsNodeRow, RecordSetRow, Store, ZoneRow } from './types.ts';

type Row = Record<string, unknown>;

function zoneFromRow(r: Row): ZoneRow {
  return {
    id: String(r.id), name: String(r.name), accountId: String(r.account_id),
    callerReference: String(r.caller_reference), comment: String(r.comment ?? ''),
    privateZone: Number(r.private) === 1, delegationSetId: r.delegation_set_id === null ? null : String(r.delegation_set_id),
    version: Number(r.version), createdAt: String(r.created_at),
  };
}

function setFromRow(r: Row): RecordSetRow {
  return {
    name: String(r.name), type: Number(r.type), setIdentifier: String(r.set_identifier), ttl: Number(r.ttl),
    rdata: JSON.parse(String(r.rdata)) as string[], routing: r.routing === null ? null : String(r.routing),
  };
}

function changeFromRow(r: Row): ChangeRow {
  return {
    id: String(r.id), zoneId: String(r.zone_id), version: Number(r.version),
    status: r.status === 'INSYNC' ? 'INSYNC' : 'PENDING', submittedAt: String(r.submitted_at), comment: String(r.comment ?? ''),
  };
}

/** Opens (creating and migrating when needed) the SQLite store at `file`. */
export function openSqliteStore(file: string, opts: { readOnly?: boolean } = {}): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { readOnly: opts.readOnly ?? false, timeout: 5000 });
  if (!opts.readOnly) {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db);
  }

  function tx<T>(fn: () => T): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      db.exec('COMMIT');
      return out;
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }

  const now = () => new Date().toISOString();
  const insertSet = db.prepare('INSERT INTO record_sets (zone_id, name, type, set_identifier, ttl, rdata, routing) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (zone_id, name, type, set_identifier) DO UPDATE SET ttl = excluded.ttl, rdata = excluded.rdata, routing = excluded.routing');

  function putSet(zoneId: string, s: RecordSetRow): void {
    insertSet.run(zoneId, s.name, s.type, s.setIdentifier, s.ttl, JSON.stringify(s.rdata), s.routing);
  }

  /** Bumps the zone version and writes the change and its log entry; inside a transaction. */
  function recordChange(zoneId: string, comment: string, summary: unknown): ChangeRow {
    const row = db.prepare('UPDATE zones SET version = version + 1 WHERE id = ? RETURNING version').get(zoneId);
    if (!row) throw new Error(`no such zone ${zoneId}`);
    const change: ChangeRow = { id: newChangeId(), zoneId, version: Number(row.version), status: 'PENDING', submittedAt: now(), comment };
    db.prepare('INSERT INTO changes (id, zone_id, version, status, submitted_at, comment) VALUES (?, ?, ?, ?, ?, ?)')
      .run(change.id, zoneId, change.version, change.status, change.submittedAt, comment);
    db.prepare('INSERT INTO change_log (zone_id, version, change_id, at, summary) VALUES (?, ?, ?, ?, ?)')
      .run(zoneId, change.version, change.id, change.submittedAt, JSON.stringify(summary));
    return change;
  }

  const store: Store = {
    kind: 'sqlite',
    location: file,
    async listZones() {
      return db.prepare('SELECT * FROM zones ORDER BY name, id').all().map(zoneFromRow);
    },
    async getZone(id) {
      const r = db.prepare('SELECT * FROM zones WHERE id = ?').get(id);
      return r ? zoneFromRow(r) : undefined;
    },
    async findZonesByName(name) {
      return db.prepare('SELECT * FROM zones WHERE name = ? ORDER BY id').all(name).map(zoneFromRow);
    },
    async zoneVersions() {
      const out = new Map<string, number>();
      for (const r of db.prepare('SELECT id, version FROM zones').all()) out.set(String(r.id), Number(r.version));
      return out;
    },
    async getRecordSets(zoneId) {
      return db.prepare('SELECT * FROM record_sets WHERE zone_id = ? ORDER BY name, type, set_identifier').all(zoneId).map(setFromRow);
    },
    async countRecordSets(zoneId) {
      return Number(db.prepare('SELECT count(*) AS n FROM record_sets WHERE zone_id = ?').get(zoneId)!.n);
    },
    async createZone(z, sets) {
      return tx(() => {
        const createdAt = now();
        db.prepare('INSERT INTO zones (id, name, account_id, caller_reference, comment, private, delegation_set_id, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)')
          .run(z.id, z.name, z.accountId, z.callerReference, z.comment, z.privateZone ? 1 : 0, z.delegationSetId, createdAt);
        for (const s of sets) putSet(z.id, s);
        const change = recordChange(z.id, z.comment, { op: 'create', sets: sets.length });
        return { zone: { ...z, version: change.version, createdAt }, change };
      });
    },
    async replaceRecordSets(zoneId, sets, comment) {
      return tx(() => {
        db.prepare('DELETE FROM record_sets WHERE zone_id = ?').run(zoneId);
        for (const s of sets) putSet(zoneId, s);
        return recordChange(zoneId, comment, { op: 'replace', sets: sets.length });
      });
    },
    async applyChange(zoneId, plan: ChangePlan) {
      return tx(() => {
        const del = db.prepare('DELETE FROM record_sets WHERE zone_id = ? AND name = ? AND type = ? AND set_identifier = ?');
        for (const k of plan.deletes) del.run(zoneId, k.name, k.type, k.setIdentifier);
        for (const s of plan.puts) putSet(zoneId, s);
        return recordChange(zoneId, plan.comment, {
          op: 'change', deletes: plan.deletes, puts: plan.puts.map((s) => ({ name: s.name, type: s.type, setIdentifier: s.setIdentifier })),
        });
      });
    },
    async deleteZone(zoneId) {
      return tx(() => {
        const r = db.prepare('DELETE FROM zones WHERE id = ?').run(zoneId);
        if (Number(r.changes) > 0) {
          db.prepare('INSERT INTO change_log (zone_id, version, change_id, at, summary) VALUES (?, 0, NULL, ?, ?)')
            .run(zoneId, now(), JSON.stringify({ op: 'delete-zone' }));
        }
        return Number(r.changes) > 0;
      });
    },
    async getChange(id) {
      const r = db.prepare('SELECT * FROM changes WHERE id = ?').get(id);
      return r ? changeFromRow(r) : undefined;
    },
    async reportDnsNode(n: DnsNodeRow) {
      db.prepare('INSERT INTO dns_nodes (id, pid, host, listeners, versions, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, listeners = excluded.listeners, versions = excluded.versions, heartbeat_at = excluded.heartbeat_at')
        .run(n.id, n.pid, n.host, JSON.stringify(n.listeners), JSON.stringify(n.versions), n.startedAt, n.heartbeatAt);
    },
    async listDnsNodes() {
      return db.prepare('SELECT * FROM dns_nodes ORDER BY id').all().map((r) => ({
        id: String(r.id), pid: Number(r.pid), host: String(r.host), listeners: JSON.parse(String(r.listeners)) as string[],
        versions: JSON.parse(String(r.versions)) as Record<string, number>, startedAt: String(r.started_at), heartbeatAt: String(r.heartbeat_at),
      }));
    },
    async removeDnsNode(id) {
      db.prepare('DELETE FROM dns_nodes WHERE id = ?').run(id);
    },
    async close() {
      if (db.isOpen) db.close();
    },
  };
  return store;
}
