/**
 * The embedded store: one SQLite file (node:sqlite) in WAL mode with synchronous=FULL, so an
 * acknowledged write survives a kill or a power cut (sqlite-open.ts opens it; --dev's throwaway
 * store skips the sync). Every write is one IMMEDIATE transaction.
 */
import type { DatabaseSync } from 'node:sqlite';
import { newChangeId } from './ids.ts';
import { migrate } from './migrations.ts';
import { openDatabase, type OpenOptions } from './sqlite-open.ts';
import { cidrCollectionMethods } from './cidr-collections.ts';
import { sqliteHealthMethods } from './sqlite-health.ts';
import { sqliteVpcMethods } from './sqlite-vpcs.ts';
import { StoreConflict, StoreOpenError, VersionConflict, type AccessKeyRow, type ChangePlan, type ChangeRow, type DelegationSetRow, type DnsNodeRow, type RecordSetRow, type Store, type ZoneRow } from './types.ts';

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
  const row: RecordSetRow = {
    name: String(r.name), type: Number(r.type), setIdentifier: String(r.set_identifier), ttl: Number(r.ttl),
    rdata: JSON.parse(String(r.rdata)) as string[], routing: r.routing === null ? null : String(r.routing),
  };
  if (r.r53_values !== null && r.r53_values !== undefined) row.values = JSON.parse(String(r.r53_values)) as string[];
  return row;
}

function keyFromRow(r: Row): AccessKeyRow {
  return { id: String(r.id), secret: String(r.secret), accountId: String(r.account_id), createdAt: String(r.created_at) };
}

function delegationSetFromRow(r: Row): DelegationSetRow {
  return {
    id: String(r.id), accountId: String(r.account_id), callerReference: r.caller_reference === null ? null : String(r.caller_reference),
    nameServers: JSON.parse(String(r.name_servers)) as string[], reusable: Number(r.reusable) === 1, createdAt: String(r.created_at),
  };
}

function changeFromRow(r: Row): ChangeRow {
  return {
    id: String(r.id), zoneId: String(r.zone_id), accountId: String(r.account_id ?? ''), version: Number(r.version),
    status: r.status === 'INSYNC' ? 'INSYNC' : 'PENDING', submittedAt: String(r.submitted_at), comment: String(r.comment ?? ''),
  };
}

/**
 * Tables wipe() leaves alone: the DNS nodes' reports of themselves are not resources, and the
 * health versions are counters the checkers and DNS nodes watch (wipe() moves them on instead).
 */
const KEPT_BY_WIPE = new Set(['dns_nodes', 'health_meta']);

/** Opens (creating and migrating when needed) the SQLite store at `file`. */
export function openSqliteStore(file: string, opts: OpenOptions = {}): Store {
  let db: DatabaseSync;
  try {
    db = openDatabase(file, opts);
    if (!opts.readOnly) migrate(db);
  } catch (err) {
    throw new StoreOpenError(`cannot open the store ${file}: ${(err as Error).message}`);
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
  function insertDelegationSet(set: DelegationSetRow): void {
    db.prepare('INSERT INTO delegation_sets (id, account_id, caller_reference, name_servers, reusable, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(set.id, set.accountId, set.callerReference, JSON.stringify(set.nameServers), set.reusable ? 1 : 0, set.createdAt);
  }
  const insertSet = db.prepare('INSERT INTO record_sets (zone_id, name, type, set_identifier, ttl, rdata, routing, r53_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (zone_id, name, type, set_identifier) DO UPDATE SET ttl = excluded.ttl, rdata = excluded.rdata, routing = excluded.routing, r53_values = excluded.r53_values');

  function putSet(zoneId: string, s: RecordSetRow): void {
    if (s.values !== undefined && s.values.length !== s.rdata.length) throw new Error(`record set ${s.name}: ${s.values.length} values for ${s.rdata.length} rdata`);
    insertSet.run(zoneId, s.name, s.type, s.setIdentifier, s.ttl, JSON.stringify(s.rdata), s.routing, s.values === undefined ? null : JSON.stringify(s.values));
  }

  /** Bumps the zone version and writes the change and its log entry; inside a transaction. */
  function recordChange(zoneId: string, comment: string, summary: unknown): ChangeRow {
    const row = db.prepare('UPDATE zones SET version = version + 1 WHERE id = ? RETURNING version, account_id').get(zoneId);
    if (!row) throw new Error(`no such zone ${zoneId}`);
    const change: ChangeRow = { id: newChangeId(), zoneId, accountId: String(row.account_id), version: Number(row.version), status: 'PENDING', submittedAt: now(), comment };
    db.prepare('INSERT INTO changes (id, zone_id, account_id, version, status, submitted_at, comment) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(change.id, zoneId, change.accountId, change.version, change.status, change.submittedAt, comment);
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
    async createZone(z, sets, delegationSet, opts) {
      return tx(() => {
        const createdAt = now();
        if (opts?.unlessNameExists && db.prepare('SELECT 1 FROM zones WHERE name = ?').get(z.name)) {
          throw new StoreConflict('zone-name', `a hosted zone named ${z.name} exists`);
        }
        const used = db.prepare('SELECT resource_id FROM caller_references WHERE kind = ? AND account_id = ? AND value = ?').get('hostedzone', z.accountId, z.callerReference);
        if (used) throw new StoreConflict('caller-reference', `caller reference ${z.callerReference} was used before`);
        db.prepare('INSERT INTO caller_references (kind, account_id, value, resource_id) VALUES (?, ?, ?, ?)').run('hostedzone', z.accountId, z.callerReference, z.id);
        if (delegationSet) insertDelegationSet(delegationSet);
        db.prepare('INSERT INTO zones (id, name, account_id, caller_reference, comment, private, delegation_set_id, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)')
          .run(z.id, z.name, z.accountId, z.callerReference, z.comment, z.privateZone ? 1 : 0, z.delegationSetId, createdAt);
        for (const s of sets) putSet(z.id, s);
        if (opts?.vpc) db.prepare('INSERT INTO zone_vpcs (zone_id, vpc_id, region) VALUES (?, ?, ?)').run(z.id, opts.vpc.vpcId, opts.vpc.region);
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
    async applyChange(zoneId, plan: ChangePlan, expectedVersion?: number) {
      return tx(() => {
        if (expectedVersion !== undefined) {
          const row = db.prepare('SELECT version FROM zones WHERE id = ?').get(zoneId);
          if (!row || Number(row.version) !== expectedVersion) throw new VersionConflict(`zone ${zoneId} changed since the plan was made`);
        }
        const del = db.prepare('DELETE FROM record_sets WHERE zone_id = ? AND name = ? AND type = ? AND set_identifier = ?');
        for (const k of plan.deletes) del.run(zoneId, k.name, k.type, k.setIdentifier);
        for (const s of plan.puts) putSet(zoneId, s);
        return recordChange(zoneId, plan.comment, {
          op: 'change', deletes: plan.deletes, puts: plan.puts.map((s) => ({ name: s.name, type: s.type, setIdentifier: s.setIdentifier })),
        });
      });
    },
    async deleteZone(zoneId, expectedVersion?: number) {
      return tx(() => {
        const zone = db.prepare('SELECT version, delegation_set_id, account_id FROM zones WHERE id = ?').get(zoneId);
        if (!zone) return undefined;
        if (expectedVersion !== undefined && Number(zone.version) !== expectedVersion) {
          throw new VersionConflict(`zone ${zoneId} changed since it was checked`);
        }
        const change: ChangeRow = { id: newChangeId(), zoneId, accountId: String(zone.account_id), version: Number(zone.version) + 1, status: 'PENDING', submittedAt: now(), comment: '' };
        db.prepare('DELETE FROM zones WHERE id = ?').run(zoneId);
        db.prepare('DELETE FROM tags WHERE resource_type = ? AND resource_id = ?').run('hostedzone', zoneId);
        // A zone's own (non-reusable) delegation set goes with it.
        if (zone.delegation_set_id !== null) db.prepare('DELETE FROM delegation_sets WHERE id = ? AND reusable = 0').run(String(zone.delegation_set_id));
        db.prepare('INSERT INTO changes (id, zone_id, account_id, version, status, submitted_at, comment) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(change.id, zoneId, change.accountId, change.version, change.status, change.submittedAt, '');
        db.prepare('INSERT INTO change_log (zone_id, version, change_id, at, summary) VALUES (?, ?, ?, ?, ?)')
          .run(zoneId, change.version, change.id, change.submittedAt, JSON.stringify({ op: 'delete-zone' }));
        return change;
      });
    },
    async updateZoneComment(zoneId, comment) {
      db.prepare('UPDATE zones SET comment = ? WHERE id = ?').run(comment, zoneId);
    },
    async callerReferenceOwner(kind, accountId, value) {
      const r = db.prepare('SELECT resource_id FROM caller_references WHERE kind = ? AND account_id = ? AND value = ?').get(kind, accountId, value);
      return r ? String(r.resource_id) : undefined;
    },
    async createAccount(id) {
      db.prepare('INSERT INTO accounts (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING').run(id, now());
      const r = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id)!;
      return { id: String(r.id), createdAt: String(r.created_at) };
    },
    async listAccounts() {
      return db.prepare('SELECT * FROM accounts ORDER BY id').all().map((r) => ({ id: String(r.id), createdAt: String(r.created_at) }));
    },
    async createAccessKey(k: AccessKeyRow) {
      tx(() => {
        db.prepare('INSERT INTO accounts (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING').run(k.accountId, k.createdAt);
        const exists = db.prepare('SELECT 1 FROM access_keys WHERE id = ?').get(k.id);
        if (exists) throw new StoreConflict('access-key', `access key ${k.id} already exists`);
        db.prepare('INSERT INTO access_keys (id, secret, account_id, created_at) VALUES (?, ?, ?, ?)').run(k.id, k.secret, k.accountId, k.createdAt);
      });
    },
    async getAccessKey(id) {
      const r = db.prepare('SELECT * FROM access_keys WHERE id = ?').get(id);
      return r ? keyFromRow(r) : undefined;
    },
    async listAccessKeys() {
      return db.prepare('SELECT * FROM access_keys ORDER BY account_id, id').all().map(keyFromRow);
    },
    async deleteAccessKey(id) {
      return Number(db.prepare('DELETE FROM access_keys WHERE id = ?').run(id).changes) > 0;
    },
    async createDelegationSet(set) {
      tx(() => {
        if (set.callerReference !== null) {
          const used = db.prepare('SELECT 1 FROM caller_references WHERE kind = ? AND account_id = ? AND value = ?').get('delegationset', set.accountId, set.callerReference);
          if (used) throw new StoreConflict('caller-reference', `caller reference ${set.callerReference} was used before`);
          db.prepare('INSERT INTO caller_references (kind, account_id, value, resource_id) VALUES (?, ?, ?, ?)').run('delegationset', set.accountId, set.callerReference, set.id);
        }
        insertDelegationSet(set);
      });
    },
    async getDelegationSet(id) {
      const r = db.prepare('SELECT * FROM delegation_sets WHERE id = ?').get(id);
      return r ? delegationSetFromRow(r) : undefined;
    },
    async listDelegationSets(accountId) {
      return db.prepare('SELECT * FROM delegation_sets WHERE account_id = ? AND reusable = 1 ORDER BY id').all(accountId).map(delegationSetFromRow);
    },
    async deleteDelegationSet(id) {
      return Number(db.prepare('DELETE FROM delegation_sets WHERE id = ?').run(id).changes) > 0;
    },
    async markDelegationSetReusable(id, callerReference) {
      tx(() => {
        const set = db.prepare('SELECT account_id FROM delegation_sets WHERE id = ?').get(id);
        if (!set) throw new Error(`no delegation set ${id}`);
        const used = db.prepare('SELECT 1 FROM caller_references WHERE kind = ? AND account_id = ? AND value = ?').get('delegationset', String(set.account_id), callerReference);
        if (used) throw new StoreConflict('caller-reference', `caller reference ${callerReference} was used before`);
        db.prepare('INSERT INTO caller_references (kind, account_id, value, resource_id) VALUES (?, ?, ?, ?)').run('delegationset', String(set.account_id), callerReference, id);
        db.prepare('UPDATE delegation_sets SET reusable = 1, caller_reference = ? WHERE id = ?').run(callerReference, id);
      });
    },
    async changeTags(resourceType, resourceId, add, remove) {
      tx(() => {
        const del = db.prepare('DELETE FROM tags WHERE resource_type = ? AND resource_id = ? AND key = ?');
        for (const k of remove) del.run(resourceType, resourceId, k);
        const put = db.prepare('INSERT INTO tags (resource_type, resource_id, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (resource_type, resource_id, key) DO UPDATE SET value = excluded.value');
        for (const t of add) put.run(resourceType, resourceId, t.key, t.value);
      });
    },
    async listTags(resourceType, resourceId) {
      return db.prepare('SELECT key, value FROM tags WHERE resource_type = ? AND resource_id = ? ORDER BY key').all(resourceType, resourceId)
        .map((r) => ({ key: String(r.key), value: String(r.value) }));
    },
    async getChange(id) {
      const r = db.prepare('SELECT * FROM changes WHERE id = ?').get(id);
      return r ? changeFromRow(r) : undefined;
    },
    ...sqliteVpcMethods({ db, tx, recordChange }),
    async reportDnsNode(n: DnsNodeRow) {
      db.prepare('INSERT INTO dns_nodes (id, pid, host, listeners, versions, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, host = excluded.host, started_at = excluded.started_at, listeners = excluded.listeners, versions = excluded.versions, heartbeat_at = excluded.heartbeat_at')
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
    ...sqliteHealthMethods(db, tx),
    async wipe() {
      tx(() => {
        // Every table, so resources that later migrations add are wiped too; foreign keys are
        // checked at commit, when the referencing rows are gone as well.
        db.exec('PRAGMA defer_foreign_keys = ON');
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all()
          .map((r) => String(r.name)).filter((t) => !KEPT_BY_WIPE.has(t));
        for (const t of tables) db.exec(`DELETE FROM "${t.replace(/"/g, '""')}"`);
        // The checkers drop the deleted checks, and the DNS nodes their statuses.
        db.exec('UPDATE health_meta SET value = value + 1');
      });
    },
    async close() {
      if (db.isOpen) db.close();
    },
    ...cidrCollectionMethods({ db, tx, recordChange, now }),
  };
  return store;
}
