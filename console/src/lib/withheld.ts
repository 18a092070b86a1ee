/**
 * Which records are left out of answers right now because of their health, by Route 53's
 * rules for each routing policy (issue 6 and reference/route53.md §5): unhealthy records leave
 * the draw, and when a whole group is unhealthy Route 53 answers as if all were healthy
 * (failover: the PRIMARY). This is the server-independent view for every client; per-client
 * choices (geolocation, latency) are the record tester's job.
 */
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { policyOf, recordKey } from './records.ts';

/** health check id -> healthy; an absent id counts as healthy (as the DNS server does). */
export type HealthMap = ReadonlyMap<string, boolean>;

export type Withheld = { record: ResourceRecordSet; reason: string };

const healthy = (r: ResourceRecordSet, h: HealthMap) => !r.HealthCheckId || h.get(r.HealthCheckId) !== false;

/** Returns the records of `sets` (any zone, any names) withheld because of health, with why. */
export function withheldRecords(sets: readonly ResourceRecordSet[], h: HealthMap): Withheld[] {
  const groups = new Map<string, ResourceRecordSet[]>();
  for (const r of sets) {
    const k = recordKey({ Name: r.Name, Type: r.Type });
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: Withheld[] = [];
  for (const group of groups.values()) out.push(...withheldInGroup(group, h));
  return out;
}

function withheldInGroup(group: ResourceRecordSet[], h: HealthMap): Withheld[] {
  const down = group.filter((r) => !healthy(r, h));
  if (down.length === 0) return [];
  const policy = policyOf(group[0]!);
  if (policy === 'failover') {
    const primary = group.find((r) => r.Failover === 'PRIMARY');
    const secondary = group.find((r) => r.Failover === 'SECONDARY');
    if (primary && !healthy(primary, h) && secondary && healthy(secondary, h)) {
      return [{ record: primary, reason: 'PRIMARY unhealthy: answers go to the SECONDARY' }];
    }
    return group.filter((r) => r.Failover === 'SECONDARY' && !healthy(r, h))
      .map((record) => ({ record, reason: 'SECONDARY unhealthy: not used if the PRIMARY fails' }));
  }
  if (down.length === group.length) return []; // all unhealthy: Route 53 answers as if all were healthy
  if (policy === 'weighted') {
    // Unhealthy members leave the draw (zero-weight members stand in when every non-zero one is down).
    return down.map((record) => ({ record, reason: 'unhealthy: left out of the weighted draw' }));
  }
  const why = policy === 'multivalue' ? 'unhealthy: not among the answers'
    : policy === 'simple' ? 'unhealthy' : `unhealthy: the next best ${policy} record answers instead`;
  return down.map((record) => ({ record, reason: why }));
}
