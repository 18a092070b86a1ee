/**
 * The health-check part of the SQLite store: checks, checker reports, the rolling history of
 * observations, published statuses and the two version counters (config, status) that checkers
 * and DNS nodes poll. Spliced into the Store by sqlite.ts.
 */
import type { DatabaseSync } from 'node:sqlite';
import {
  StoreConflict, VersionConflict, type HealthCheckRow, type HealthObservationRow, type HealthReportRow, type HealthTransition, type Store,
} from './types.ts';

type Row = Record<string, unknown>;
type HealthMethods = Pick<Store, 'createHealthCheck' | 'getHealthCheck' | 'listHealthChecks' | 'updateHealthCheck' | 'deleteHealthCheck'
  | 'recordSetsUsingHealthCheck' | 'healthConfigVersion' | 'writeHealthReports' | 'listHealthReports' | 'listHealthObservations'
  | 'aggregateHealth' | 'healthStatusVersion' | 'healthStates'>;

function checkFromRow(r: Row): HealthCheckRow {
  return {
    id: String(r.id), accountId: String(r.account_id), callerReference: String(r.caller_reference), config: String(r.config),
    createdConfig: String(r.created_config), version: Number(r.version), createdAt: String(r.created_at),
  };
}

function reportFromRow(r: Row): HealthReportRow {
  return {
    checkId: String(r.check_id), checkerId: String(r.checker_id), region: String(r.region), address: String(r.address),
    healthy: Number(r.healthy) === 1, status: String(r.status), checkedAt: String(r.checked_at),
    lastFailure: r.last_failure === null ? null : String(r.last_failure), lastFailureAt: r.last_failure_at === null ? null : String(r.last_failure_at),
  };
}

/** Returns the health methods over `db`; `tx` runs a function in one IMMEDIATE transaction. */
export function sqliteHealthMethods(db: DatabaseSync, tx: <T>(fn: () => T) => T): HealthMethods {
  const bump = (key: 'config' | 'status') => db.prepare('UPDATE health_meta SET value = value + 1 WHERE key = ?').run(key);
  const meta = (key: 'config' | 'status') => Number(db.prepare('SELECT value FROM health_meta WHERE key = ?').get(key)?.value ?? 0);
  const states = () => new Map(db.prepare('SELECT check_id, healthy FROM health_states').all().map((r) => [String(r.check_id), Number(r.healthy) === 1] as const));
  return {
    async createHealthCheck(c) {
      return tx(() => {
        const used = db.prepare('SELECT 1 FROM caller_references WHERE kind = ? AND account_id = ? AND value = ?').get('healthcheck', c.accountId, c.callerReference);
        if (used) throw new StoreConflict('caller-reference', `caller reference ${c.callerReference} was used before`);
        db.prepare('INSERT INTO caller_references (kind, account_id, value, resource_id) VALUES (?, ?, ?, ?)').run('healthcheck', c.accountId, c.callerReference, c.id);
        db.prepare('INSERT INTO health_checks (id, account_id, caller_reference, config, created_config, version, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)')
          .run(c.id, c.accountId, c.callerReference, c.config, c.createdConfig, c.createdAt);
        bump('config');
        return { ...c, version: 1 };
      });
    },
    async getHealthCheck(id) {
      const r = db.prepare('SELECT * FROM health_checks WHERE id = ?').get(id);
      return r ? checkFromRow(r) : undefined;
    },
    async listHealthChecks(accountId) {
      const rows = accountId === undefined
        ? db.prepare('SELECT * FROM health_checks ORDER BY id').all()
        : db.prepare('SELECT * FROM health_checks WHERE account_id = ? ORDER BY id').all(accountId);
      return rows.map(checkFromRow);
    },
    async updateHealthCheck(id, config, expectedVersion) {
      return tx(() => {
        const r = db.prepare('SELECT version FROM health_checks WHERE id = ?').get(id);
        if (!r) throw new Error(`no such health check ${id}`);
        if (expectedVersion !== undefined && Number(r.version) !== expectedVersion) throw new VersionConflict(`health check ${id} is at version ${Number(r.version)}, not ${expectedVersion}`);
        db.prepare('UPDATE health_checks SET config = ?, version = version + 1 WHERE id = ?').run(config, id);
        bump('config');
        return checkFromRow(db.prepare('SELECT * FROM health_checks WHERE id = ?').get(id)!);
      });
    },
    async deleteHealthCheck(id) {
      return tx(() => {
        const gone = Number(db.prepare('DELETE FROM health_checks WHERE id = ?').run(id).changes) > 0;
        if (!gone) return false;
        db.prepare('DELETE FROM tags WHERE resource_type = ? AND resource_id = ?').run('healthcheck', id);
        db.prepare('DELETE FROM health_reports WHERE check_id = ?').run(id);
        db.prepare('DELETE FROM health_observations WHERE check_id = ?').run(id);
        if (Number(db.prepare('DELETE FROM health_states WHERE check_id = ?').run(id).changes) > 0) bump('status');
        bump('config');
        return true;
      });
    },
    async recordSetsUsingHealthCheck(id) {
      return db.prepare("SELECT zone_id, name FROM record_sets WHERE routing IS NOT NULL AND json_extract(routing, '$.healthCheckId') = ? ORDER BY zone_id, name").all(id)
        .map((r) => ({ zoneId: String(r.zone_id), name: String(r.name) }));
    },
    async healthConfigVersion() {
      return meta('config');
    },
    async writeHealthReports(reports, observations, historyLimit) {
      tx(() => {
        const put = db.prepare(`INSERT INTO health_reports (check_id, checker_id, region, address, healthy, status, checked_at, last_failure, last_failure_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (check_id, checker_id) DO UPDATE SET region = excluded.region, address = excluded.address,
          healthy = excluded.healthy, status = excluded.status, checked_at = excluded.checked_at, last_failure = excluded.last_failure, last_failure_at = excluded.last_failure_at`);
        // A report for a check deleted meanwhile is dropped (the check's rows went with it).
        const exists = db.prepare('SELECT 1 FROM health_checks WHERE id = ?');
        for (const r of reports) {
          if (!exists.get(r.checkId)) continue;
          put.run(r.checkId, r.checkerId, r.region, r.address, r.healthy ? 1 : 0, r.status, r.checkedAt, r.lastFailure, r.lastFailureAt);
        }
        const add = db.prepare('INSERT INTO health_observations (check_id, checker_id, at, ok, latency_ms, status, healthy) VALUES (?, ?, ?, ?, ?, ?, ?)');
        const trim = db.prepare('DELETE FROM health_observations WHERE check_id = ? AND checker_id = ? AND seq <= (SELECT seq FROM health_observations WHERE check_id = ? AND checker_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)');
        const touched = new Set<string>();
        for (const o of observations) {
          if (!exists.get(o.checkId)) continue;
          add.run(o.checkId, o.checkerId, o.at, o.ok ? 1 : 0, o.latencyMs, o.status, o.healthy === undefined ? null : o.healthy ? 1 : 0);
          touched.add(JSON.stringify([o.checkId, o.checkerId]));
        }
        for (const key of touched) {
          const [checkId, checkerId] = JSON.parse(key) as [string, string];
          trim.run(checkId, checkerId, checkId, checkerId, historyLimit);
        }
      });
    },
    async listHealthReports(checkId) {
      const rows = checkId === undefined
        ? db.prepare('SELECT * FROM health_reports ORDER BY check_id, checker_id').all()
        : db.prepare('SELECT * FROM health_reports WHERE check_id = ? ORDER BY checker_id').all(checkId);
      return rows.map(reportFromRow);
    },
    async listHealthObservations(checkId) {
      return db.prepare('SELECT * FROM health_observations WHERE check_id = ? ORDER BY seq').all(checkId).map((r) => ({
        checkId: String(r.check_id), checkerId: String(r.checker_id), at: String(r.at), ok: Number(r.ok) === 1,
        latencyMs: r.latency_ms === null ? null : Number(r.latency_ms), status: String(r.status),
        ...(r.healthy === null || r.healthy === undefined ? {} : { healthy: Number(r.healthy) === 1 }),
      } satisfies HealthObservationRow));
    },
    async aggregateHealth(compute, at) {
      return tx(() => {
        const current = states();
        const checks = db.prepare('SELECT * FROM health_checks ORDER BY id').all().map(checkFromRow);
        const reports = db.prepare('SELECT * FROM health_reports ORDER BY check_id, checker_id').all().map(reportFromRow);
        const next = compute({ checks, reports, states: current });
        const out: HealthTransition[] = [];
        const put = db.prepare('INSERT INTO health_states (check_id, healthy, changed_at) VALUES (?, ?, ?) ON CONFLICT (check_id) DO UPDATE SET healthy = excluded.healthy, changed_at = excluded.changed_at');
        for (const [id, healthy] of next) {
          if (current.get(id) === healthy) continue;
          put.run(id, healthy ? 1 : 0, at);
          out.push({ checkId: id, healthy, at });
        }
        const ids = new Set(checks.map((c) => c.id));
        for (const id of current.keys()) {
          if (ids.has(id)) continue;
          db.prepare('DELETE FROM health_states WHERE check_id = ?').run(id);
          out.push({ checkId: id, healthy: true, at });
        }
        if (out.length > 0) bump('status');
        return out;
      });
    },
    async healthStatusVersion() {
      return meta('status');
    },
    async healthStates() {
      return states();
    },
  };
}
