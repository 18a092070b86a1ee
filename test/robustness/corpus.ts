/**
 * The malformed-message corpus: each case names the rule it breaks and what the server must do,
 * FORMERR (or NOTIMP/BADVERS where the RFCs say so) with the ID echoed, or no answer at all.
 */
import { TYPE, ecs, header, labels, nameOfSize, opt, option, query, question, record, wire } from './packets.ts';

export type Expect = 'FORMERR' | 'NOTIMP' | 'BADVERS' | 'none';
/** `opt`: the response must carry an OPT record (the query's OPT was readable). */
export type MalformedCase = { name: string; packet: Buffer; expect: Expect; opt?: boolean };

const A4 = Buffer.from([192, 0, 2, 1]);
const Q = question('www.example.org.');
const ptr = (offset: number) => Buffer.from([0xc0 | (offset >> 8), offset & 0xff]);

/** A query for www.example.org. A with `extra` as its additional section (arcount `ar`). */
function withAdditional(ar: number, extra: (base: number) => Buffer[], c: { qd?: number } = {}): Buffer {
  const base = 12 + Q.length;
  return Buffer.concat([header(0, { ar, ...c }), Q, ...extra(base)]);
}

function ecsCase(name: string, option: Buffer): MalformedCase {
  return { name: `Client Subnet: ${name}`, packet: query('www.example.org.', TYPE.A, { options: option }), expect: 'FORMERR', opt: true };
}

/** Returns the corpus; every packet of 2 bytes or more gets its own ID, from `firstId` up. */
export function malformedCases(firstId = 0x1000): MalformedCase[] {
  const good = query('www.example.org.');
  const goodEdns = query('www.example.org.', TYPE.A, { edns: true });
  const cases: MalformedCase[] = [];
  for (let n = 0; n < 12; n++) cases.push({ name: `header truncated to ${n} bytes`, packet: good.subarray(0, n), expect: 'none' });
  for (let n = 13; n < good.length; n++) cases.push({ name: `question truncated to ${n} bytes`, packet: good.subarray(0, n), expect: 'FORMERR' });
  cases.push(
    { name: 'qdcount 0, nothing else', packet: header(0, { qd: 0 }), expect: 'FORMERR' },
    { name: 'qdcount 0 with a question present', packet: Buffer.concat([header(0, { qd: 0 }), Q]), expect: 'FORMERR' },
    { name: 'qdcount 0 with an OPT', packet: Buffer.concat([header(0, { qd: 0, ar: 1 }), opt()]), expect: 'FORMERR', opt: true },
    { name: 'qdcount 2', packet: Buffer.concat([header(0, { qd: 2 }), Q, question('web.example.org.')]), expect: 'FORMERR' },
    { name: 'qdcount 2, one question present', packet: Buffer.concat([header(0, { qd: 2 }), Q]), expect: 'FORMERR' },
    { name: 'arcount 3, no records present', packet: Buffer.concat([header(0, { ar: 3 }), Q]), expect: 'FORMERR' },
    { name: 'label length 64', packet: Buffer.concat([header(0), question(Buffer.concat([labels(1, 64), wire('example.org.')]))]), expect: 'FORMERR' },
    { name: 'label type 0x40 (extended)', packet: Buffer.concat([header(0), Buffer.from([0x41, 0x01, 0x00, 0, 1, 0, 1])]), expect: 'FORMERR' },
    { name: 'label type 0x80 (reserved)', packet: Buffer.concat([header(0), Buffer.from([0x80, 0x61, 0x00, 0, 1, 0, 1])]), expect: 'FORMERR' },
    { name: 'qname of 256 bytes', packet: Buffer.concat([header(0), question(nameOfSize(256))]), expect: 'FORMERR' },
    { name: 'qname of 320 bytes', packet: Buffer.concat([header(0), question(Buffer.concat([labels(5, 63), Buffer.from([0])]))]), expect: 'FORMERR' },
    { name: 'qname is a pointer to itself', packet: Buffer.concat([header(0), ptr(12), Buffer.from([0, 1, 0, 1])]), expect: 'FORMERR' },
    { name: 'qname is a pointer into the header', packet: Buffer.concat([header(0), ptr(4), Buffer.from([0, 1, 0, 1])]), expect: 'FORMERR' },
    { name: 'qname ends in a forward pointer', packet: Buffer.concat([header(0), Buffer.from([3, 0x77, 0x77, 0x77]), ptr(20), Buffer.from([0, 1, 0, 1, 0])]), expect: 'FORMERR' },
    { name: 'qname runs past the end', packet: Buffer.concat([header(0), Buffer.from([3, 0x77, 0x77, 0x77, 7, 0x65])]), expect: 'FORMERR' },
    { name: 'qtype OPT in the question', packet: Buffer.concat([header(0), question('www.example.org.', TYPE.OPT)]), expect: 'FORMERR' },
    { name: 'a record in the answer section', packet: Buffer.concat([header(0, { an: 1 }), Q, record(ptr(12), TYPE.A, A4)]), expect: 'FORMERR' },
    // Owner names in the additional section are names like any other (RFC 1035 4.1.4): pointers
    // go strictly backwards and stay inside the message, and the name is 255 bytes at most.
    { name: 'additional record whose owner points to itself (loop)',
      packet: withAdditional(1, (b) => [record(ptr(b), TYPE.A, A4)]), expect: 'FORMERR' },
    { name: 'additional record owner a.<pointer back to a> (loop)',
      packet: withAdditional(1, (b) => [record(Buffer.concat([Buffer.from([1, 0x61]), ptr(b)]), TYPE.A, A4)]), expect: 'FORMERR' },
    { name: 'two additional records whose owners point at each other (loop)',
      packet: withAdditional(2, (b) => [record(ptr(b + 16), TYPE.A, A4), record(ptr(b), TYPE.A, A4)]), expect: 'FORMERR' },
    { name: 'additional record owner is a forward pointer',
      packet: withAdditional(1, (b) => [record(ptr(b + 12), TYPE.A, Buffer.from([0, 0, 0, 0]))]), expect: 'FORMERR' },
    { name: 'additional record owner points past the end',
      packet: withAdditional(1, () => [record(ptr(0x3fff), TYPE.A, A4)]), expect: 'FORMERR' },
    { name: 'additional record owner longer than 255 bytes',
      packet: withAdditional(1, () => [record(Buffer.concat([labels(5, 63), Buffer.from([0])]), TYPE.A, A4)]), expect: 'FORMERR' },
    { name: 'additional record with rdlength past the end',
      packet: withAdditional(1, () => [record(Buffer.from([0]), TYPE.A, A4).subarray(0, 13)]), expect: 'FORMERR' },
    { name: 'OPT with a truncated option header',
      packet: withAdditional(1, () => [opt(Buffer.from([0, 10, 0]))]), expect: 'FORMERR', opt: true },
    { name: 'OPT with an option longer than the rdata',
      packet: withAdditional(1, () => [opt(Buffer.concat([option(10, [1, 2, 3, 4, 5, 6, 7, 8]).subarray(0, 8)]))]), expect: 'FORMERR', opt: true },
    { name: 'OPT whose rdlength runs past the end',
      packet: withAdditional(1, () => [opt(option(10, [1, 2, 3, 4, 5, 6, 7, 8])).subarray(0, 15)]), expect: 'FORMERR' },
    { name: 'two OPT records', packet: withAdditional(2, () => [opt(), opt()]), expect: 'FORMERR', opt: true },
    { name: 'OPT not owned by the root', packet: withAdditional(1, () => [opt(undefined, { owner: wire('a.') })]), expect: 'FORMERR' },
    { name: 'OPT owned by a pointer to the qname', packet: withAdditional(1, () => [opt(undefined, { owner: ptr(12) })]), expect: 'FORMERR' },
    { name: 'OPT in the answer section',
      packet: Buffer.concat([header(0, { an: 1 }), Q, opt()]), expect: 'FORMERR' },
    ecsCase('family 3', ecs(3, 24, 0, [192, 0, 2])),
    ecsCase('family 0', ecs(0, 0, 0, [])),
    ecsCase('source prefix 33 for IPv4 (5 address bytes)', ecs(1, 33, 0, [192, 0, 2, 1, 0])),
    ecsCase('source prefix 33 for IPv4 (4 address bytes)', ecs(1, 33, 0, [192, 0, 2, 1])),
    ecsCase('source prefix 129 for IPv6', ecs(2, 129, 0, Array.from({ length: 17 }, () => 0))),
    ecsCase('scope prefix 33 for IPv4', ecs(1, 24, 33, [192, 0, 2])),
    ecsCase('address longer than the prefix', ecs(1, 24, 0, [192, 0, 2, 1])),
    ecsCase('address shorter than the prefix', ecs(1, 24, 0, [192, 0])),
    ecsCase('non-zero bits past the prefix', ecs(1, 20, 0, [192, 0, 0x1f])),
    ecsCase('option shorter than 4 bytes', option(8, [0, 1, 24])),
    { name: 'EDNS version 1 (BADVERS, RFC 6891 6.1.3)', packet: query('www.example.org.', TYPE.A, { edns: true }).fill(1, 12 + Q.length + 6, 12 + Q.length + 7), expect: 'BADVERS', opt: true },
    { name: 'a response (QR=1)', packet: query('www.example.org.', TYPE.A, { flags: 0x8100 }), expect: 'none' },
    { name: 'a malformed response (QR=1, qdcount 0)', packet: header(0, { flags: 0x8000, qd: 0 }), expect: 'none' },
    { name: 'opcode 2 (STATUS) is not implemented', packet: query('www.example.org.', TYPE.A, { flags: 0x1000 }), expect: 'NOTIMP' },
    { name: 'one trailing byte after a valid query', packet: Buffer.concat([good, Buffer.from([0])]), expect: 'FORMERR' },
    { name: 'one trailing byte after a valid EDNS query', packet: Buffer.concat([goodEdns, Buffer.from([0])]), expect: 'FORMERR', opt: true },
    { name: '4000 bytes: a valid query then junk', packet: Buffer.concat([good, Buffer.alloc(4000 - good.length, 0xa5)]), expect: 'FORMERR' },
  );
  cases.forEach((c, i) => {
    if (c.packet.length >= 2) {
      c.packet = Buffer.from(c.packet); // subarrays of shared buffers must not share IDs
      c.packet.writeUInt16BE(firstId + i, 0);
    }
  });
  return cases;
}
