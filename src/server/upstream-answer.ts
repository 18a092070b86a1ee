/**
 * Reads an upstream resolver's answer to an A or AAAA question for an external alias target:
 * follows the CNAME chain in the answer section to the final records and takes the smallest TTL
 * along the way. Pure: no sockets, no clock (the caller clamps the TTL).
 */
import { Rcode, RRClass, RRType, lowerName, rcodeToString, type LowerName, type Message } from '../dns/index.ts';

/** What one upstream answer says about (qname, qtype). */
export type UpstreamOutcome =
  /** Addresses (empty: NXDOMAIN or NODATA), with the smallest TTL seen, in seconds (unclamped). */
  | { kind: 'good'; rdatas: Uint8Array[]; ttl: number }
  /** The answer stopped at a CNAME target with nothing said about it: ask again for `name`. */
  | { kind: 'follow'; name: LowerName; ttl: number }
  /** Not usable (SERVFAIL, REFUSED, a CNAME loop, a mismatched question…); `reason` says why. */
  | { kind: 'fail'; reason: string };

/** Longest CNAME chain followed inside one answer (RFC 1034 leaves it open; resolvers cap it). */
export const MAX_CHAIN = 16;

/** Returns the negative-caching TTL of an answer: min(SOA TTL, SOA MINIMUM) (RFC 2308 5), or 0. */
function negativeTtl(m: Message): number {
  for (const rr of m.authority) {
    if (rr.type !== RRType.SOA || rr.rdata.length < 20) continue;
    const r = rr.rdata;
    const n = r.length - 4; // MINIMUM is the last field
    const minimum = ((r[n]! << 24) >>> 0) + (r[n + 1]! << 16) + (r[n + 2]! << 8) + r[n + 3]!;
    return Math.min(rr.ttl, minimum);
  }
  return 0;
}

/**
 * Interprets `m`, the response to the question (qname, qtype). NXDOMAIN and NODATA are good
 * answers with no addresses; their TTL is the negative TTL from the SOA (0 without one).
 */
export function readUpstreamAnswer(m: Message, qname: LowerName, qtype: number): UpstreamOutcome {
  const q = m.questions[0];
  if (!m.qr || m.questions.length !== 1 || !q || lowerName(q.name) !== qname || q.type !== qtype || q.class !== RRClass.IN) {
    return { kind: 'fail', reason: 'the response does not match the question' };
  }
  if (m.rcode !== Rcode.NOERROR && m.rcode !== Rcode.NXDOMAIN) return { kind: 'fail', reason: rcodeToString(m.rcode) };
  let name = qname;
  let ttl = Infinity;
  const seen = new Set<LowerName>([qname]);
  for (;;) {
    const rdatas: Uint8Array[] = [];
    let cname: LowerName | undefined;
    for (const rr of m.answers) {
      if (rr.class !== RRClass.IN || lowerName(rr.name) !== name) continue;
      if (rr.type === qtype) {
        rdatas.push(rr.rdata);
        ttl = Math.min(ttl, rr.ttl);
      } else if (rr.type === RRType.CNAME && cname === undefined) {
        cname = lowerName(rr.rdata);
        ttl = Math.min(ttl, rr.ttl);
      }
    }
    if (rdatas.length > 0) return { kind: 'good', rdatas, ttl };
    if (cname === undefined) break;
    if (seen.has(cname)) return { kind: 'fail', reason: 'a CNAME loop' };
    if (seen.size > MAX_CHAIN) return { kind: 'fail', reason: `a CNAME chain longer than ${MAX_CHAIN}` };
    seen.add(cname);
    name = cname;
  }
  const negative = negativeTtl(m);
  // A resolver that stops at a CNAME without an SOA has not said the target is empty
  // (some forwarders return only the first hop): ask for the target itself.
  if (name !== qname && m.rcode === Rcode.NOERROR && m.authority.every((rr) => rr.type !== RRType.SOA)) {
    return { kind: 'follow', name, ttl };
  }
  return { kind: 'good', rdatas: [], ttl: Math.min(ttl, negative) };
}
