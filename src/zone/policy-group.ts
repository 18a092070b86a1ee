/**
 * Record-set groups: the sets of one name and type that the answer engine chooses from per query
 * (routing policies), and alias sets, whose records are another name's. Compiled once per zone
 * version into plain data with the indexes each policy needs; the choice itself is answer/'s.
 */
import { isAtOrBelow, lowerName, nameFromText, nameToText, type LowerName, type Name } from '../dns/index.ts';
import { buildCidrTable, type CidrTable } from './cidr-table.ts';
import { policyOf, type Policy, type Routing } from './routing.ts';
import type { RRset } from './zone-index.ts';

/** Where an alias points: a name in this zone (answered from it) or outside (resolved upstream). */
export type AliasTarget = { name: Name; key: LowerName; text: string; inZone: boolean; evaluateTargetHealth: boolean };

/** One record set of a group. */
export type Member = {
  /** SetIdentifier ('' for a lone alias set). */
  id: string;
  index: number;
  /** The member's own records (owner and type of the group); undefined for an alias. */
  set: RRset | undefined;
  alias: AliasTarget | undefined;
  healthCheckId: string | undefined;
  routing: Routing;
  /** Geoproximity: fixed coordinates (degrees), or the AWS Region whose coordinates apply. */
  coordinates: { latitude: number; longitude: number } | undefined;
  bias: number;
};

/** Geolocation index: location code -> member index, most specific first at query time. */
export type GeoIndex = { bySubdivision: Map<string, Map<string, number>>; byCountry: Map<string, number>; byContinent: Map<string, number>; fallback: number };

/** A name and type answered per query. */
export type DynamicSet = {
  /** 'simple' for a lone alias set. */
  policy: Policy;
  members: Member[];
  geo: GeoIndex | undefined;
  /** IP-based: blocks -> member index; `fallback` is the `*` location's member. */
  cidr: { table: CidrTable; fallback: number } | undefined;
};

/** A set with routing or an alias target, as it enters compilation. */
export type ZoneSetInput = { owner: Name; type: number; ttl: number; rdatas: Uint8Array[]; setIdentifier: string; routing: Routing };

/** CIDR collection id -> its locations and blocks (what IP-based groups are compiled against). */
export type CidrCollections = ReadonlyMap<string, { name: string; cidrs: string[] }[]>;

/** True when a stored set must be chosen per query: any routing policy, or an alias target. */
export function isDynamic(setIdentifier: string, routing: Routing): boolean {
  return setIdentifier !== '' || routing.alias !== undefined || policyOf(routing) !== 'simple';
}

/** Returns the member for one input set; `makeSet` builds its RRset (undefined for aliases). */
export function buildMember(input: ZoneSetInput, index: number, apex: LowerName, zoneId: string | undefined, set: RRset | undefined): Member {
  const r = input.routing;
  let alias: AliasTarget | undefined;
  if (r.alias) {
    const name = nameFromText(r.alias.dnsName);
    const key = lowerName(name);
    // Same zone when it names this zone (or no zone id is known) and lies inside it.
    const inZone = isAtOrBelow(key, apex) && (zoneId === undefined || r.alias.hostedZoneId === zoneId);
    alias = { name, key, text: nameToText(key), inZone, evaluateTargetHealth: r.alias.evaluateTargetHealth };
  }
  const g = r.geoProximity;
  const coordinates = g?.coordinates ? { latitude: Number(g.coordinates.latitude), longitude: Number(g.coordinates.longitude) } : undefined;
  return {
    id: input.setIdentifier, index, set: alias ? undefined : set, alias, healthCheckId: r.healthCheckId, routing: r, coordinates, bias: g?.bias ?? 0,
  };
}

/** Builds the per-policy indexes of a group whose members are complete. */
export function indexGroup(members: Member[], cidr: CidrCollections): DynamicSet {
  const policy = members.length === 0 ? 'simple' : policyOf(members[0]!.routing);
  const d: DynamicSet = { policy, members, geo: undefined, cidr: undefined };
  if (policy === 'geolocation') {
    const geo: GeoIndex = { bySubdivision: new Map(), byCountry: new Map(), byContinent: new Map(), fallback: -1 };
    for (const m of members) {
      const l = m.routing.geoLocation ?? {};
      if (l.countryCode === '*') geo.fallback = m.index;
      else if (l.subdivisionCode !== undefined) {
        const country = l.countryCode ?? '';
        let subs = geo.bySubdivision.get(country);
        if (!subs) geo.bySubdivision.set(country, (subs = new Map()));
        subs.set(l.subdivisionCode, m.index);
      }
      else if (l.countryCode !== undefined) geo.byCountry.set(l.countryCode, m.index);
      else if (l.continentCode !== undefined) geo.byContinent.set(l.continentCode, m.index);
    }
    d.geo = geo;
  }
  if (policy === 'cidr') {
    const blocks: { cidr: string; value: number }[] = [];
    let fallback = -1;
    for (const m of members) {
      const c = m.routing.cidr!;
      if (c.locationName === '*') {
        fallback = m.index;
        continue;
      }
      const location = cidr.get(c.collectionId)?.find((l) => l.name === c.locationName);
      for (const block of location?.cidrs ?? []) blocks.push({ cidr: block, value: m.index });
    }
    d.cidr = { table: buildCidrTable(blocks), fallback };
  }
  return d;
}
