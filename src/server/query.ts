/**
 * The hot-path query reader: pulls the header, the one question and the OPT record straight out of
 * the datagram into a reusable object. It allocates only the qname key string (and an ECS object
 * when the option is present). Anything unusual is classified, never thrown.
 */
import { EdnsOption, RRType, parseClientSubnet, type ClientSubnet, type LowerName } from '../dns/index.ts';

/** What the reader concluded about a message. */
export const QueryStatus = { OK: 0, DROP: 1, FORMERR: 2, NOTIMP: 3, BADVERS: 4 } as const;
export type QueryStatusValue = (typeof QueryStatus)[keyof typeof QueryStatus];

/** A parsed query; one instance is reused for every datagram a listener reads. */
export type ParsedQuery = {
  status: QueryStatusValue;
  id: number;
  flags: number;
  opcode: number;
  /** Offset just past the question (0 when the question did not parse). */
  questionEnd: number;
  qnameEnd: number;
  qkey: LowerName;
  qtype: number;
  qclass: number;
  edns: boolean;
  udpSize: number;
  ednsVersion: number;
  dnssecOk: boolean;
  ecs: ClientSubnet | undefined;
};

/** Returns a fresh query holder. */
export function createParsedQuery(): ParsedQuery {
  return {
    status: QueryStatus.DROP, id: 0, flags: 0, opcode: 0, questionEnd: 0, qnameEnd: 0, qkey: '' as LowerName,
    qtype: 0, qclass: 0, edns: false, udpSize: 512, ednsVersion: 0, dnssecOk: false, ecs: undefined,
  };
}

function readKey(msg: Uint8Array, start: number, end: number, upper: boolean, high: boolean): LowerName {
  if (!high) {
    const s = Buffer.prototype.latin1Slice.call(msg, start, end) as string;
    return (upper ? s.toLowerCase() : s) as LowerName;
  }
  // Bytes above 0x7f: fold ASCII only (String#toLowerCase would fold latin1 letters too).
  let s = '';
  for (let i = start; i < end; i++) {
    const b = msg[i]!;
    s += String.fromCharCode(b >= 0x41 && b <= 0x5a ? b | 0x20 : b);
  }
  return s as LowerName;
}

/** Reads `msg` into `q`. Sets q.status; on OK every field is valid. */
export function parseQuery(msg: Uint8Array, q: ParsedQuery): ParsedQuery {
  q.status = QueryStatus.DROP;
  q.questionEnd = 0;
  q.qnameEnd = 0;
  q.edns = false;
  q.ecs = undefined;
  q.dnssecOk = false;
  q.udpSize = 512;
  q.ednsVersion = 0;
  const len = msg.length;
  if (len < 12) return q;
  const flags = (msg[2]! << 8) | msg[3]!;
  q.id = (msg[0]! << 8) | msg[1]!;
  q.flags = flags;
  if (flags & 0x8000) return q; // a response: never answer it
  q.opcode = (flags >> 11) & 0xf;
  q.status = QueryStatus.FORMERR;
  const qd = (msg[4]! << 8) | msg[5]!;
  const an = (msg[6]! << 8) | msg[7]!;
  const ns = (msg[8]! << 8) | msg[9]!;
  const ar = (msg[10]! << 8) | msg[11]!;
  if (qd !== 1) {
    if (q.opcode !== 0) q.status = QueryStatus.NOTIMP;
    return q;
  }
  // The question's name: plain labels only (a pointer here could only point into the header).
  let pos = 12;
  let upper = false;
  let high = false;
  for (;;) {
    if (pos >= len) return q;
    const l = msg[pos]!;
    if (l === 0) break;
    if (l > 63) return q;
    if (pos + 1 + l - 12 > 254) return q;
    const end = pos + 1 + l;
    if (end > len) return q;
    for (let i = pos + 1; i < end; i++) {
      const b = msg[i]!;
      if (b >= 0x41 && b <= 0x5a) upper = true;
      else if (b >= 0x80) high = true;
    }
    pos = end;
  }
  q.qnameEnd = pos + 1;
  if (q.qnameEnd + 4 > len) return q;
  q.qtype = (msg[q.qnameEnd]! << 8) | msg[q.qnameEnd + 1]!;
  q.qclass = (msg[q.qnameEnd + 2]! << 8) | msg[q.qnameEnd + 3]!;
  q.questionEnd = q.qnameEnd + 4;
  q.qkey = readKey(msg, 12, q.qnameEnd, upper, high);
  if (q.opcode !== 0) {
    q.status = QueryStatus.NOTIMP;
    return q;
  }
  if (an !== 0 || ns !== 0 || q.qtype === RRType.OPT) return q;
  pos = q.questionEnd;
  for (let i = 0; i < ar; i++) {
    const owner = pos;
    // Additional records in a query: only OPT is understood; others are skipped whole.
    for (;;) {
      if (pos >= len) return q;
      const l = msg[pos]!;
      if (l === 0) { pos++; break; }
      if ((l & 0xc0) === 0xc0) { pos += 2; break; }
      if (l > 63) return q;
      pos += 1 + l;
    }
    if (pos + 10 > len) return q;
    const type = (msg[pos]! << 8) | msg[pos + 1]!;
    const rdlen = (msg[pos + 8]! << 8) | msg[pos + 9]!;
    const rdStart = pos + 10;
    if (rdStart + rdlen > len) return q;
    if (type === RRType.OPT) {
      if (q.edns || pos !== owner + 1) return q; // a second OPT, or an owner that is not the root
      q.edns = true;
      q.udpSize = Math.max(512, (msg[pos + 2]! << 8) | msg[pos + 3]!);
      q.ednsVersion = msg[pos + 5]!;
      q.dnssecOk = (msg[pos + 6]! & 0x80) !== 0;
      for (let o = rdStart; o < rdStart + rdlen;) {
        if (o + 4 > rdStart + rdlen) return q;
        const code = (msg[o]! << 8) | msg[o + 1]!;
        const olen = (msg[o + 2]! << 8) | msg[o + 3]!;
        if (o + 4 + olen > rdStart + rdlen) return q;
        if (code === EdnsOption.CLIENT_SUBNET) {
          try {
            q.ecs = parseClientSubnet(msg.subarray(o + 4, o + 4 + olen));
          } catch {
            return q; // RFC 7871 7.1.1: a malformed option is a FORMERR
          }
        }
        o += 4 + olen;
      }
    }
    pos = rdStart + rdlen;
  }
  if (pos !== len) return q;
  q.status = q.edns && q.ednsVersion !== 0 ? QueryStatus.BADVERS : QueryStatus.OK;
  return q;
}
