/**
 * Which zones a query sees (its view), from where it comes from and where it arrives:
 * - a client inside a VPC (its source address in one of the VPC's blocks, never the ECS
 *   address; the most specific block when blocks of several VPCs nest; none when two VPCs
 *   have the same block, since its clients cannot be told apart; or any client of a listener
 *   bound to the VPC) sees the private zones associated
 *   with that VPC first: every public zone at or below a private zone's apex is hidden, so the
 *   most specific private zone that matches the name answers, NXDOMAIN and NODATA included;
 * - the public zones a listener serves are all of them (oldest of a name wins), or, when the
 *   listener is given name-server names, those whose delegation set includes one of the names;
 * - a client outside every VPC sees public zones only: private data never reaches it.
 *
 * A view is a plain zone map (apex -> T), so the responder's longest-suffix search works on it
 * unchanged. Views are built once per catalog, on first use; the VPC of each source address is
 * remembered in a bounded map per listener, so no query scans CIDR lists after the first.
 */
import { isAtOrBelow, lowerName, type LowerName } from '../dns/index.ts';
import type { ZoneIndex } from '../zone/zone-index.ts';
import { cidrContains, formatCidr, parseAddress, parseCidr, type Cidr } from './cidr.ts';

/** A zone as the catalog lists it, with what views need to know about it. */
export type CatalogZone = {
  index: ZoneIndex;
  createdAt: string;
  /** Private zones are seen only inside their VPCs. */
  privateZone: boolean;
  /** The zone's name servers (lower case, no trailing dot); empty for private zones. */
  nameServers: readonly string[];
  /** Ids of the VPCs a private zone is associated with. */
  vpcs: readonly string[];
};

/** A VPC: its id and address blocks ('10.1.0.0/16', 'fd00::/56'). */
export type CatalogVpc = { id: string; cidrs: readonly string[] };

/** What a listener is bound to (from `--dns-listen ADDR:PORT@vpc-…=ns-1.example.net,…`). */
export type ListenerView = { vpcId?: string | undefined; nameServers?: readonly string[] | undefined };

/** Picks the zone map for a query. */
export type ViewSelector<T> = { select(peer: string | undefined, listener: number): Map<LowerName, T> };

/** Most source addresses remembered per listener; past it the memory starts afresh. */
export const PEER_CACHE_SIZE = 65_536;

/** True when some listener or zone makes views necessary; otherwise every query sees every public zone. */
export function viewsNeeded(zones: readonly CatalogZone[], listeners: readonly ListenerView[]): boolean {
  return zones.some((z) => z.privateZone) || listeners.some((l) => l.vpcId !== undefined || (l.nameServers?.length ?? 0) > 0);
}

/** Adds `zones` to a map, oldest first: of several zones with one apex the oldest wins. */
function byApex<T>(zones: readonly CatalogZone[], wrap: (z: ZoneIndex) => T): Map<LowerName, T> {
  const out = new Map<LowerName, T>();
  const ordered = [...zones].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const z of ordered) {
    const apex = lowerName(z.index.apexName);
    if (!out.has(apex)) out.set(apex, wrap(z.index));
  }
  return out;
}

/** Each distinct block of `vpcs` (a block the store should never hold is left out: it matches nothing), with the VPCs that have it. */
function blockOwners(vpcs: readonly CatalogVpc[]): Map<string, { cidr: Cidr; vpcs: string[] }> {
  const owners = new Map<string, { cidr: Cidr; vpcs: string[] }>();
  for (const v of vpcs) {
    for (const c of v.cidrs) {
      let cidr: Cidr;
      try {
        cidr = parseCidr(c);
      } catch {
        continue;
      }
      const key = formatCidr(cidr);
      const seen = owners.get(key);
      if (seen === undefined) owners.set(key, { cidr, vpcs: [v.id] });
      else if (!seen.vpcs.includes(v.id)) seen.vpcs.push(v.id);
    }
  }
  return owners;
}

/**
 * Blocks that several VPCs have, with those VPCs' ids: their clients are in no VPC (unless a
 * listener is bound to one), which the DNS node and `signpost vpc create` warn about.
 */
export function sharedBlocks(vpcs: readonly CatalogVpc[]): { block: string; vpcs: string[] }[] {
  return [...blockOwners(vpcs)].filter(([, o]) => o.vpcs.length > 1).map(([block, o]) => ({ block, vpcs: o.vpcs }));
}

/** Returns a selector over `zones` and `vpcs` for listeners configured as `listeners`. */
export function createViewSelector<T>(zones: readonly CatalogZone[], vpcs: readonly CatalogVpc[], listeners: readonly ListenerView[],
  wrap: (z: ZoneIndex) => T, cacheSize = PEER_CACHE_SIZE): ViewSelector<T> {
  const publicZones = zones.filter((z) => !z.privateZone);
  const privateZones = zones.filter((z) => z.privateZone);
  const inUse = new Set(privateZones.flatMap((z) => z.vpcs));
  // Only VPCs with private zones change what a client sees. One entry per block: a block that
  // several VPCs have belongs to none of them (id undefined), since its clients cannot be told apart.
  const ranges = [...blockOwners(vpcs.filter((v) => inUse.has(v.id))).values()]
    .map((o) => ({ id: o.vpcs.length === 1 ? o.vpcs[0] : undefined, cidr: o.cidr }))
    .sort((a, b) => b.cidr.prefix - a.cidr.prefix); // most specific block first

  const publicViews: (Map<LowerName, T> | undefined)[] = [];
  const vpcViews: Map<string, Map<LowerName, T>>[] = [];
  const peers: Map<string, Map<LowerName, T>>[] = [];

  function publicView(listener: number): Map<LowerName, T> {
    let v = publicViews[listener];
    if (v === undefined) {
      const names = listeners[listener]?.nameServers;
      const serves = names && names.length > 0 ? publicZones.filter((z) => z.nameServers.some((n) => names.includes(n))) : publicZones;
      v = publicViews[listener] = byApex(serves, wrap);
    }
    return v;
  }

  function vpcView(listener: number, vpcId: string): Map<LowerName, T> {
    const views = (vpcViews[listener] ??= new Map());
    let v = views.get(vpcId);
    if (v === undefined) {
      const mine = byApex(privateZones.filter((z) => z.vpcs.includes(vpcId)), wrap);
      v = new Map(mine);
      for (const [apex, z] of publicView(listener)) {
        if (![...mine.keys()].some((p) => isAtOrBelow(apex, p))) v.set(apex, z);
      }
      views.set(vpcId, v);
    }
    return v;
  }

  function vpcOf(peer: string): string | undefined {
    const addr = parseAddress(peer);
    if (!addr) return undefined;
    return ranges.find((r) => cidrContains(r.cidr, addr))?.id;
  }

  return {
    select(peer, listener) {
      const bound = listeners[listener]?.vpcId;
      if (bound !== undefined) return vpcView(listener, bound);
      if (peer === undefined || ranges.length === 0) return publicView(listener);
      const cache = (peers[listener] ??= new Map());
      let v = cache.get(peer);
      if (v === undefined) {
        const vpc = vpcOf(peer);
        v = vpc === undefined ? publicView(listener) : vpcView(listener, vpc);
        if (cache.size >= cacheSize) cache.clear();
        cache.set(peer, v);
      }
      return v;
    },
  };
}
