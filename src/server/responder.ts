/**
 * The query path: datagram or TCP message in, response bytes out. Reads the question in place,
 * finds the zone by longest suffix, and answers from pre-encoded bytes when it can:
 * - an existing name's response is kept per (qtype, qname) in the zone's response cache;
 * - a missing name's response (NXDOMAIN or wildcard) is kept per (closest encloser, qtype) as a
 *   relocatable template.
 * Otherwise it runs the answer engine and encodes. Never touches the store; never throws.
 */
import { RRClass, RRType, Rcode, createWriter, isAtOrBelow, parentKey, type LowerName } from '../dns/index.ts';
import { lookup, ownDynamicSet, routedAnswer, type Answer } from '../answer/lookup.ts';
import { routeSet } from '../answer/route.ts';
import type { RRset, ZoneIndex } from '../zone/zone-index.ts';
import { ALL_HEALTHY, type HealthSnapshot } from '../answer/health.ts';
import { createContext, resetContext, type Services } from '../answer/context.ts';
import { createPeerReader } from './peer-address.ts';
import { encodeAnswer } from './encode-answer.ts';
import { QueryStatus, createParsedQuery, parseQuery, type ParsedQuery } from './query.ts';
import { appendBadKey, readTsig } from './tsig.ts';
import { createResponseCache, findResponse, slotLength, slotOffset, storeResponse, type ResponseCache } from './response-cache.ts';
import { applyTemplate, makeTemplate, type Template } from './relocatable.ts';
import { createViewSelector, viewsNeeded, type CatalogVpc, type CatalogZone, type ListenerView, type ViewSelector } from './views.ts';

/**
 * The zones a responder serves, replaced whole when any zone changes: `zones` is every public
 * zone by apex (oldest of a name wins); `all` and `vpcs` (from the zone feed) let views pick
 * private zones for clients in their VPCs and public zones by name server (server/views.ts).
 */
export type Catalog = { zones: Map<LowerName, ZoneIndex>; all?: CatalogZone[]; vpcs?: CatalogVpc[] };

/** Counters a listener exports; plain numbers so the hot path only increments. */
export type ResponderStats = { queries: number; cached: number; formerr: number; refused: number; servfail: number; dropped: number };

export type Responder = {
  /**
   * Returns the response to `msg`, or undefined when nothing should be sent. `peer` is the
   * packet's source address as Node reports it ('192.0.2.1', '2001:db8::1'); `listener` is the
   * index of the listener it arrived on (the order of the node's listen addresses).
   */
  respond(msg: Buffer, tcp: boolean, peer?: string, listener?: number): Buffer | undefined;
  setCatalog(catalog: Catalog): void;
  /** Replaces the health snapshot the routing policies read (src/answer/health.ts). */
  setHealth(snapshot: HealthSnapshot): void;
  /** The health snapshot in use. */
  health(): HealthSnapshot;
  stats: ResponderStats;
};

export type ResponderOptions = {
  /** Largest UDP response we send, whatever the client offers (RFC 9715 suggests 1232). */
  maxUdpPayload?: number;
  /** Called once per unexpected exception (answered SERVFAIL). */
  onError?: (err: unknown, qkey: string) => void;
  /** Geolocation, latency and external alias data for routing policies. */
  services?: Services;
  /** The routing policies' random numbers in [0, 1) (seeded for reproducible draws). */
  rng?: () => number;
  /** What each listener (by index) is bound to: a VPC, name-server names (server/views.ts). */
  listeners?: readonly ListenerView[];
};

/** A zone as this responder serves it: the index plus its caches. */
type Served = {
  zone: ZoneIndex; cache: ResponseCache; templates: Map<LowerName, Map<number, Template>>; templateCount: number;
  /** Encoded answers of names answered per query, by qname, then signature * 65536 + qtype. */
  dynamic: Map<LowerName, Map<number, Buffer>>; dynamicCount: number;
};

/** Most encoded per-query answers kept per zone. */
const MAX_DYNAMIC = 50_000;

/** Most relocatable templates per zone (one per closest encloser and qtype). */
const MAX_TEMPLATES = 100_000;

/** Returns the zone that contains `key` (longest matching apex), or undefined. */
export function findZone<T>(zones: Map<LowerName, T>, key: LowerName): T | undefined {
  for (let off = 0; off < key.length; off += 1 + key.charCodeAt(off)) {
    const z = zones.get((off === 0 ? key : key.substring(off)) as LowerName);
    if (z !== undefined) return z;
    if (key.charCodeAt(off) === 0) break;
  }
  return undefined;
}

/** Returns a responder with its own scratch buffers; one per listener thread. */
export function createResponder(opts: ResponderOptions = {}): Responder {
  const maxUdp = opts.maxUdpPayload ?? 1232;
  const w = createWriter(65535);
  const q: ParsedQuery = createParsedQuery();
  let served = new Map<LowerName, Served>();
  let single: Served | undefined; // the only zone, when there is one: skips the suffix search
  // Views (private zones, name-server listeners); undefined when every query sees `served`.
  let views: ViewSelector<Served> | undefined;
  let byZone = new Map<ZoneIndex, Served>();
  let peer: string | undefined;
  let listener = 0;
  let health: HealthSnapshot = ALL_HEALTHY;
  const ctx = createContext(opts.services ?? {}, opts.rng ?? Math.random);
  const peers = createPeerReader();
  let scope = 0; // ECS scope prefix length of the answer being sent
  const chosen: RRset[] = []; // what routeSet chose for the query being answered
  const stats: ResponderStats = { queries: 0, cached: 0, formerr: 0, refused: 0, servfail: 0, dropped: 0 };

  function optLength(): number {
    if (!q.edns) return 0;
    return q.ecs ? 19 + q.ecs.address.length : 11;
  }

  /** Stamps this query's ID, RD/CD and OPT on a response whose other bytes are in `out`. */
  function stamp(out: Buffer, length: number, msg: Buffer, rcode: number): Buffer {
    out[0] = msg[0]!;
    out[1] = msg[1]!;
    out[2] = out[2]! | (msg[2]! & 0x01); // RD
    out[3] = out[3]! | (msg[3]! & 0x10); // CD
    if (!q.edns) return out;
    let p = length;
    out[p++] = 0; // root owner
    out[p++] = 0; out[p++] = RRType.OPT;
    out[p++] = maxUdp >> 8; out[p++] = maxUdp & 0xff;
    out[p++] = rcode >> 4; // extended RCODE
    out[p++] = 0; // version
    out[p++] = q.dnssecOk ? 0x80 : 0; out[p++] = 0;
    const ecs = q.ecs;
    if (ecs === undefined) {
      out[p++] = 0; out[p++] = 0;
    } else {
      // RFC 7871 7.2.1: echo family, source prefix and address; the scope says how much of the
      // address the answer depended on (0: not tailored).
      const n = ecs.address.length;
      out[p++] = 0; out[p++] = 8 + n;
      out[p++] = 0; out[p++] = 8;
      out[p++] = 0; out[p++] = 4 + n;
      out[p++] = 0; out[p++] = ecs.family;
      out[p++] = ecs.sourcePrefix;
      out[p++] = scope;
      for (let i = 0; i < n; i++) out[p++] = ecs.address[i]!;
    }
    const ar = ((out[10]! << 8) | out[11]!) + 1;
    out[10] = ar >> 8;
    out[11] = ar & 0xff;
    return out;
  }

  /** Copies `length` bytes of `src` from `offset`, then stamps, with the client's qname spelling. */
  function fromBytes(src: Uint8Array, offset: number, length: number, msg: Buffer, rcode: number): Buffer {
    const out = Buffer.allocUnsafe(length + optLength());
    for (let i = 0; i < 12; i++) out[i] = src[offset + i]!;
    // The client's question: its spelling of the name, and its class (IN or *).
    for (let i = 12; i < q.questionEnd; i++) out[i] = msg[i]!;
    for (let i = q.questionEnd > 12 ? q.questionEnd : 12; i < length; i++) out[i] = src[offset + i]!;
    return stamp(out, length, msg, rcode);
  }

  function errorResponse(msg: Buffer, rcode: number): Buffer {
    const buf = w.buf;
    const qlen = q.questionEnd;
    buf.fill(0, 0, 12);
    buf[2] = 0x80 | (q.opcode << 3);
    buf[3] = rcode & 0xf;
    if (qlen > 0) {
      buf[5] = 1;
      buf.set(msg.subarray(12, qlen), 12);
    }
    return fromBytes(buf, 0, qlen > 0 ? qlen : 12, msg, rcode);
  }

  /** Answers a signed query for a zone we serve: NOTAUTH/BADKEY (tsig.ts), or FORMERR when its TSIG is malformed. */
  function refuseSigned(msg: Buffer): Buffer {
    const tsig = readTsig(msg, q.tsig);
    if (tsig !== undefined) return appendBadKey(errorResponse(msg, Rcode.NOTAUTH), tsig);
    stats.formerr++;
    return errorResponse(msg, Rcode.FORMERR);
  }

  /** Fills the routing context with the client: the ECS address when present, else the peer's. */
  function prepareClient(peer: string | undefined, privateZone: boolean): void {
    const ecs = q.ecs;
    // ECS does not apply to private zones (route53.md 5): the VPC resolver's address decides.
    if (ecs !== undefined && !privateZone) {
      // A source prefix of 0 asks that no client address be used (RFC 7871 7.1.2).
      const family = ecs.sourcePrefix === 0 ? 0 : ecs.family === 1 ? 4 : 6;
      resetContext(ctx, health, family, ecs.address, ecs.sourcePrefix, true);
    } else {
      const family = peers.read(peer, ctx.address);
      resetContext(ctx, health, family, ctx.address, family === 4 ? 32 : 128, false);
    }
  }

  function answerQuery(msg: Buffer, tcp: boolean, peer: string | undefined): Buffer {
    // QCLASS * (RFC 1035 3.2.5) is answered as IN: IN is the only class we serve.
    if ((q.qclass !== RRClass.IN && q.qclass !== RRClass.ANY) || q.qtype === RRType.AXFR || q.qtype === RRType.IXFR) {
      stats.refused++;
      return errorResponse(msg, Rcode.REFUSED);
    }
    if (q.qtype === 0) return errorResponse(msg, Rcode.NOTIMP); // type 0 is reserved (RFC 6895 3.1)
    const key = q.qkey;
    const zones = views === undefined ? served : views.select(peer, listener);
    const one = views === undefined ? single : undefined;
    let s = one !== undefined ? (isAtOrBelow(key, one.zone.apex) ? one : undefined) : findZone(zones, key);
    // DS at a zone's apex belongs to the parent side of the cut (RFC 4035 3.1.4.1): when the
    // parent zone is hosted too, it answers.
    if (s !== undefined && q.qtype === RRType.DS && key === s.zone.apex && one === undefined) {
      s = findZone(zones, parentKey(key)) ?? s;
    }
    if (s === undefined) {
      stats.refused++;
      return errorResponse(msg, Rcode.REFUSED);
    }
    if (q.tsig !== 0) return refuseSigned(msg);
    const limit = tcp ? 65535 : q.edns ? Math.min(q.udpSize, maxUdp) : 512;
    const optLen = optLength();
    const slot = findResponse(s.cache, q.qtype, key);
    if (slot >= 0 && slotLength(slot) + optLen <= limit) {
      stats.cached++;
      const arena = s.cache.arena;
      return fromBytes(arena, slotOffset(slot), slotLength(slot), msg, arena[slotOffset(slot) + 3]! & 0xf);
    }
    const zone = s.zone;
    let encloser: LowerName | undefined;
    if (slot < 0 && !zone.nodes.has(key)) {
      let k = parentKey(key);
      let node = zone.nodes.get(k);
      while (node === undefined) node = zone.nodes.get((k = parentKey(k)));
      // Below a delegation the answer is a referral; templates are for in-zone names only.
      if (!node.delegated) encloser = k;
    }
    if (encloser !== undefined) {
      const t = s.templates.get(encloser)?.get(q.qtype);
      if (t !== undefined && q.questionEnd + t.tail.length + optLen <= limit) {
        const out = Buffer.allocUnsafe(q.questionEnd + t.tail.length + optLen);
        const len = applyTemplate(t, out, msg, q.qnameEnd, q.questionEnd);
        if (len >= 0) {
          stats.cached++;
          return stamp(out, len, msg, t.header[3]! & 0xf);
        }
      }
    }
    const qname = msg.subarray(12, q.qnameEnd);
    if (zone.dynamicCount > 0) {
      const own = ownDynamicSet(zone, key, q.qtype);
      if (own !== undefined) return answerRouted(s, own, qname, msg, limit, optLen);
    }
    let a: Answer;
    try {
      if (zone.dynamicCount > 0) prepareClient(peer, zone.privateZone);
      a = lookup(zone, qname, key, q.qtype, zone.dynamicCount > 0 ? ctx : undefined);
    } catch (err) {
      stats.servfail++;
      opts.onError?.(err, key);
      return errorResponse(msg, Rcode.SERVFAIL);
    }
    if (a.dynamic) return keptDynamic(s, msg, limit, optLen) ?? encodeDynamic(s, a, msg, limit, optLen);
    const targets = encloser !== undefined ? { qname, sharedFrom: q.qnameEnd - encloser.length } : undefined;
    let len = encodeAnswer(w, msg, q, a, 65535 - optLen, targets);
    if (slot < 0) remember(s, a, len, encloser);
    if (len + optLen > limit) len = encodeAnswer(w, msg, q, a, limit - optLen, targets);
    return fromBytes(w.buf, 0, len, msg, a.rcode);
  }

  /**
   * Answers a name's own group or alias set: routes it first, and only when no earlier query
   * made the same choices builds the Answer (the same lookup() would give) and encodes it.
   */
  function answerRouted(s: Served, set: RRset, qname: Buffer, msg: Buffer, limit: number, optLen: number): Buffer {
    let n: number;
    chosen.length = 0;
    try {
      prepareClient(peer, s.zone.privateZone);
      n = routeSet(s.zone, set, ctx, chosen);
    } catch (err) {
      stats.servfail++;
      opts.onError?.(err, q.qkey);
      return errorResponse(msg, Rcode.SERVFAIL);
    }
    return keptDynamic(s, msg, limit, optLen) ?? encodeDynamic(s, routedAnswer(s.zone, qname, chosen, n), msg, limit, optLen);
  }

  /**
   * Returns the encoded answer of an earlier query that made the same routing choices (equal
   * signatures) for this qname and qtype, when one is kept and fits; sets the ECS scope.
   */
  function keptDynamic(s: Served, msg: Buffer, limit: number, optLen: number): Buffer | undefined {
    scope = s.zone.privateZone ? 0 : ctx.scope; // a private zone ignores the client subnet
    const sig = ctx.signature;
    if (sig < 0) return undefined;
    const kept = s.dynamic.get(q.qkey)?.get(sig * 65536 + q.qtype);
    if (kept === undefined || kept.length + optLen > limit) return undefined;
    stats.cached++;
    return fromBytes(kept, 0, kept.length, msg, kept[3]! & 0xf);
  }

  /** Encodes an answer a routing policy or alias chose, and keeps it for equal choices to come. */
  function encodeDynamic(s: Served, a: Answer, msg: Buffer, limit: number, optLen: number): Buffer {
    const sig = ctx.signature;
    const slot = sig * 65536 + q.qtype;
    let len = encodeAnswer(w, msg, q, a, 65535 - optLen);
    if (sig >= 0 && s.dynamicCount < MAX_DYNAMIC) {
      let byKey = s.dynamic.get(q.qkey);
      if (byKey === undefined) s.dynamic.set(q.qkey, (byKey = new Map()));
      if (!byKey.has(slot)) {
        byKey.set(slot, Buffer.from(w.buf.subarray(0, len)));
        s.dynamicCount++;
      }
    }
    if (len + optLen > limit) len = encodeAnswer(w, msg, q, a, limit - optLen);
    return fromBytes(w.buf, 0, len, msg, a.rcode);
  }

  /** Keeps the response just encoded in `w` for the next query that can reuse it. */
  function remember(s: Served, a: Answer, len: number, encloser: LowerName | undefined): void {
    if (a.reusable) {
      storeResponse(s.cache, q.qtype, q.qkey, w.buf, len);
    } else if (encloser !== undefined && s.templateCount < MAX_TEMPLATES) {
      let byType = s.templates.get(encloser);
      if (byType?.has(q.qtype)) return; // kept already (it only did not fit this client)
      const t = makeTemplate(w, len, q.qnameEnd, q.questionEnd, encloser.length);
      if (t === undefined) return;
      if (!byType) s.templates.set(encloser, (byType = new Map()));
      byType.set(q.qtype, t);
      s.templateCount++;
    }
  }

  return {
    stats,
    setHealth(snapshot) {
      health = snapshot;
    },
    health: () => health,
    setCatalog(c) {
      // Caches belong to a compiled zone: kept while the zone is, shared by every view serving it.
      const before = new Map<ZoneIndex, Served>();
      for (const old of byZone.values()) before.set(old.zone, old);
      byZone = new Map();
      const servedFor = (zone: ZoneIndex): Served => {
        let sv = byZone.get(zone);
        if (sv === undefined) {
          sv = before.get(zone) ?? { zone, cache: createResponseCache(), templates: new Map(), templateCount: 0, dynamic: new Map(), dynamicCount: 0 };
          byZone.set(zone, sv);
        }
        return sv;
      };
      const next = new Map<LowerName, Served>();
      for (const [apex, zone] of c.zones) next.set(apex, servedFor(zone));
      served = next;
      single = next.size === 1 ? [...next.values()][0] : undefined;
      const listeners = opts.listeners ?? [];
      views = c.all !== undefined && viewsNeeded(c.all, listeners) ? createViewSelector(c.all, c.vpcs ?? [], listeners, servedFor) : undefined;
    },
    respond(msg, tcp, from, on) {
      peer = from;
      listener = on ?? 0;
      try {
        return respondTo(msg, tcp, peer);
      } catch (err) {
        // Only lookup() is expected to be able to fail; anything else is a bug, answered
        // SERVFAIL (or dropped when even that cannot be built) so the listener keeps going.
        stats.servfail++;
        opts.onError?.(err, q.qkey);
        try {
          return q.status === QueryStatus.OK ? errorResponse(msg, Rcode.SERVFAIL) : undefined;
        } catch {
          return undefined;
        }
      }
    },
  };

  function respondTo(msg: Buffer, tcp: boolean, peer: string | undefined): Buffer | undefined {
    {
      stats.queries++;
      scope = 0;
      parseQuery(msg, q);
      switch (q.status) {
        case QueryStatus.OK:
          return answerQuery(msg, tcp, peer);
        case QueryStatus.DROP:
          stats.dropped++;
          return undefined;
        case QueryStatus.NOTIMP:
          return errorResponse(msg, Rcode.NOTIMP);
        case QueryStatus.BADVERS:
          return errorResponse(msg, Rcode.BADVERS);
        default:
          stats.formerr++;
          return errorResponse(msg, Rcode.FORMERR);
      }
    }
  }
}
