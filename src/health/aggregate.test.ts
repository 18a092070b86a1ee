/** The aggregate: the 18 % rule over fresh reports, Disabled, Inverted, CALCULATED, no data. */
import { describe, expect, it } from 'vitest';
import type { HealthCheckRow, HealthReportRow } from '../store/types.ts';
import { aggregateHealth, healthyByShare } from './aggregate.ts';
import { settingsJson, type HealthCheckSettings } from './settings.ts';
import { applyResult, NEW_VERDICT } from './threshold.ts';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const base: HealthCheckSettings = { type: 'TCP', ipAddress: '192.0.2.1', port: 80, requestInterval: 10, failureThreshold: 3, measureLatency: false, inverted: false, disabled: false };
const check = (id: string, more: Partial<HealthCheckSettings> = {}): HealthCheckRow => {
  const config = settingsJson({ ...base, ...more });
  return { id, accountId: '111111111111', callerReference: id, config, createdConfig: config, version: 1, createdAt: '' };
};
const report = (checkId: string, checkerId: string, healthy: boolean, agoMs = 0, region = 'eu-west-1'): HealthReportRow => ({
  checkId, checkerId, region, address: '', healthy, status: '', checkedAt: new Date(NOW - agoMs).toISOString(), lastFailure: null, lastFailureAt: null,
});
const run = (checks: HealthCheckRow[], reports: HealthReportRow[], states = new Map<string, boolean>()) => aggregateHealth({ checks, reports, states }, NOW);

describe('the 18 % rule', () => {
  it('is healthy when strictly more than 18 % of checkers say so', () => {
    const of = (healthy: number, total: number) => healthyByShare(Array.from({ length: total }, (_, i) => ({ healthy: i < healthy })));
    expect(of(1, 3)).toBe(true);
    expect(of(0, 3)).toBe(false);
    expect(of(2, 11)).toBe(true); // 18.2 %
    expect(of(9, 50)).toBe(false); // exactly 18 %: unhealthy
    expect(of(10, 50)).toBe(true);
    expect(of(1, 8)).toBe(false); // 12.5 %
    expect(of(2, 8)).toBe(true); // 25 %
  });

  it('counts only fresh reports from regions that probe the check', () => {
    const c = check('a', { regions: ['eu-west-1', 'us-east-1', 'us-west-1'] });
    expect(run([c], [report('a', 'x', false), report('a', 'y', true, 0, 'sa-east-1')]).get('a')).toBe(false);
    expect(run([c], [report('a', 'x', false, 0), report('a', 'y', true, 31_000 + 30_000)]).get('a')).toBe(false);
    expect(run([c], [report('a', 'x', false, 0), report('a', 'y', true, 59_000)]).get('a')).toBe(true);
  });

  it('keeps the published status without data, and starts healthy (unhealthy when inverted)', () => {
    expect(run([check('a')], []).get('a')).toBe(true);
    expect(run([check('a', { inverted: true })], []).get('a')).toBe(false);
    expect(run([check('a')], [], new Map([['a', false]])).get('a')).toBe(false);
  });
});

describe('Inverted, Disabled and CALCULATED', () => {
  it('inverts, and a disabled check is healthy (unhealthy when also inverted)', () => {
    expect(run([check('a', { inverted: true })], [report('a', 'x', true)]).get('a')).toBe(false);
    expect(run([check('a', { inverted: true })], [report('a', 'x', false)]).get('a')).toBe(true);
    expect(run([check('a', { disabled: true })], [report('a', 'x', false)]).get('a')).toBe(true);
    expect(run([check('a', { disabled: true, inverted: true })], [report('a', 'x', true)]).get('a')).toBe(false);
  });

  it('a calculated check is healthy with at least HealthThreshold healthy children (after their Inverted)', () => {
    const calc = (threshold: number, more: Partial<HealthCheckSettings> = {}) => check('calc', { type: 'CALCULATED', healthThreshold: threshold, childHealthChecks: ['a', 'b', 'gone'], ...more });
    const children = [check('a'), check('b', { inverted: true })];
    const reports = [report('a', 'x', true), report('b', 'x', true)]; // b is inverted: unhealthy
    expect(run([...children, calc(1)], reports).get('calc')).toBe(true);
    expect(run([...children, calc(2)], reports).get('calc')).toBe(false);
    expect(run([...children, calc(0)], []).get('calc')).toBe(true);
    expect(run([...children, calc(4)], reports).get('calc')).toBe(false);
    expect(run([...children, calc(2, { inverted: true })], reports).get('calc')).toBe(true);
  });
});

describe('FailureThreshold per checker', () => {
  it('flips only after N results in a row that disagree, both ways', () => {
    let v = NEW_VERDICT;
    const seq: boolean[] = [];
    for (const ok of [false, false, true, false, false, false, true, true, false, true, true, true]) {
      v = applyResult(v, ok, 3);
      seq.push(v.healthy);
    }
    expect(seq).toEqual([true, true, true, true, true, false, false, false, false, false, false, true]);
    expect(applyResult(NEW_VERDICT, false, 1).healthy).toBe(false);
  });
});
