/**
 * The lookup stage of the answer pipeline: RFC 1034 4.3.2 over one compiled zone, with negative
 * answers per RFC 2308 and wildcards per RFC 4592. Pure: returns data, never touches a socket.
 *
 * Order of the steps for each name in a CNAME chain: delegation cut -> exact name -> CNAME ->
 * wildcard -> NXDOMAIN/NODATA.
 */
import { RRType, Rcode, isAtOrBelow, parentKey, wildcardOf, type LowerName, type Name } from '../dns/index.ts';
import type { RRset, ZoneIndex, ZoneNode } from '../zone/zone-index.ts';
import type { Context } from './context.ts';
import { routeSet } from './route.ts';

export type Outcome = 'hit' | 'nodata' | 'nxdomain' | 'delegation' | 'refused' | 'servfail';

/** An RRset placed in a section; `owner` differs from `set.owner` for wildcard synthesis. */
export type Placed = { set: RRset; owner: Name; ttl: number };

/** What the engine decided, before encoding. */
export type Answer = {
  outcome: Outcome;
  rcode: number;
  aa: boolean;
  answer: Placed[];
  authority: Placed[];
  additional: Placed[];
  /** True when the answer is worth keeping for (qname, qtype): the qname exists in the zone
   * (answers for missing names are kept per closest encloser instead, by the server). */
  reusable: boolean;
  /** True when a routing policy or an alias chose records: the answer holds for this query
   * only (the context's signature says when another query got the same). */
  dynamic: boolean;
};

/** Longest CNAME chain followed inside a zone before giving up (loops end here too). */
export const MAX_CNAME_CHAIN = 12;

function place(set: RRset, owner: Name = set.owner, ttl = set.ttl): Placed {
  return { set, owner, ttl };
}

/** Returns the topmost delegation point at or above `key`, or undefined. */
function findCut(zone: ZoneIndex, key: LowerName): LowerName | undefined {
  if (zone.cuts.size === 0) return undefined;
  let found: LowerName | undefined;
  for (let k = key; k !== zone.apex && k.length > zone.apex.length; k = parentKey(k)) {
    if (zone.cuts.has(k)) found = k;
  }
  return found;
}

function negative(zone: ZoneIndex, a: Answer, outcome: 'nodata' | 'nxdomain'): Answer {
  a.outcome = outcome;
  if (outcome === 'nxdomain') a.rcode = Rcode.NXDOMAIN;
  // RFC 2308 3: the SOA goes in authority with TTL min(SOA TTL, SOA MINIMUM).
  a.authority.push(place(zone.soa, zone.soa.owner, zone.negativeTtl));
  return a;
}

function servfail(a: Answer): Answer {
  a.outcome = 'servfail';
  a.rcode = Rcode.SERVFAIL;
  a.aa = false;
  a.answer.length = 0;
  a.authority.length = 0;
  a.additional.length = 0;
  return a;
}

/**
 * Routes a dynamic set (a policy group or an alias) and places what it chose; returns the last
 * set placed (for a CNAME, the one to follow), null for no records, or 'servfail'.
 */
function placeRouted(zone: ZoneIndex, a: Answer, set: RRset, owner: Name, c: Context | undefined): RRset | null | 'servfail' {
  a.dynamic = true;
  a.reusable = false;
  if (c === undefined) return 'servfail';
  const chosen: RRset[] = [];
  const n = routeSet(zone, set, c, chosen);
  if (n < 0) return 'servfail';
  return placeChosen(a, chosen, n, owner);
}

function placeChosen(a: Answer, chosen: readonly RRset[], n: number, owner: Name): RRset | null {
  for (const s of chosen) {
    a.answer.push(place(s, owner));
    addAdditional(a, s);
  }
  return n === 0 ? null : chosen[chosen.length - 1]!;
}

/**
 * Returns the dynamic set that alone answers `qtype` at `qkey` (the name's own group or alias
 * set, with no delegation above it), or undefined when lookup() has more to do. The server
 * routes such a set itself first, so that a query whose choices match an earlier one's reuses
 * that encoded answer without an Answer being built; routedAnswer() builds it otherwise.
 */
export function ownDynamicSet(zone: ZoneIndex, qkey: LowerName, qtype: number): RRset | undefined {
  if (qtype === RRType.ANY) return undefined;
  const set = zone.nodes.get(qkey)?.rrsets.get(qtype);
  if (set?.dynamic === undefined || findCut(zone, qkey) !== undefined) return undefined;
  return set;
}

/**
 * Returns the answer lookup() gives for a set ownDynamicSet() returned, from what routeSet()
 * chose for it (`chosen`, and `n` as it returned), owned by the question's name `owner`.
 */
export function routedAnswer(zone: ZoneIndex, owner: Name, chosen: readonly RRset[], n: number): Answer {
  const a = newAnswer();
  a.dynamic = true;
  a.reusable = false;
  if (n < 0) return servfail(a);
  placeChosen(a, chosen, n, owner);
  return n === 0 ? negative(zone, a, 'nodata') : a;
}

function newAnswer(): Answer {
  return { outcome: 'hit', rcode: Rcode.NOERROR, aa: true, answer: [], authority: [], additional: [], reusable: true, dynamic: false };
}

function addAdditional(a: Answer, set: RRset): void {
  for (const extra of set.additional) {
    if (!a.additional.some((p) => p.set === extra.set && p.owner === extra.owner) && !a.answer.some((p) => p.set === extra.set)) {
      a.additional.push(place(extra.set, extra.owner));
    }
  }
}

/** Picks what answers an ANY query: one RRset, per RFC 8482 4.2 (lowest type number). */
function pickAny(node: ZoneNode): RRset | undefined {
  let best: RRset | undefined;
  for (const set of node.rrsets.values()) if (!best || set.type < best.type) best = set;
  return best;
}

/**
 * Answers `qtype` for `qname` (whose key is `qkey`) from `zone`, which must contain the name.
 * Answers are owned by the question's own spelling (and then by CNAME targets as written), so
 * they keep the client's case and wildcard answers are synthesized for the qname (RFC 4592 3.3).
 */
export function lookup(zone: ZoneIndex, qname: Name, qkey: LowerName, qtype: number, c?: Context): Answer {
  const a = newAnswer();
  let key = qkey;
  let owner = qname;
  const visited: LowerName[] = [];
  for (let hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
    visited.push(key);
    const cut = findCut(zone, key);
    // A DS query at the cut itself is answered by the parent side (RFC 4035 3.1.4.1).
    if (cut !== undefined && !(cut === key && qtype === RRType.DS)) {
      const ns = zone.nodes.get(cut)!.rrsets.get(RRType.NS)!;
      if (a.answer.length === 0) {
        a.outcome = 'delegation';
        a.aa = false;
        // A referral for a name that does not exist below the cut is the same for every such
        // name; keeping one per random name would only fill the cache.
        if (hop === 0 && !zone.nodes.has(key)) a.reusable = false;
      }
      a.authority.push(place(ns));
      addAdditional(a, ns);
      return a;
    }
    let node = zone.nodes.get(key);
    if (!node) {
      // RFC 4592 3.3.1: the closest encloser is the longest existing ancestor (empty
      // non-terminals exist); only its own wildcard child may answer.
      let encloser = parentKey(key);
      while (!zone.nodes.has(encloser)) {
        if (encloser.length <= zone.apex.length) throw new Error('lookup() was given a name outside its zone');
        encloser = parentKey(encloser);
      }
      node = zone.nodes.get(wildcardOf(encloser));
      if (!node) {
        if (hop === 0) a.reusable = false;
        return negative(zone, a, 'nxdomain');
      }
      if (hop === 0) a.reusable = false;
    }
    const set = qtype === RRType.ANY ? pickAny(node) : node.rrsets.get(qtype);
    if (set) {
      if (set.dynamic) {
        const got = placeRouted(zone, a, set, owner, c);
        if (got === 'servfail') return servfail(a);
        if (got === null && a.answer.length === 0) return negative(zone, a, 'nodata');
        return a;
      }
      a.answer.push(place(set, owner));
      addAdditional(a, set);
      return a;
    }
    let cname = node.rrsets.get(RRType.CNAME);
    // RRSIG and NSEC may sit beside a CNAME (RFC 4035 2.5): asking for them never follows it.
    if (!cname || qtype === RRType.CNAME || qtype === RRType.RRSIG || qtype === RRType.NSEC) return negative(zone, a, 'nodata');
    if (cname.dynamic) {
      const got = placeRouted(zone, a, cname, owner, c);
      if (got === 'servfail') return servfail(a);
      if (got === null) return a.answer.length === 0 ? negative(zone, a, 'nodata') : a;
      cname = got;
    } else {
      a.answer.push(place(cname, owner));
    }
    const target = cname.target!;
    const tkey = cname.targetKey!;
    // Stop outside the zone, and at a loop: a name already on the chain (wildcard-made owners
    // included, whose sets are keyed by the wildcard, not by the name).
    if (!isAtOrBelow(tkey, zone.apex) || visited.includes(tkey)) return a;
    key = tkey;
    owner = target;
  }
  return a;
}
