/**
 * The routing stage: turns a record-set group or an alias set (RRset.dynamic) into the sets to
 * answer with, for one query. Policies choose among members (policies/); aliases answer with
 * their target's records and TTL (route53.md 4): a set in the zone (itself perhaps a group or an
 * alias), or an external name's addresses from the alias resolver's cache.
 *
 * Health (route53.md 5): a member is healthy when its health check is (absent: healthy) and,
 * for an alias with EvaluateTargetHealth, when its target is: a static set always, a group when
 * any member is, an external name when it has addresses. Pure over the context.
 */
import { rrTypeToString } from '../dns/index.ts';
import type { DynamicSet, Member, AliasTarget } from '../zone/policy-group.ts';
import type { RRset, ZoneIndex } from '../zone/zone-index.ts';
import { addChoice, placeOf, useScope, type Context } from './context.ts';
import { isHealthy } from './health.ts';
import { selectFailover } from './policies/failover.ts';
import { selectGeolocation } from './policies/geolocation.ts';
import { MULTIVALUE_MAX, selectMultivalue } from './policies/multivalue.ts';
import { proximityCost, selectNearest } from './policies/nearest.ts';
import { selectWeighted } from './policies/weighted.ts';
import { matchCidr } from '../zone/cidr-table.ts';
import { traceChoice } from './explain.ts';

/** Longest chain of aliases and nested groups followed for one answer (loops end here too). */
export const MAX_ALIAS_DEPTH = 8;

/** Scratch arrays per depth: health flags and chosen indexes (groups hold at most a few hundred). */
const scratch = Array.from({ length: MAX_ALIAS_DEPTH + 2 }, () => ({ healthy: new Uint8Array(512), picks: new Int32Array(512), geo: new Int32Array(8) }));

/** External answers wrapped as RRsets, once per resolver entry. */
const externalSets = new WeakMap<object, RRset>();

/**
 * Appends the sets that answer `set` (a dynamic set of `zone`) to `out`. Returns how many were
 * appended (0: no records, answered NODATA), or -1 when the answer cannot be given (SERVFAIL:
 * an external target with no addresses yet, or an alias chain too long).
 */
export function routeSet(zone: ZoneIndex, set: RRset, c: Context, out: RRset[], depth = 0): number {
  const d = set.dynamic!;
  if (depth > MAX_ALIAS_DEPTH || d.members.length > 512) return -1;
  const s = scratch[depth]!;
  const members = d.members;
  const healthy = s.healthy;
  let anyHealthy = false;
  for (let i = 0; i < members.length; i++) {
    const ok = d.policy === 'simple' || memberHealthy(zone, members[i]!, set.type, c, depth);
    healthy[i] = ok ? 1 : 0;
    if (ok) anyHealthy = true;
  }
  let picked = 1;
  const picks = s.picks;
  switch (d.policy) {
    case 'simple': picks[0] = members.length > 0 ? 0 : -1; break;
    case 'weighted': picks[0] = selectWeighted(members, healthy, c.rng); break;
    case 'failover': picks[0] = selectFailover(members, healthy); break;
    case 'multivalue': picked = selectMultivalue(members, healthy, c.rng, picks); break;
    case 'geolocation': {
      const place = placeOf(c);
      if (place !== undefined) useScope(c, place.prefixLength);
      picks[0] = selectGeolocation(d.geo!, place, healthy, s.geo);
      break;
    }
    case 'latency': {
      const place = placeOf(c);
      // A measured table may hold rows for networks: the decision holds for the place's network.
      useScope(c, place !== undefined ? place.prefixLength : c.family === 0 ? 0 : c.sourcePrefix);
      const latency = c.services.latencyMs;
      picks[0] = selectNearest(members, healthy, (m) => (latency ? latency(place, m.routing.region!, c.family, c.address) : 0));
      break;
    }
    case 'geoproximity': {
      const place = placeOf(c);
      if (place !== undefined) useScope(c, place.prefixLength);
      picks[0] = selectNearest(members, healthy, (m) => proximityCost(m, place, c.services.regionAt));
      break;
    }
    case 'cidr': picks[0] = selectCidr(d, healthy, c); break;
  }
  if (picked === 1 && picks[0]! < 0) picked = 0;
  recordChoice(d, picks, picked, c);
  if (c.trace) traceChoice(c, set, d, healthy, anyHealthy, picks, picked);
  let n = 0;
  for (let k = 0; k < picked; k++) {
    const m = members[picks[k]!]!;
    if (m.set) {
      out.push(m.set);
      n++;
      continue;
    }
    const got = routeAlias(zone, m.alias!, set.type, c, out, depth + 1);
    if (got < 0) return -1;
    n += got;
  }
  return n;
}

function selectCidr(d: DynamicSet, healthy: Uint8Array, c: Context): number {
  const t = d.cidr!;
  let matched = -1;
  if (c.family !== 0) {
    const m = matchCidr(t.table, c.family, c.address, c.sourcePrefix);
    if (m >= 0) {
      matched = Math.floor(m / 256);
      useScope(c, m % 256);
    } else {
      useScope(c, c.sourcePrefix); // the default answers for this whole client subnet
    }
  }
  if (matched >= 0 && healthy[matched] !== 0) return matched;
  if (t.fallback >= 0 && healthy[t.fallback] !== 0) return t.fallback;
  return matched >= 0 ? matched : t.fallback;
}

/** Folds the choice into the context's signature, so equal choices can share an encoded answer. */
function recordChoice(d: DynamicSet, picks: Int32Array, picked: number, c: Context): void {
  const n = d.members.length;
  if (d.policy !== 'multivalue') {
    addChoice(c, picked === 0 ? 0 : picks[0]! + 1, n + 1);
    return;
  }
  if (n > 20) {
    c.signature = -1;
    return;
  }
  // The set of members and their order matter (order is part of the bytes): encode the sequence.
  for (let k = 0; k < picked && k < MULTIVALUE_MAX; k++) addChoice(c, picks[k]!, n);
  addChoice(c, picked, MULTIVALUE_MAX + 1);
}

/** Appends the target's sets of `type`; see routeSet for the result. */
function routeAlias(zone: ZoneIndex, a: AliasTarget, type: number, c: Context, out: RRset[], depth: number): number {
  if (!a.inZone) {
    const got = c.services.external?.(a.text, type);
    if (got === undefined) return -1;
    c.signature = -1; // refreshed in the background: never reuse an encoded answer
    if (got.rdatas.length === 0) return 0;
    let set = externalSets.get(got);
    if (!set) {
      set = { owner: a.name, key: a.key, type, ttl: got.ttl, rdatas: got.rdatas as Uint8Array[], additional: [], target: undefined, targetKey: undefined, dynamic: undefined };
      externalSets.set(got, set);
    }
    out.push(set);
    return 1;
  }
  const target = zone.nodes.get(a.key)?.rrsets.get(type);
  if (target === undefined) return 0;
  if (target.dynamic) return routeSet(zone, target, c, out, depth);
  out.push(target);
  return 1;
}

/** True when a member may answer: its health check, and its alias target with EvaluateTargetHealth. */
function memberHealthy(zone: ZoneIndex, m: Member, type: number, c: Context, depth: number): boolean {
  if (m.healthCheckId !== undefined && !isHealthy(c.health, m.healthCheckId)) return false;
  if (m.alias === undefined || !m.alias.evaluateTargetHealth) return true;
  return targetHealthy(zone, m.alias, type, c, depth + 1);
}

/** True when an alias target counts as healthy (route53.md 4). */
export function targetHealthy(zone: ZoneIndex, a: AliasTarget, type: number, c: Context, depth: number): boolean {
  if (depth > MAX_ALIAS_DEPTH) return false;
  if (!a.inZone) {
    const got = c.services.external?.(a.text, type);
    return got !== undefined && got.rdatas.length > 0;
  }
  const target = zone.nodes.get(a.key)?.rrsets.get(type);
  if (target === undefined) return false;
  const d = target.dynamic;
  if (d === undefined) return true;
  for (const m of d.members) {
    if (d.policy === 'simple' ? (m.alias ? targetHealthy(zone, m.alias, type, c, depth + 1) : true) : memberHealthy(zone, m, type, c, depth)) return true;
  }
  return false;
}

/** Names a group for explanations. */
export function groupLabel(set: RRset): string {
  return `${set.key} ${rrTypeToString(set.type)}`;
}
