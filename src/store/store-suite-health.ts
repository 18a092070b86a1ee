/**
 * The health-check part of the Store contract (run by runStoreSuite in store-suite.ts): checks
 * with caller references and optimistic versions, checker reports, the bounded history, and the
 * transactional aggregation with its status version.
 */
import { describe, expect, it } from 'vitest';
import { StoreConflict, VersionConflict, type HealthCheckRow, type HealthReportRow, type Store } from './types.ts';

const T0 = '2026-03-01T12:00:00.000Z';

/** Returns a health check row ready for createHealthCheck. */
export function healthCheckInput(id: string, more: Partial<HealthCheckRow> = {}): Omit<HealthCheckRow, 'version'> {
  const config = JSON.stringify({ type: 'TCP', ipAddress: '192.0.2.1', port: 80 });
  return { id, accountId: '111111111111', callerReference: `ref-${id}`, config, createdConfig: config, createdAt: T0, ...more };
}

/** Returns a checker report for check `checkId`. */
export function reportInput(checkId: string, checkerId: string, healthy: boolean): HealthReportRow {
  return {
    checkId, checkerId, region: 'eu-west-1', address: '127.0.0.2', healthy, status: healthy ? 'Success: x' : 'Failure: y',
    checkedAt: T0, lastFailure: healthy ? null : 'Failure: y', lastFailureAt: healthy ? null : T0,
  };
}

/** Adds the health-check cases to the suite; `get` returns the store of the running test. */
export function healthStoreCases(get: () => Store): void {
  describe('health checks', () => {
    it('creates, reads, lists, updates with a version and deletes', async () => {
      const store = get();
      const v0 = await store.healthConfigVersion();
      const a = await store.createHealthCheck(healthCheckInput('a'));
      await store.createHealthCheck(healthCheckInput('b', { accountId: '222222222222' }));
      expect(a.version).toBe(1);
      expect(await store.getHealthCheck('a')).toEqual(a);
      expect((await store.listHealthChecks('111111111111')).map((c) => c.id)).toEqual(['a']);
      expect((await store.listHealthChecks()).map((c) => c.id)).toEqual(['a', 'b']);
      const updated = await store.updateHealthCheck('a', '{"type":"TCP","port":81}', 1);
      expect(updated).toMatchObject({ version: 2, config: '{"type":"TCP","port":81}', createdConfig: a.createdConfig });
      await expect(store.updateHealthCheck('a', '{}', 1)).rejects.toBeInstanceOf(VersionConflict);
      expect((await store.updateHealthCheck('a', '{"x":1}')).version).toBe(3);
      expect(await store.healthConfigVersion()).toBe(v0 + 4);
      expect(await store.deleteHealthCheck('a')).toBe(true);
      expect(await store.deleteHealthCheck('a')).toBe(false);
      expect(await store.getHealthCheck('a')).toBeUndefined();
    });

    it('claims a caller reference for good, even after the check is deleted', async () => {
      const store = get();
      await store.createHealthCheck(healthCheckInput('a', { callerReference: 'same' }));
      await expect(store.createHealthCheck(healthCheckInput('b', { callerReference: 'same' }))).rejects.toBeInstanceOf(StoreConflict);
      await store.deleteHealthCheck('a');
      await expect(store.createHealthCheck(healthCheckInput('c', { callerReference: 'same' }))).rejects.toBeInstanceOf(StoreConflict);
      expect(await store.callerReferenceOwner('healthcheck', '111111111111', 'same')).toBe('a');
      expect(await store.getHealthCheck('b')).toBeUndefined();
    });

    it('keeps reports per checker and a bounded history, oldest first', async () => {
      const store = get();
      await store.createHealthCheck(healthCheckInput('a'));
      const obs = (i: number, checkerId = 'c1') => ({ checkId: 'a', checkerId, at: `2026-03-01T12:00:${String(i).padStart(2, '0')}.000Z`, ok: i % 2 === 0, latencyMs: i, status: `s${i}`, healthy: i < 6 });
      await store.writeHealthReports([reportInput('a', 'c1', true), reportInput('gone', 'c1', true)], [1, 2, 3, 4, 5].map((i) => obs(i)), 3);
      await store.writeHealthReports([reportInput('a', 'c1', false), reportInput('a', 'c2', true)], [obs(6), obs(7, 'c2')], 3);
      expect((await store.listHealthReports()).map((r) => [r.checkId, r.checkerId, r.healthy])).toEqual([['a', 'c1', false], ['a', 'c2', true]]);
      expect((await store.listHealthObservations('a')).map((o) => o.status)).toEqual(['s4', 's5', 's6', 's7']);
      expect((await store.listHealthObservations('a')).map((o) => [o.ok, o.healthy])).toEqual([[true, true], [false, true], [true, false], [false, false]]);
      expect(await store.listHealthObservations('gone')).toEqual([]);
      await store.deleteHealthCheck('a');
      expect(await store.listHealthReports('a')).toEqual([]);
      expect(await store.listHealthObservations('a')).toEqual([]);
    });

    it('publishes aggregated statuses in one transaction and bumps the status version on change only', async () => {
      const store = get();
      await store.createHealthCheck(healthCheckInput('a'));
      await store.createHealthCheck(healthCheckInput('b'));
      await store.writeHealthReports([reportInput('a', 'c1', false)], [], 10);
      const v0 = await store.healthStatusVersion();
      const byReports = (inputs: { checks: HealthCheckRow[]; reports: HealthReportRow[] }) =>
        new Map(inputs.checks.map((c) => [c.id, inputs.reports.filter((r) => r.checkId === c.id).every((r) => r.healthy)]));
      expect(await store.aggregateHealth(byReports, T0)).toEqual([{ checkId: 'a', healthy: false, at: T0 }, { checkId: 'b', healthy: true, at: T0 }]);
      expect(await store.healthStatusVersion()).toBe(v0 + 1);
      expect(await store.aggregateHealth(byReports, T0)).toEqual([]);
      expect(await store.healthStatusVersion()).toBe(v0 + 1);
      expect(await store.healthStates()).toEqual(new Map([['a', false], ['b', true]]));
      await store.deleteHealthCheck('a');
      expect(await store.healthStatusVersion()).toBe(v0 + 2);
      expect(await store.healthStates()).toEqual(new Map([['b', true]]));
    });

    it('finds the record sets that name a health check', async () => {
      const store = get();
      const { zone } = await store.createZone({ id: 'ZHEALTH', name: 'example.org.', accountId: '111111111111', callerReference: 'hc-zone', comment: '', privateZone: false, delegationSetId: null }, [
        { name: 'www.example.org.', type: 1, setIdentifier: 'one', ttl: 60, rdata: ['c0000201'], routing: '{"failover":"PRIMARY","healthCheckId":"a"}' },
        { name: 'ftp.example.org.', type: 1, setIdentifier: '', ttl: 60, rdata: ['c0000202'], routing: null },
      ]);
      expect(await store.recordSetsUsingHealthCheck('a')).toEqual([{ zoneId: zone.id, name: 'www.example.org.' }]);
      expect(await store.recordSetsUsingHealthCheck('b')).toEqual([]);
    });
  });
}
