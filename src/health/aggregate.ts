/**
 * Route 53's aggregate (route53.md 6.3), as a pure function over what the store holds: a check
 * is healthy when more than 18 % of the checkers that probe it (and reported recently) say so.
 * Then Disabled (always healthy), CALCULATED (at least HealthThreshold healthy children) and
 * Inverted (flips the result) apply. The result is what DNS nodes publish: final statuses.
 */
import type { HealthInputs, HealthReportRow } from '../store/types.ts';
import { parseSettings, type HealthCheckSettings } from './settings.ts';

/** The share of checkers that must report healthy, strictly more than which a check is healthy. */
export const HEALTHY_SHARE = 0.18;

/** A checker's report counts while it is younger than three intervals plus this margin. */
export const STALE_MARGIN_MS = 30_000;

/** Returns whether more than 18 % of `reports` are healthy. */
export function healthyByShare(reports: readonly Pick<HealthReportRow, 'healthy'>[]): boolean {
  const healthy = reports.filter((r) => r.healthy).length;
  return healthy / reports.length > HEALTHY_SHARE;
}

/** Returns the reports that count for a check at `now` (fresh, from a region that probes it). */
export function countingReports(s: HealthCheckSettings, reports: readonly HealthReportRow[], now: number): HealthReportRow[] {
  const oldest = now - (3 * s.requestInterval * 1000 + STALE_MARGIN_MS);
  return reports.filter((r) => Date.parse(r.checkedAt) >= oldest && (s.regions === undefined || s.regions.includes(r.region)));
}

/** Returns check id -> published healthy, for every check in `inputs`, at time `now` (ms). */
export function aggregateHealth(inputs: HealthInputs, now: number): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const byCheck = new Map<string, HealthReportRow[]>();
  for (const r of inputs.reports) byCheck.set(r.checkId, [...(byCheck.get(r.checkId) ?? []), r]);
  const calculated: [string, HealthCheckSettings][] = [];
  for (const c of inputs.checks) {
    const s = parseSettings(c.config);
    if (s.type === 'CALCULATED') {
      calculated.push([c.id, s]);
      continue;
    }
    if (s.disabled) {
      out.set(c.id, !s.inverted);
      continue;
    }
    const counting = countingReports(s, byCheck.get(c.id) ?? [], now);
    // No data (a new check, or no checker in its regions): keep what was published, else healthy.
    out.set(c.id, counting.length === 0 ? (inputs.states.get(c.id) ?? !s.inverted) : healthyByShare(counting) !== s.inverted);
  }
  // Children of a calculated check cannot be calculated themselves, so one pass suffices. A
  // child that no longer exists counts as unhealthy.
  for (const [id, s] of calculated) {
    const healthyChildren = (s.childHealthChecks ?? []).filter((child) => out.get(child) === true).length;
    const base = s.disabled || healthyChildren >= (s.healthThreshold ?? 0);
    out.set(id, base !== s.inverted);
  }
  return out;
}
