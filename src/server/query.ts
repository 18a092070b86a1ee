/**
 * The hot-path query reader: pulls the header, the one question and the OPT record straight out of
 * the datagram into a reusable object. It allocates only the qname key string (and an ECS object
 * when the option is present). Anything unusual is classified, never thrown.
 */
import { EdnsOption, RRType, parseClientSubnet, type ClientSubnet, type LowerName } from '../dns/index.ts';
import { TSIG_TYPE } from './tsig.ts';

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
  /** Offset of the TSIG record (the last additional record), 0 when the query is not signed. */
  tsig: number;
};

/** Returns a fresh query holder. */
export function createParsedQuery(): ParsedQuery {
  return {
    status: QueryStatus.DROP, id: 0, flags: 0, opcode: 0, questionEnd: 0, qnameEnd: 0, qkey: '' as LowerName,
    qtype: 0, qclass: 0, edns: false, udpSize: 512, ednsVersion: 0, dnssecOk: false, ecs: undefined, tsig: 0,
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
  q.tsig = 0;
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
  const qd = (msg[4]! << 8) | msg[5]!;
  const an = (msg[6]! << 8) | msg[7]!;
  const ns = (msg[8]! << 8) | msg[9]!;
  const ar = (msg[10]! << 8) | msg[11]!;
  // The verdict is decided after the OPT record is read, so that every error answer can carry
  // an OPT when the query had one (RFC 6891 7).
  let verdict: QueryStatusValue = q.opcode !== 0 ? QueryStatus.NOTIMP : QueryStatus.OK;
  let pos = 12;
  if (qd === 1) {
    pos = readQuestion(msg, q);
    if (pos < 0) {
      q.status = QueryStatus.FORMERR;
      return q;
    }
  } else if (verdict === QueryStatus.OK) {
    verdict = QueryStatus.FORMERR;
  }
  if (qd > 1) {
    q.status = q.opcode !== 0 ? QueryStatus.NOTIMP : QueryStatus.FORMERR;
    return q;
  }
  // An IXFR request carries the client's SOA in authority (RFC 1995 3); it is refused later.
  if (verdict === QueryStatus.OK && (an !== 0 || (ns !== 0 && q.qtype !== RRType.IXFR) || q.qtype === RRType.OPT)) verdict = QueryStatus.FORMERR;
  let start = 0; // where the last record starts
  for (let i = 0; i < an + ns + ar; i++) {
    start = pos;
    pos = readRecord(msg, pos, q, i >= an + ns);
    if (pos < 0) {
      q.status = q.opcode !== 0 ? QueryStatus.NOTIMP : QueryStatus.FORMERR;
      return q;
    }
  }
  // TSIG anywhere but last in the additional section is a format error (RFC 8945 5.1).
  if (q.tsig !== 0 && q.tsig !== start) verdict = QueryStatus.FORMERR;
  if (pos !== len && verdict === QueryStatus.OK) verdict = QueryStatus.FORMERR;
  if (q.edns && q.ednsVersion !== 0) verdict = QueryStatus.BADVERS;
  q.status = verdict;
  return q;
}

/** Reads the question into `q`; returns the offset after it, or -1 when it is malformed. */
function readQuestion(msg: Uint8Array, q: ParsedQuery): number {
  // The question's name: plain labels only (a pointer here could only point into the header).
  const len = msg.length;
  let pos = 12;
  let upper = false;
  let high = false;
  for (;;) {
    if (pos >= len) return -1;
    const l = msg[pos]!;
    if (l === 0) break;
    if (l > 63) return -1;
    const end = pos + 1 + l;
    if (end - 12 > 254 || end > len) return -1;
    for (let i = pos + 1; i < end; i++) {
      const b = msg[i]!;
      if (b >= 0x41 && b <= 0x5a) upper = true;
      else if (b >= 0x80) high = true;
    }
    pos = end;
  }
  q.qnameEnd = pos + 1;
  if (q.qnameEnd + 4 > len) return -1;
  q.qtype = (msg[q.qnameEnd]! << 8) | msg[q.qnameEnd + 1]!;
  q.qclass = (msg[q.qnameEnd + 2]! << 8) | msg[q.qnameEnd + 3]!;
  q.questionEnd = q.qnameEnd + 4;
  q.qkey = readKey(msg, 12, q.qnameEnd, upper, high);
  return q.questionEnd;
}

/**
 * Skips one resource record at `pos`; in the additional section an OPT record is read into `q`,
 * and where a TSIG record starts is noted (q.tsig). Returns the offset after the record, or -1
 * when it is malformed (a second OPT or TSIG, either outside the additional section, an OPT not
 * owned by the root, a bad Client Subnet option: RFC 6891 6.1.1, RFC 7871 7.1.1, RFC 8945 5.1).
 */
function readRecord(msg: Uint8Array, pos: number, q: ParsedQuery, additional: boolean): number {
  const len = msg.length;
  const owner = pos;
  // The owner name: checked like readName does (pointers strictly backwards, 255 bytes at
  // most), without building it. Backward pointers also make the walk finite.
  let p = pos;
  let lowest = pos;
  let total = 0;
  let end = -1;
  for (;;) {
    if (p >= len) return -1;
    const l = msg[p]!;
    if ((l & 0xc0) === 0xc0) {
      if (p + 1 >= len) return -1;
      const target = ((l & 0x3f) << 8) | msg[p + 1]!;
      if (target >= lowest) return -1;
      if (end < 0) end = p + 2;
      lowest = target;
      p = target;
      continue;
    }
    if (l > 63) return -1;
    total += 1 + l;
    if (total > 255) return -1;
    if (l === 0) break;
    p += 1 + l;
  }
  pos = end < 0 ? p + 1 : end;
  if (pos + 10 > len) return -1;
  const type = (msg[pos]! << 8) | msg[pos + 1]!;
  const rdlen = (msg[pos + 8]! << 8) | msg[pos + 9]!;
  const rdStart = pos + 10;
  if (rdStart + rdlen > len) return -1;
  if (type === TSIG_TYPE) {
    if (!additional || q.tsig !== 0) return -1;
    q.tsig = owner;
  } else if (type === RRType.OPT) {
    if (!additional || q.edns || pos !== owner + 1) return -1;
    q.edns = true;
    q.udpSize = Math.max(512, (msg[pos + 2]! << 8) | msg[pos + 3]!);
    q.ednsVersion = msg[pos + 5]!;
    q.dnssecOk = (msg[pos + 6]! & 0x80) !== 0;
    for (let o = rdStart; o < rdStart + rdlen;) {
      if (o + 4 > rdStart + rdlen) return -1;
      const code = (msg[o]! << 8) | msg[o + 1]!;
      const olen = (msg[o + 2]! << 8) | msg[o + 3]!;
      if (o + 4 + olen > rdStart + rdlen) return -1;
      if (code === EdnsOption.CLIENT_SUBNET) {
        try {
          q.ecs = parseClientSubnet(msg.subarray(o + 4, o + 4 + olen));
        } catch {
          return -1;
        }
      }
      o += 4 + olen;
    }
  }
  return rdStart + rdlen;
}
