/**
 * Record sets as the console shows them: routing policy, key, values and names relative to the
 * zone. Pure functions over the SDK's ResourceRecordSet shape.
 */
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';

/** The routing policies, as the console names them. */
export const POLICIES = {
  simple: 'Simple', weighted: 'Weighted', failover: 'Failover', geolocation: 'Geolocation', latency: 'Latency',
  multivalue: 'Multivalue answer', ip: 'IP-based', geoproximity: 'Geoproximity',
} as const;

export type Policy = keyof typeof POLICIES;

/** Returns the routing policy a record set uses. */
export function policyOf(r: ResourceRecordSet): Policy {
  if (r.Weight !== undefined) return 'weighted';
  if (r.Failover !== undefined) return 'failover';
  if (r.GeoLocation !== undefined) return 'geolocation';
  if (r.Region !== undefined) return 'latency';
  if (r.MultiValueAnswer !== undefined) return 'multivalue';
  if (r.CidrRoutingConfig !== undefined) return 'ip';
  if (r.GeoProximityLocation !== undefined) return 'geoproximity';
  return 'simple';
}

/** Returns the identity of a record set within its zone: name, type and set identifier. */
export function recordKey(r: Pick<ResourceRecordSet, 'Name' | 'Type' | 'SetIdentifier'>): string {
  return `${(r.Name ?? '').toLowerCase()}|${r.Type ?? ''}|${r.SetIdentifier ?? ''}`;
}

/** Returns Route 53's octal escapes decoded (`\052` is `*`) for display. */
export function displayName(name: string): string {
  return name.replace(/\\(\d{3})/g, (_, d: string) => String.fromCharCode(parseInt(d, 8)));
}

/** Returns `name` relative to `zone` ("@" for the apex), both absolute. */
export function relativeName(name: string, zone: string): string {
  const n = displayName(name).toLowerCase();
  const z = zone.toLowerCase();
  if (n === z) return '@';
  return n.endsWith(`.${z}`) ? displayName(name).slice(0, n.length - z.length - 1) : displayName(name);
}

/** Returns the record set's values, or its alias target, one string each. */
export function valuesOf(r: ResourceRecordSet): string[] {
  if (r.AliasTarget) return [`alias → ${r.AliasTarget.DNSName ?? ''}${r.AliasTarget.EvaluateTargetHealth ? ' (evaluates target health)' : ''}`];
  return (r.ResourceRecords ?? []).map((v) => v.Value ?? '');
}

/** Returns a short description of the record set's routing details, e.g. "weight 3" or "PRIMARY". */
export function routingDetail(r: ResourceRecordSet): string {
  switch (policyOf(r)) {
    case 'weighted': return `weight ${r.Weight}`;
    case 'failover': return r.Failover ?? '';
    case 'latency': return r.Region ?? '';
    case 'multivalue': return 'multivalue';
    case 'geolocation': {
      const g = r.GeoLocation ?? {};
      if (g.CountryCode === '*') return 'default (*)';
      return [g.ContinentCode && `continent ${g.ContinentCode}`, g.CountryCode, g.SubdivisionCode].filter(Boolean).join(' / ');
    }
    case 'ip': return `${r.CidrRoutingConfig?.CollectionId ?? ''} / ${r.CidrRoutingConfig?.LocationName ?? ''}`;
    case 'geoproximity': {
      const p = r.GeoProximityLocation ?? {};
      const where = p.AWSRegion ?? p.LocalZoneGroup ?? (p.Coordinates ? `${p.Coordinates.Latitude}, ${p.Coordinates.Longitude}` : '');
      return `${where}${p.Bias ? ` bias ${p.Bias}` : ''}`;
    }
    case 'simple': return '';
  }
}

/** The filters of the records table. */
export type RecordFilter = { name: string; type: string; policy: Policy | '' };

/** Returns the record sets that pass `f`: name by substring (case-insensitive), type and policy exactly. */
export function filterRecords(list: readonly ResourceRecordSet[], f: RecordFilter): ResourceRecordSet[] {
  const needle = f.name.trim().toLowerCase().replace(/\.$/, '');
  if (!needle && !f.type && !f.policy) return list as ResourceRecordSet[];
  return list.filter((r) => (!f.type || r.Type === f.type)
    && (!f.policy || policyOf(r) === f.policy)
    && (!needle || displayName(r.Name ?? '').toLowerCase().includes(needle)));
}

/** True for the zone's own SOA and NS at the apex, which Route 53 will not let you delete. */
export function isApexRequired(r: ResourceRecordSet, zone: string): boolean {
  return (r.Type === 'SOA' || r.Type === 'NS') && (r.Name ?? '').toLowerCase() === zone.toLowerCase();
}
