/**
 * Builds the explanation of a choice (trace.ts) from what routeSet saw: the policy, the client,
 * each member's health, and why each was chosen or withheld. Runs only when a context carries a
 * trace (signpost explain, TestDNSAnswer).
 */
import { nameToText, rrTypeToString } from '../dns/index.ts';
import type { DynamicSet, Member } from '../zone/policy-group.ts';
import type { RRset } from '../zone/zone-index.ts';
import type { Context } from './context.ts';
import type { MemberFate } from './trace.ts';
import { geoMatches } from './policies/geolocation.ts';

/** Returns the client as the engine took it: address, where from, and place. */
export function describeClient(c: Context): string {
  if (c.family === 0) return 'no client address';
  const addr = c.family === 4 ? [...c.address.subarray(0, 4)].join('.') : ipv6Text(c.address);
  const from = c.fromEcs ? `EDNS Client Subnet ${addr}/${c.sourcePrefix}` : `source address ${addr}`;
  if (!c.located) return from;
  const p = c.place;
  if (p === undefined) return `${from}, location unknown`;
  const where = [p.continent && `continent ${p.continent}`, p.country && `country ${p.country}`, p.subdivision && `subdivision ${p.subdivision}`]
    .filter(Boolean).join(', ');
  const coords = Number.isNaN(p.latitude) ? '' : ` at ${p.latitude.toFixed(2)},${p.longitude.toFixed(2)}`;
  return `${from}, located in ${where || 'an unknown place'}${coords} (network /${p.prefixLength})`;
}

function ipv6Text(b: Uint8Array): string {
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  return words.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

function where(m: Member): string {
  const r = m.routing;
  if (r.weight !== undefined) return `weight ${r.weight}`;
  if (r.failover) return r.failover;
  if (r.region) return `region ${r.region}`;
  if (r.geoLocation) {
    const g = r.geoLocation;
    return g.countryCode === '*' ? 'default location (*)' : [g.continentCode, g.countryCode, g.subdivisionCode].filter(Boolean).join('/');
  }
  if (r.cidr) return `CIDR location ${r.cidr.locationName}`;
  if (r.geoProximity) {
    const g = r.geoProximity;
    const at = g.awsRegion ?? g.localZoneGroup ?? `${g.coordinates?.latitude},${g.coordinates?.longitude}`;
    return `${at}, bias ${g.bias ?? 0}`;
  }
  if (r.multiValueAnswer) return 'multivalue';
  return m.alias ? `alias to ${m.alias.text}` : 'simple';
}

function withheldReason(policy: string, healthy: boolean, anyHealthy: boolean, tie: boolean): string {
  if (!healthy && anyHealthy) return 'withheld: unhealthy';
  // Without a place every Region or location costs the same (unless a latency table row names
  // the client's network); the first member wins the tie.
  if (tie && (policy === 'latency' || policy === 'geoproximity')) return 'the client\'s location is unknown: all tie, and the first answers';
  switch (policy) {
    case 'weighted': return 'lost the weighted draw';
    case 'failover': return 'not used while the other side answers';
    case 'latency': return 'another region has lower latency';
    case 'geoproximity': return 'another location is nearer (after bias)';
    case 'cidr': return 'the client is not in this location, or a longer prefix matched';
    case 'multivalue': return 'not among the random eight';
    default: return 'not chosen';
  }
}

/** The members whose location contains the client's (geolocation sets). */
function matchedByGeo(d: DynamicSet, c: Context): Set<number> {
  const out = new Int32Array(4);
  const n = geoMatches(d.geo!, c.place, out);
  return new Set(out.subarray(0, n));
}

/** Appends the explanation of one choice to the context's trace. */
export function traceChoice(c: Context, set: RRset, d: DynamicSet, healthy: Uint8Array, anyHealthy: boolean, picks: Int32Array, picked: number): void {
  const chosen = new Set<number>();
  for (let k = 0; k < picked; k++) chosen.add(picks[k]!);
  let first = d.members.findIndex((_, i) => healthy[i] !== 0);
  if (first < 0) first = 0;
  const tie = c.located && c.place === undefined && picked === 1 && picks[0] === first;
  const geoMatched = d.geo ? matchedByGeo(d, c) : undefined;
  const members: MemberFate[] = d.members.map((m, i) => {
    const ok = healthy[i] !== 0;
    const health = m.healthCheckId ? ` (health check ${m.healthCheckId}: ${ok ? 'healthy' : 'unhealthy'})` : '';
    const why = !chosen.has(i) && geoMatched && (ok || !anyHealthy)
      ? (geoMatched.has(i) ? 'a more specific location matched' : c.place ? `the client is not in ${where(m)}` : 'the client\'s location is unknown')
      : chosen.has(i) ? 'chosen' : withheldReason(d.policy, ok, anyHealthy, tie);
    return { setIdentifier: m.id, healthy: ok, chosen: chosen.has(i), reason: `${where(m)}${health}; ${why}` };
  });
  let note = '';
  if (!anyHealthy && d.members.length > 0 && d.policy !== 'simple') note = 'no member is healthy: all are treated as healthy (Route 53 rule)';
  if (picked === 0) note = 'no member matches this client: NOERROR with no records';
  c.trace!.push({ name: nameToText(set.key), type: rrTypeToString(set.type), policy: d.policy, client: describeClient(c), members, note });
}
