import { describe, expect, it } from 'vitest';
import type { HealthCheck, ResourceRecordSet } from '@aws-sdk/client-route-53';
import { withheldRecords } from './withheld.ts';
import { emptyHealthForm, healthCheckToForm, healthFormToConfig, healthUpdateRequest } from './health-form.ts';
import { healthyShare, readHistory } from './health-history.ts';

const a = (id: string, extra: Partial<ResourceRecordSet>): ResourceRecordSet => ({ Name: 'www.example.com.', Type: 'A', TTL: 60, SetIdentifier: id, ResourceRecords: [{ Value: '192.0.2.1' }], ...extra });

describe('records withheld for health, by Route 53\'s rules', () => {
  const down = new Map([['bad', false], ['bad2', false]]);
  it('failover: an unhealthy PRIMARY is withheld while the SECONDARY is healthy; both down: the PRIMARY answers', () => {
    const p = a('p', { Failover: 'PRIMARY', HealthCheckId: 'bad' });
    const s = a('s', { Failover: 'SECONDARY', HealthCheckId: 'good' });
    expect(withheldRecords([p, s], down).map((w) => w.record)).toEqual([p]);
    const s2 = { ...s, HealthCheckId: 'bad2' };
    expect(withheldRecords([p, s2], down).map((w) => w.record)).toEqual([s2]);
  });

  it('weighted and multivalue: unhealthy members leave; all unhealthy: all come back', () => {
    const w1 = a('1', { Weight: 1, HealthCheckId: 'bad' });
    const w2 = a('2', { Weight: 1, HealthCheckId: 'good' });
    expect(withheldRecords([w1, w2], down).map((w) => w.record)).toEqual([w1]);
    expect(withheldRecords([w1, { ...w2, HealthCheckId: 'bad2' }], down)).toEqual([]);
    const m1 = a('m1', { MultiValueAnswer: true, HealthCheckId: 'bad' });
    expect(withheldRecords([m1, a('m2', { MultiValueAnswer: true })], down)[0]?.reason).toMatch(/not among the answers/);
  });

  it('groups by name and type, and ignores healthy or unknown checks', () => {
    const other = { ...a('x', { Weight: 1, HealthCheckId: 'bad' }), Name: 'other.example.com.' };
    expect(withheldRecords([a('1', { Weight: 1, HealthCheckId: 'bad' }), other], down)).toEqual([]);
    expect(withheldRecords([a('1', { Weight: 1, HealthCheckId: 'unknown' }), a('2', { Weight: 1 })], down)).toEqual([]);
  });
});

describe('the health-check form', () => {
  it('sends only the fields of the chosen type', () => {
    const f = { ...emptyHealthForm(), type: 'TCP', ipAddress: '192.0.2.7', port: '22', resourcePath: '/ignored', searchString: 'x' };
    expect(healthFormToConfig(f)).toEqual({ Type: 'TCP', IPAddress: '192.0.2.7', Port: 22, RequestInterval: 30, FailureThreshold: 3, MeasureLatency: false, Inverted: false, Disabled: false });
    const calc = { ...emptyHealthForm(), type: 'CALCULATED', childHealthChecks: ['a', 'b'], healthThreshold: '1' };
    expect(healthFormToConfig(calc)).toEqual({ Type: 'CALCULATED', ChildHealthChecks: ['a', 'b'], HealthThreshold: 1, Inverted: false, Disabled: false });
  });

  it('updates with the version read, and resets what was cleared', () => {
    const h: HealthCheck = {
      Id: 'hc1', CallerReference: 'r', HealthCheckVersion: 4,
      HealthCheckConfig: { Type: 'HTTP_STR_MATCH', IPAddress: '192.0.2.7', Port: 80, ResourcePath: '/up', FullyQualifiedDomainName: 'www.example.com', SearchString: 'ok', RequestInterval: 10, FailureThreshold: 2, Regions: ['us-east-1', 'eu-west-1', 'sa-east-1'] },
    };
    const f = { ...healthCheckToForm(h), fqdn: '', regions: [], failureThreshold: '5' };
    const u = healthUpdateRequest(h, f);
    expect(u).toMatchObject({ HealthCheckId: 'hc1', HealthCheckVersion: 4, IPAddress: '192.0.2.7', ResourcePath: '/up', SearchString: 'ok', FailureThreshold: 5 });
    expect(u.ResetElements).toEqual(['FullyQualifiedDomainName', 'Regions']);
    expect(u).not.toHaveProperty('RequestInterval');
    expect(u).not.toHaveProperty('FullyQualifiedDomainName');
  });
});

describe('the health history reader', () => {
  it('reads flat observations naming their region', () => {
    const s = readHistory({ observations: [
      { region: 'eu-west-1', time: '2026-12-01T00:00:10Z', healthy: false, latencyMs: null },
      { region: 'us-east-1', time: '2026-12-01T00:00:00Z', healthy: true, latencyMs: 12 },
      { region: 'eu-west-1', time: '2026-12-01T00:00:00Z', healthy: true, latencyMs: 30 },
    ] });
    expect(s.map((x) => x.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(s[0]!.points.map((p) => p.healthy)).toEqual([1, 0]);
    expect(s[1]!.points[0]).toEqual({ t: Date.parse('2026-12-01T00:00:00Z') / 1000, healthy: 1, latencyMs: 12 });
    expect(healthyShare(s).map((p) => p.healthy)).toEqual([1, 0.5]);
  });

  it('reads the health history endpoint\'s layout: checkers with their observations', () => {
    const doc = {
      healthCheckId: 'hc1', healthy: false, healthyCheckersPercent: 0,
      checkers: [
        { checkerId: 'c1', region: 'us-east-1', address: '127.0.0.1', healthy: false, status: 'Failure: Connection refused', checkedAt: '2026-12-01T00:00:20.000Z',
          observations: [{ at: '2026-12-01T00:00:00.000Z', ok: true, latencyMs: 4, status: 'Success: HTTP Status Code 200, OK' }, { at: '2026-12-01T00:00:20.000Z', ok: false, latencyMs: null, status: 'Failure: Connection refused' }] },
        { checkerId: 'c2', region: 'us-east-1', address: '127.0.0.2', healthy: true, status: 'Success', checkedAt: '2026-12-01T00:00:10.000Z',
          observations: [{ at: '2026-12-01T00:00:10.000Z', ok: true, latencyMs: 6, status: 'Success: HTTP Status Code 200, OK' }] },
      ],
    };
    const s = readHistory(doc);
    expect(s.map((x) => [x.region, x.points.map((p) => p.healthy)])).toEqual([['us-east-1', [1, 0]], ['us-east-1 (c2)', [1]]]);
    expect(s[0]!.points[0]!.latencyMs).toBe(4);
    expect(healthyShare(s).map((p) => p.healthy)).toEqual([1, 1, 0.5]);
  });

  // A failed probe is not yet an unhealthy checker: the verdict turns after FailureThreshold
  // failures in a row, and the graph follows the verdict, as the check's status does.
  it('follows the checkers\' verdicts when the history gives them, not each probe', () => {
    const at = (s: number) => `2026-12-01T00:00:${String(s).padStart(2, '0')}.000Z`;
    const doc = { checkers: [{ checkerId: 'c1', region: 'us-east-1', observations: [
      { at: at(0), ok: true, healthy: true, latencyMs: 4 }, { at: at(10), ok: false, healthy: true, latencyMs: null },
      { at: at(20), ok: false, healthy: true, latencyMs: null }, { at: at(30), ok: false, healthy: false, latencyMs: null },
    ] }] };
    expect(healthyShare(readHistory(doc)).map((p) => p.healthy)).toEqual([1, 1, 1, 0]);
  });

  it('reads observations grouped by checker, with status words and millisecond times', () => {
    const s = readHistory({ checkers: [{ region: 'local', observations: [{ at: 1764547200000, status: 'Success: HTTP Status Code 200, OK', latency: 3 }, { at: 1764547210000, status: 'Failure: Connection refused' }] }] });
    expect(s).toEqual([{ region: 'local', points: [{ t: 1764547200, healthy: 1, latencyMs: 3 }, { t: 1764547210, healthy: 0, latencyMs: null }] }]);
  });
});
