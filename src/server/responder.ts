/**
 * The query path: datagram or TCP message in, response bytes out. Reads the question in place,
 * finds the zone by longest suffix, reuses a pre-encoded response when the zone node has one, and
 * otherwise runs the answer engine and encodes. Never touches the store; never throws.
 */
import { RRClass, RRType, Rcode, createWriter, type LowerName } from '../dns/index.ts';
import { lookup, type Answer } from '../answer/lookup.ts';
import type { ZoneIndex } from '../zone/zone-index.ts';
import { encodeAnswer } from './encode-answer.ts';
import { QueryStatus, createParsedQuery, parseQuery, type ParsedQuery } from './query.ts';

/** The zones a responder serves, keyed by apex; replaced whole when any zone changes. */
export type Catalog = { zones: Map<LowerName, ZoneIndex> };

/** Counters a listener exports; plain numbers so the hot path only increments. */
export type ResponderStats = { queries: number; cached: number; formerr: number; refused: number; servfail: number; dropped: number };

export type Responder = {
  /** Returns the response to `msg`, or undefined when nothing should be sent. */
  respond(msg: Buffer, tcp: boolean): Buffer | undefined;
  setCatalog(catalog: Catalog): void;
  stats: ResponderStats;
};

export type ResponderOptions = {
  /** Largest UDP response we send, whatever the client offers (RFC 9715 suggests 1232). */
  maxUdpPayload?: number;
  /** Called once per unexpected exception (answered SERVFAIL). */
  onError?: (err: unknown, qkey: string) => void;
  /** Upper bound for bytes of cached responses per catalog. */
  cacheBytes?: number;
};

/** Returns the zone that contains `key` (longest matching apex), or undefined. */
export function findZone(zones: Map<LowerName, ZoneIndex>, key: LowerName): ZoneIndex | undefined {
  for (let off = 0; off < key.length; off += 1 + key.charCodeAt(off)) {
    const z = zones.get((off === 0 ? key : key.substring(off)) as LowerName);
    if (z) return z;
    if (key.charCodeAt(off) === 0) break;
  }
  return undefined;
}

/** Returns a responder with its own scratch buffers; one per listener thread. */
export function createResponder(opts: ResponderOptions = {}): Responder {
  const maxUdp = opts.maxUdpPayload ?? 1232;
  const cacheLimit = opts.cacheBytes ?? 64 * 1024 * 1024;
  const w = createWriter(65535);
  const q: ParsedQuery = createParsedQuery();
  let catalog: Catalog = { zones: new Map() };
  let cacheUsed = 0;
  const stats: ResponderStats = { queries: 0, cached: 0, formerr: 0, refused: 0, servfail: 0, dropped: 0 };

  function optLength(): number {
    if (!q.edns) return 0;
    return 11 + (q.ecs ? 8 + q.ecs.address.length : 0);
  }

  /** Copies a template into a new buffer with this query's ID, RD/CD, qname case and OPT. */
  function finalize(template: Uint8Array, length: number, msg: Buffer, rcode: number): Buffer {
    const optLen = optLength();
    const out = Buffer.allocUnsafe(length + optLen);
    out.set(template.subarray(0, length));
    out[0] = msg[0]!;
    out[1] = msg[1]!;
    out[2] = out[2]! | (msg[2]! & 0x01); // RD
    out[3] = out[3]! | (msg[3]! & 0x10); // CD
    if (q.questionEnd > 0) msg.copy(out, 12, 12, q.qnameEnd); // the client's spelling
    if (optLen > 0) {
      let p = length;
      out[p++] = 0; // root owner
      out.writeUInt16BE(RRType.OPT, p); p += 2;
      out.writeUInt16BE(maxUdp, p); p += 2;
      out[p++] = rcode >> 4; // extended RCODE
      out[p++] = 0; // version
      out.writeUInt16BE(q.dnssecOk ? 0x8000 : 0, p); p += 2;
      out.writeUInt16BE(optLen - 11, p); p += 2;
      if (q.ecs) {
        // RFC 7871 7.2.1: echo family, source prefix and address; scope 0 = not tailored.
        out.writeUInt16BE(8, p); p += 2;
        out.writeUInt16BE(4 + q.ecs.address.length, p); p += 2;
        out.writeUInt16BE(q.ecs.family, p); p += 2;
        out[p++] = q.ecs.sourcePrefix;
        out[p++] = 0;
        out.set(q.ecs.address, p);
      }
      out.writeUInt16BE(out.readUInt16BE(10) + 1, 10);
    }
    return out;
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
    return finalize(buf, qlen > 0 ? qlen : 12, msg, rcode);
  }

  function answerQuery(msg: Buffer, tcp: boolean): Buffer {
    if (q.qclass !== RRClass.IN || q.qtype === RRType.AXFR || q.qtype === RRType.IXFR) {
      stats.refused++;
      return errorResponse(msg, Rcode.REFUSED);
    }
    const zone = findZone(catalog.zones, q.qkey);
    if (!zone) {
      stats.refused++;
      return errorResponse(msg, Rcode.REFUSED);
    }
    const limit = tcp ? 65535 : q.edns ? Math.min(q.udpSize, maxUdp) : 512;
    const optLen = optLength();
    const node = zone.nodes.get(q.qkey);
    const cached = node?.responses?.get(q.qtype);
    if (cached !== undefined && cached.length + optLen <= limit) {
      stats.cached++;
      return finalize(cached, cached.length, msg, cached[3]! & 0xf);
    }
    let a: Answer;
    try {
      a = lookup(zone, msg.subarray(12, q.qnameEnd), q.qkey, q.qtype);
    } catch (err) {
      stats.servfail++;
      opts.onError?.(err, q.qkey);
      return errorResponse(msg, Rcode.SERVFAIL);
    }
    let len = encodeAnswer(w, msg, q, a, 65535 - optLen);
    if (a.reusable && node && cached === undefined && cacheUsed + len <= cacheLimit) {
      node.responses ??= new Map();
      node.responses.set(q.qtype, w.buf.slice(0, len));
      cacheUsed += len;
    }
    if (len + optLen > limit) len = encodeAnswer(w, msg, q, a, limit - optLen);
    return finalize(w.buf, len, msg, a.rcode);
  }

  return {
    stats,
    setCatalog(c) {
      catalog = c;
      cacheUsed = 0;
    },
    respond(msg, tcp) {
      stats.queries++;
      parseQuery(msg, q);
      switch (q.status) {
        case QueryStatus.OK:
          return answerQuery(msg, tcp);
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
    },
  };
}
