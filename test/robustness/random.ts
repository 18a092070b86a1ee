/**
 * Seeded random packets: raw bytes, valid queries with a few bytes changed, and headers followed
 * by random labels, pointers and records. Each packet of 2 bytes or more gets its own ID.
 */
import type { Rng } from './rng.ts';
import { TYPE, ecs, header, nameOfSize, opt, option, query, question, record, wire } from './packets.ts';

const SEEDS = [
  query('www.example.org.'),
  query('www.example.org.', TYPE.A, { edns: true }),
  query('Anything.wild.example.org.', TYPE.A, { options: ecs(1, 24, 0, [192, 0, 2]) }),
  query('big.example.org.', TYPE.TXT),
  query('big.example.org.', TYPE.TXT, { udpSize: 680, options: ecs(2, 56, 0, [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0]) }),
  Buffer.concat([header(0, { ar: 1 }), question(nameOfSize(255)), opt(option(10, [1, 2, 3, 4, 5, 6, 7, 8]))]),
  Buffer.concat([header(0, { ar: 2 }), question('nope.example.org.'), record(Buffer.from([0xc0, 12]), TYPE.A, Buffer.from([192, 0, 2, 1])), opt()]),
];

function rawBytes(rng: Rng): Buffer {
  const b = rng.bytes(rng.int(600));
  if (b.length >= 3 && rng.next() < 0.8) b[2]! &= 0x7f; // mostly queries: responses are only dropped
  return b;
}

function mutated(rng: Rng): Buffer {
  let b = Buffer.from(SEEDS[rng.int(SEEDS.length)]!);
  for (let n = 1 + rng.int(4); n > 0; n--) b[rng.int(b.length)] = rng.int(256);
  const r = rng.next();
  if (r < 0.15) b = b.subarray(0, rng.int(b.length));
  else if (r < 0.3) b = Buffer.concat([b, rng.bytes(1 + rng.int(40))]);
  return b;
}

function atom(rng: Rng, at: number): Buffer {
  switch (rng.int(7)) {
    case 0: return Buffer.concat([Buffer.from([rng.int(70)]), rng.bytes(rng.int(70))]);
    case 1: return Buffer.from([0xc0 | rng.int(4), rng.int(256)]);
    case 2: return Buffer.from([0xc0, rng.int(at + 1)]);
    case 3: return Buffer.from([0]);
    case 4: return Buffer.from([0, rng.int(256), 0, 1]);
    case 5: return opt(option(rng.int(16), rng.bytes(rng.int(12))), { udpSize: rng.int(5000) });
    default: return wire(rng.next() < 0.5 ? 'example.org.' : 'www.example.org.');
  }
}

function structured(rng: Rng): Buffer {
  const small = () => (rng.next() < 0.6 ? 0 : rng.int(4));
  const parts: Buffer[] = [header(0, { flags: rng.next() < 0.9 ? 0x0100 : rng.int(0x8000), qd: rng.next() < 0.8 ? 1 : rng.int(4), an: small(), ns: small(), ar: small() })];
  let len = 12;
  for (let n = rng.int(10); n > 0 && len < 600; n--) {
    const a = atom(rng, len);
    parts.push(a);
    len += a.length;
  }
  return Buffer.concat(parts);
}

/** Returns `count` random packets; IDs are firstId, firstId + 1, ... */
export function randomPackets(rng: Rng, count: number, firstId: number): Buffer[] {
  const makers = [rawBytes, mutated, structured];
  return Array.from({ length: count }, (_, i) => {
    const b = Buffer.from(makers[i % 3]!(rng));
    if (b.length >= 2) b.writeUInt16BE(firstId + i, 0);
    return b;
  });
}
