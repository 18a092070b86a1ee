/**
 * Raw query builders and the malformed-datagram corpus for test/robustness.test.ts. Packets are
 * built byte by byte (not with encodeMessage) so that they can break any rule on purpose.
 */
import { nameFromText } from '../../src/dns/index.ts';

export const TYPE = { A: 1, TXT: 16, OPT: 41 } as const;

/** The header; flags default to RD. */
export function header(id: number, c: { flags?: number; qd?: number; an?: number; ns?: number; ar?: number } = {}): Buffer {
  const b = Buffer.alloc(12);
  b.writeUInt16BE(id, 0);
  b.writeUInt16BE(c.flags ?? 0x0100, 2);
  b.writeUInt16BE(c.qd ?? 1, 4);
  b.writeUInt16BE(c.an ?? 0, 6);
  b.writeUInt16BE(c.ns ?? 0, 8);
  b.writeUInt16BE(c.ar ?? 0, 10);
  return b;
}

/** The uncompressed wire form of a name. */
export const wire = (name: string): Buffer => Buffer.from(nameFromText(name));

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => Buffer.from([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);

/** A question entry (name already in wire form, or text). */
export function question(name: string | Buffer, type: number = TYPE.A, cls = 1): Buffer {
  return Buffer.concat([typeof name === 'string' ? wire(name) : name, u16(type), u16(cls)]);
}

/** A resource record with the given owner bytes (which may be a pointer). */
export function record(owner: Buffer, type: number, rdata: Buffer, cls = 1, ttl = 60): Buffer {
  return Buffer.concat([owner, u16(type), u16(cls), u32(ttl), u16(rdata.length), rdata]);
}

/** One EDNS option. */
export function option(code: number, data: Buffer | number[]): Buffer {
  const d = Buffer.from(data);
  return Buffer.concat([u16(code), u16(d.length), d]);
}

/** A Client Subnet option (RFC 7871 6), any field allowed. */
export function ecs(family: number, source: number, scope: number, address: number[]): Buffer {
  return option(8, [family >> 8, family & 0xff, source, scope, ...address]);
}

/** An OPT record; `owner` defaults to the root. */
export function opt(options: Buffer = Buffer.alloc(0), o: { owner?: Buffer; udpSize?: number; version?: number } = {}): Buffer {
  return record(o.owner ?? Buffer.from([0]), TYPE.OPT, options, o.udpSize ?? 1232, (o.version ?? 0) << 16);
}

export type QueryOptions = { id?: number; edns?: boolean; udpSize?: number; options?: Buffer; flags?: number };

/** A well-formed query (EDNS only when asked). */
export function query(qname: string, qtype: number = TYPE.A, o: QueryOptions = {}): Buffer {
  const edns = o.edns ?? (o.udpSize !== undefined || o.options !== undefined);
  const h = header(o.id ?? 0x1234, { ar: edns ? 1 : 0, ...(o.flags !== undefined ? { flags: o.flags } : {}) });
  const parts = [h, question(qname, qtype)];
  if (edns) parts.push(opt(o.options, o.udpSize !== undefined ? { udpSize: o.udpSize } : {}));
  return Buffer.concat(parts);
}

/** Returns `n` labels of `len` letters each, in wire form (no terminating zero). */
export function labels(n: number, len: number): Buffer {
  return Buffer.concat(Array.from({ length: n }, (_, i) => Buffer.concat([Buffer.from([len]), Buffer.alloc(len, 0x61 + (i % 26))])));
}

/** A qname whose wire form is exactly `size` bytes, ending in example.org. */
export function nameOfSize(size: number): Buffer {
  const tail = wire('example.org.');
  let rest = size - tail.length;
  const parts: Buffer[] = [];
  while (rest > 0) {
    const len = Math.min(63, rest - 1);
    parts.push(Buffer.concat([Buffer.from([len]), Buffer.alloc(len, 0x78)]));
    rest -= len + 1;
  }
  return Buffer.concat([...parts, tail]);
}
