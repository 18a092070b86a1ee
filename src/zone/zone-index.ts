/**
 * The compiled zone: an immutable in-memory index built once per zone version and read by the
 * answer engine. Every owner name is a node; every ancestor between an owner and the apex is a
 * node too (an empty non-terminal, RFC 4592 2.2.2), so "does this name exist" is one map lookup.
 */
import { RRType, isAtOrBelow, lowerName, parentKey, wildcardOf, type LowerName, type Name } from '../dns/index.ts';
import { targetNameOf } from './targets.ts';
import { buildMember, indexGroup, type CidrCollections, type DynamicSet, type Member, type ZoneSetInput } from './policy-group.ts';

/** A set of records with one owner and type (RFC 2181 5). Immutable once compiled. */
export type RRset = {
  owner: Name;
  key: LowerName;
  type: number;
  ttl: number;
  rdatas: Uint8Array[];
  /** A/AAAA sets of in-zone targets (NS, MX, SRV), for the additional section; `owner` is the
   * target's name (it differs from the set's owner when a wildcard supplies the addresses). */
  additional: { set: RRset; owner: Name }[];
  /** For a CNAME: the target's name and key, decoded once. */
  target: Name | undefined;
  targetKey: LowerName | undefined;
  /** Set for a name and type answered per query (a routing-policy group or an alias); the set
   * itself then has no rdatas and the engine picks among `dynamic.members`. */
  dynamic: DynamicSet | undefined;
};

/** One owner name in the zone; `rrsets` is empty for empty non-terminals. */
export type ZoneNode = {
  key: LowerName;
  rrsets: Map<number, RRset>;
  /** NS at a name below the apex: a delegation point (RFC 1034 4.2.1). */
  cut: boolean;
  /** At or below a delegation point: answers here are referrals. */
  delegated: boolean;
};

/** The compiled zone. */
export type ZoneIndex = {
  apex: LowerName;
  apexName: Name;
  version: number;
  soa: RRset;
  /** TTL of negative answers: min(SOA TTL, SOA MINIMUM) (RFC 2308 5). */
  negativeTtl: number;
  nodes: Map<LowerName, ZoneNode>;
  /** Keys of delegation points, empty for most zones so lookups skip the cut walk. */
  cuts: Set<LowerName>;
  recordCount: number;
  /** How many names and types are answered per query (0: every answer is static). */
  dynamicCount: number;
  /** Alias targets outside the zone, by type: what the external alias resolver must track. */
  externalAliases: { name: string; qtype: number }[];
  privateZone: boolean;
};

/** What compileZone needs beyond the plain records. */
export type CompileOptions = {
  /** Sets with routing policies or alias targets. */
  sets?: ZoneSetInput[];
  /** The CIDR collections IP-based groups refer to. */
  cidr?: CidrCollections;
  /** The hosted zone's id: an alias naming another zone id is resolved outside. */
  zoneId?: string;
  /** A private zone: routing decisions use the query's source, never EDNS Client Subnet (route53.md 5). */
  privateZone?: boolean;
};

/** A record as it enters compilation. */
export type ZoneRecordInput = { owner: Name; ttl: number; type: number; rdata: Uint8Array };

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function newSet(owner: Name, key: LowerName, type: number, ttl: number): RRset {
  const set: RRset = { owner, key, type, ttl, rdatas: [], additional: [], target: undefined, targetKey: undefined, dynamic: undefined };
  return set;
}

function addRdata(set: RRset, rdata: Uint8Array): boolean {
  if (set.rdatas.some((x) => equalBytes(x, rdata))) return false;
  if (set.rdatas.length === 0 && set.type === RRType.CNAME) {
    set.target = targetNameOf(RRType.CNAME, rdata);
    set.targetKey = set.target && lowerName(set.target);
  }
  set.rdatas.push(rdata);
  return true;
}

function nodeFor(nodes: Map<LowerName, ZoneNode>, key: LowerName): ZoneNode {
  let node = nodes.get(key);
  if (!node) {
    node = { key, rrsets: new Map(), cut: false, delegated: false };
    nodes.set(key, node);
  }
  return node;
}

/**
 * Builds the index of a zone from validated records (see validateZone). Duplicate records are
 * merged; the first TTL of an RRset wins (validation reports differing TTLs).
 */
export function compileZone(apexName: Name, version: number, records: ZoneRecordInput[], opts: CompileOptions = {}): ZoneIndex {
  const apex = lowerName(apexName);
  const nodes = new Map<LowerName, ZoneNode>();
  nodeFor(nodes, apex);
  let count = 0;
  const ownerNode = (owner: Name): ZoneNode => {
    const key = lowerName(owner);
    if (!isAtOrBelow(key, apex)) throw new Error(`record owner outside the zone: ${key}`);
    const node = nodeFor(nodes, key);
    for (let k = key; k !== apex; ) {
      k = parentKey(k);
      if (nodes.has(k)) break;
      nodeFor(nodes, k);
    }
    return node;
  };
  for (const r of records) {
    const node = ownerNode(r.owner);
    let set = node.rrsets.get(r.type);
    if (!set) node.rrsets.set(r.type, (set = newSet(r.owner, node.key, r.type, r.ttl)));
    if (addRdata(set, r.rdata)) count++;
  }
  const groups = new Map<RRset, Member[]>();
  const external = new Map<string, { name: string; qtype: number }>();
  for (const input of opts.sets ?? []) {
    const node = ownerNode(input.owner);
    let placeholder = node.rrsets.get(input.type);
    if (!placeholder) node.rrsets.set(input.type, (placeholder = newSet(input.owner, node.key, input.type, input.ttl)));
    let members = groups.get(placeholder);
    if (!members) groups.set(placeholder, (members = []));
    const own = input.routing.alias ? undefined : newSet(input.owner, node.key, input.type, input.ttl);
    for (const rdata of own ? input.rdatas : []) if (addRdata(own!, rdata)) count++;
    const m = buildMember(input, members.length, apex, opts.zoneId, own);
    if (m.alias && !m.alias.inZone) external.set(`${m.alias.text}/${input.type}`, { name: m.alias.text, qtype: input.type });
    members.push(m);
  }
  for (const [placeholder, members] of groups) {
    members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    members.forEach((m, i) => (m.index = i));
    placeholder.dynamic = indexGroup(members, opts.cidr ?? new Map());
  }
  const apexNode = nodes.get(apex)!;
  const soa = apexNode.rrsets.get(RRType.SOA);
  if (!soa) throw new Error('zone has no SOA record at its apex');
  const cuts = new Set<LowerName>();
  for (const node of nodes.values()) {
    if (node.key !== apex && node.rrsets.has(RRType.NS)) {
      node.cut = true;
      cuts.add(node.key);
    }
  }
  if (cuts.size > 0) {
    for (const node of nodes.values()) {
      for (let k = node.key; k !== apex; k = parentKey(k)) {
        if (cuts.has(k)) {
          node.delegated = true;
          break;
        }
      }
    }
  }
  linkAdditional(nodes, apex, [...groups.keys()]);
  const soaRdata = soa.rdatas[0]!;
  const minimum = new DataView(soaRdata.buffer, soaRdata.byteOffset + soaRdata.length - 4, 4).getUint32(0);
  return {
    apex, apexName, version, soa, negativeTtl: Math.min(soa.ttl, minimum), nodes, cuts, recordCount: count,
    dynamicCount: groups.size, externalAliases: [...external.values()], privateZone: opts.privateZone ?? false,
  };
}

/** Attaches in-zone A/AAAA sets of NS, MX and SRV targets to their RRsets (group members' too). */
function linkAdditional(nodes: Map<LowerName, ZoneNode>, apex: LowerName, groups: RRset[]): void {
  const all: RRset[] = [];
  for (const node of nodes.values()) for (const set of node.rrsets.values()) all.push(set);
  for (const g of groups) for (const m of g.dynamic!.members) if (m.set) all.push(m.set);
  {
    for (const set of all) {
      if (set.type !== RRType.NS && set.type !== RRType.MX && set.type !== RRType.SRV) continue;
      const seen = new Set<LowerName>();
      for (const rdata of set.rdatas) {
        const target = targetNameOf(set.type, rdata);
        if (!target) continue;
        const tkey = lowerName(target);
        if (seen.has(tkey) || !isAtOrBelow(tkey, apex)) continue;
        seen.add(tkey);
        let tnode = nodes.get(tkey);
        if (!tnode) {
          // A target that does not exist may still be synthesized by a wildcard (RFC 4592).
          let encloser = parentKey(tkey);
          while (!nodes.has(encloser)) encloser = parentKey(encloser);
          tnode = nodes.get(wildcardOf(encloser));
          if (!tnode || tnode.delegated) continue;
        }
        const a = tnode.rrsets.get(RRType.A);
        const aaaa = tnode.rrsets.get(RRType.AAAA);
        if (a) set.additional.push({ set: a, owner: target });
        if (aaaa) set.additional.push({ set: aaaa, owner: target });
      }
    }
  }
}
