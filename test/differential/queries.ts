// Deterministic query set for the differential test. Every interesting name in zones/ is
// asked for every type, then random names below wildcards, below the cut and nowhere are
// added until the target count. A seeded RNG picks the 0x20 case pattern, EDNS (1232) or
// plain, and RD for each query, so a run is reproducible from its seed. A fixed set of guard
// queries (odd opcodes, classes, EDNS versions, no question, QR set) ends the list.
// ANY is asked only in the guard set: Knot answers it with one RRset (RFC 8482), so which
// RRset a server picks is compared only for a few names.
import * as dnsPacket from 'dns-packet';

/** Header and OPT variations of the guard queries. */
export type Variant = {
  opcode?: number;
  qclass?: 'IN' | 'CH' | 'ANY';
  ednsVersion?: number;
  dnssecOk?: boolean;
  /** Adds an unknown EDNS option (code 65001), which a server must ignore. */
  unknownOption?: boolean;
  noQuestion?: boolean;
  /** Sends the message with QR=1: a server must not answer a response. */
  asResponse?: boolean;
  /** Signs the query with a TSIG key neither server has (hmac-sha256, name `unknown-key.`). */
  tsig?: boolean;
};

export type Query = {
  index: number;
  qname: string;
  qtype: string;
  /** EDNS(0) UDP payload size advertised, or null for a query without OPT. */
  edns: number | null;
  rd: boolean;
  /** Why the query is in the set, for reports. */
  kind: string;
  variant?: Variant;
};

type Planned = { qname: string; qtype: string; kind: string; variant?: Variant; edns?: number | null };

/** Guard queries: each variant for each of a few names. */
const GUARD_NAMES: [string, string][] = [['example.com.', 'SOA'], ['www.example.com.', 'A'], ['nothere.example.com.', 'A'], ['example.org.', 'A']];
const GUARD_VARIANTS: { variant: Variant; edns: number | null; qtype?: string }[] = [
  { variant: { ednsVersion: 1 }, edns: 1232 },
  { variant: { dnssecOk: true }, edns: 1232 },
  { variant: { unknownOption: true }, edns: 1232 },
  { variant: { qclass: 'ANY' }, edns: 1232 },
  { variant: { qclass: 'CH' }, edns: null },
  { variant: { opcode: 1 }, edns: null },
  { variant: { opcode: 2 }, edns: 1232 },
  { variant: { opcode: 2 }, edns: null },
  { variant: { opcode: 3 }, edns: null },
  { variant: { opcode: 4 }, edns: null },
  { variant: { opcode: 5 }, edns: 1232 },
  { variant: { opcode: 6 }, edns: null },
  { variant: { noQuestion: true }, edns: null },
  { variant: { noQuestion: true }, edns: 1232 },
  { variant: { asResponse: true }, edns: null },
  { variant: {}, edns: 1232, qtype: 'ANY' },
  { variant: {}, edns: null, qtype: 'ANY' },
  { variant: {}, edns: 1232, qtype: 'AXFR' },
  { variant: {}, edns: null, qtype: 'IXFR' },
  { variant: {}, edns: null, qtype: 'TYPE253' },
  { variant: { tsig: true }, edns: null },
  { variant: { tsig: true }, edns: 1232 },
];
const CHAOS: [string, string][] = [['version.bind.', 'TXT'], ['id.server.', 'TXT'], ['hostname.bind.', 'TXT'], ['version.server.', 'TXT']];

export const QTYPES = [
  'A', 'AAAA', 'MX', 'TXT', 'SRV', 'CAA', 'NAPTR', 'SSHFP', 'TLSA', 'DS', 'PTR', 'SPF',
  'NS', 'SOA', 'CNAME', 'HINFO', 'URI', 'HTTPS',
] as const;

/** Rarer query types, asked only of ODD_NAMES: reserved type 0, DNSSEC types on unsigned zones. */
const ODD_QTYPES = ['TYPE0', 'RRSIG', 'NSEC', 'DNSKEY', 'TYPE65280'];
const ODD_NAMES = ['example.com.', 'www.example.com.', 'c1.example.com.', 'sub.example.com.', 'host.sub.example.com.',
  'b.ent.example.com.', 'x.wild.example.com.', 'nothere.example.com.', 'example.org.'];

/** Types dns-packet cannot name (it would silently encode them as type 0): their numbers. */
const NUMERIC_QTYPES: Record<string, number> = { URI: 256, HTTPS: 65, SVCB: 64 };

const COM = [
  '', 'ns1', 'mail', 'www', 'www.mixed', 'upper.case.owner', 'txt', 'ttl60', '_sip._tcp', '_sip._udp',
  'sip', 'naptr', 'ssh', '_443._tcp.www', 'ptr', 'mx-wild', 'mx-cname', 'mx-glue', 'mx-none', 'mx-multi',
  'c1', 'c2', 'c3', 'c-short', 'ext', 'other', 'other-chain', 'tosub', 'tonods', 'tomissing', 'tomissing2',
  'c-missing', 'towild', 'toent', 'toapex', 'loop1', 'loop2', 'self', 'host.wild', 'sub.host.wild',
  'a.b.ent', 'deep.d.c.b.a', 'mid', 'big', 'many',
];
const COM_CUT = ['sub', 'ns1.sub', 'ns2.sub', 'host.sub', 'a.b.sub', 'nods', 'x.nods', 'sibling', 'x.sibling'];
const COM_ENT = ['b.ent', 'ent', 'd.c.b.a', 'c.b.a', 'b.a', 'a', '_tcp', '_udp', '_tcp.www', 'case.owner', 'owner', 'mixed'];
const COM_WILD = [
  '*.wild', 'random.wild', 'a.b.wild', 'x.cwild', 'x.cwild-ext', 'x.cwild-chain', 'zz.ent', 'y.mixed-wild',
  'x.host.wild', 'x.b.ent', 'wild', 'cwild', '*.ent', 'x.x.cwild',
];
const COM_MISSING = ['nothere', 'missing', 'x.www', 'www2', 'x.mail', 'a.b.c.d.e', 'x.deep.d.c.b.a', '_tcp.sip'];
const NET = ['', 'ns2', 'ns', 'www', 'mail2', 'sip', 'c1', 'missing'];
const REV = ['', '1', '80', '81', '25', '130', '128/26', 'x.128/26', '99', 'x.99'];
const REFUSED = ['example.org.', 'www.example.org.', 'com.', '.', 'in-addr.arpa.', 'xexample.com.'];

const abs = (rel: string, origin: string): string => (rel === '' ? origin : `${rel}.${origin}`);

export { seededRng } from '../helpers/rng.ts';
import { seededRng } from '../helpers/rng.ts';

/** Returns name with each letter's case flipped at random (DNS 0x20). */
function mixCase(name: string, rng: () => number): string {
  return [...name].map((c) => (rng() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
}

function randomLabel(rng: () => number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-';
  const len = 1 + Math.floor(rng() * 12);
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(rng() * (i === 0 ? 36 : alphabet.length))];
  return s;
}

/** Returns `count` (at least the exhaustive part) deterministic queries. */
export function generateQueries(count: number, seed = 20240601): Query[] {
  const rng = seededRng(seed);
  const base: { qname: string; kind: string }[] = [
    ...COM.map((n) => ({ qname: abs(n, 'example.com.'), kind: 'existing' })),
    ...COM_CUT.map((n) => ({ qname: abs(n, 'example.com.'), kind: 'delegation' })),
    ...COM_ENT.map((n) => ({ qname: abs(n, 'example.com.'), kind: 'empty-non-terminal' })),
    ...COM_WILD.map((n) => ({ qname: abs(n, 'example.com.'), kind: 'wildcard' })),
    ...COM_MISSING.map((n) => ({ qname: abs(n, 'example.com.'), kind: 'missing' })),
    ...NET.map((n) => ({ qname: abs(n, 'example.net.'), kind: 'second-zone' })),
    ...REV.map((n) => ({ qname: abs(n, '2.0.192.in-addr.arpa.'), kind: 'reverse-zone' })),
    ...REFUSED.map((n) => ({ qname: n, kind: 'not-served' })),
  ];
  const plan: Planned[] = [];
  for (const b of base) for (const t of QTYPES) plan.push({ ...b, qtype: t });
  for (const qname of ODD_NAMES) for (const t of ODD_QTYPES) plan.push({ qname, qtype: t, kind: 'odd-type' });
  const randomParents: [string, string][] = [
    ['wild.example.com.', 'below-wildcard'], ['cwild.example.com.', 'below-wildcard'],
    ['cwild-chain.example.com.', 'below-wildcard'], ['ent.example.com.', 'below-wildcard'],
    ['mixed-wild.example.com.', 'below-wildcard'], ['sub.example.com.', 'below-cut'],
    ['nods.example.com.', 'below-cut'], ['example.com.', 'random-missing'],
    ['b.ent.example.com.', 'below-ent'], ['example.net.', 'random-missing'],
  ];
  const common = ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'DS', 'SRV'];
  while (plan.length < count) {
    const [parent, kind] = randomParents[Math.floor(rng() * randomParents.length)]!;
    const depth = rng() < 0.2 ? 2 : 1;
    let name = parent;
    for (let i = 0; i < depth; i++) name = `${randomLabel(rng)}.${name}`;
    const qtype = rng() < 0.7 ? common[Math.floor(rng() * common.length)]! : QTYPES[Math.floor(rng() * QTYPES.length)]!;
    plan.push({ qname: name, qtype, kind });
  }
  for (const g of GUARD_VARIANTS) {
    for (const [qname, qtype] of GUARD_NAMES) plan.push({ qname, qtype: g.qtype ?? qtype, kind: 'guard', variant: g.variant, edns: g.edns });
  }
  for (const [qname, qtype] of CHAOS) {
    for (const edns of [null, 1232]) plan.push({ qname, qtype, kind: 'guard', variant: { qclass: 'CH' }, edns });
  }
  return plan.map((p, index) => {
    const q: Query = {
      index,
      qname: rng() < 0.5 ? mixCase(p.qname, rng) : p.qname,
      qtype: p.qtype,
      edns: pickEdns(rng()),
      rd: rng() < 0.5,
      kind: p.kind,
    };
    if (p.edns !== undefined) q.edns = p.edns;
    if (p.variant) q.variant = p.variant;
    return q;
  });
}

/** Returns an EDNS OPT pseudo-record advertising the given UDP payload size. */
function optRecord(udpPayloadSize: number, v: Variant): dnsPacket.OptAnswer {
  return {
    type: 'OPT', name: '.', udpPayloadSize, extendedRcode: 0, ednsVersion: v.ednsVersion ?? 0,
    flags: v.dnssecOk ? dnsPacket.DNSSEC_OK : 0, flag_do: v.dnssecOk ?? false,
    options: v.unknownOption ? [{ code: 65001, data: Buffer.from('signpost') } as unknown as dnsPacket.PacketOpt] : [],
  };
}

/** Returns the numeric type for qtype when dns-packet cannot encode it by name, else null. */
function numericQtype(qtype: string): number | null {
  const m = /^TYPE(\d+)$/.exec(qtype);
  if (m) return Number(m[1]);
  return NUMERIC_QTYPES[qtype] ?? null;
}

/** Most queries advertise 1232 octets (DNS Flag Day 2020); some 512 or 4096; a quarter send no OPT. */
function pickEdns(x: number): number | null {
  if (x < 0.25) return null;
  if (x < 0.35) return 512;
  if (x < 0.45) return 4096;
  return 1232;
}

/** Returns the wire form of q (built by dns-packet), with message ID = index mod 65536. */
export function encodeQuery(q: Query): Buffer {
  const name = q.qname === '.' ? '.' : q.qname.replace(/\.$/, '');
  const numeric = numericQtype(q.qtype);
  const v = q.variant ?? {};
  const wire = dnsPacket.encode({
    type: v.asResponse ? 'response' : 'query',
    id: q.index & 0xffff,
    flags: (q.rd ? dnsPacket.RECURSION_DESIRED : 0) | ((v.opcode ?? 0) << 11),
    questions: v.noQuestion ? [] : [{ type: numeric === null ? q.qtype as dnsPacket.RecordType : 'A', class: v.qclass ?? 'IN', name }],
    additionals: q.edns === null ? [] : [optRecord(q.edns, v)],
  });
  if (numeric !== null && !v.noQuestion) {
    // QTYPE sits right after the (uncompressed) QNAME, which starts at offset 12.
    let off = 12;
    while (wire[off] !== 0) off += wire[off]! + 1;
    wire.writeUInt16BE(numeric, off + 1);
  }
  return v.tsig ? withUnknownKeyTsig(wire) : wire;
}

/**
 * Appends a TSIG record (RFC 8945 4.2) for a key no server here has: key `unknown-key.`,
 * hmac-sha256, a fixed time (a server answering BADKEY copies it), a MAC of 32 zero bytes.
 */
function withUnknownKeyTsig(wire: Buffer): Buffer {
  const name = (text: string) => Buffer.concat([...text.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);
  const fixed = Buffer.alloc(10);
  fixed.writeUIntBE(1_700_000_000, 0, 6);
  fixed.writeUInt16BE(300, 6);
  fixed.writeUInt16BE(32, 8);
  const tail = Buffer.alloc(6);
  tail.writeUInt16BE(wire.readUInt16BE(0), 0); // original ID
  const rdata = Buffer.concat([name('hmac-sha256'), fixed, Buffer.alloc(32), tail]);
  const head = Buffer.alloc(10);
  head.writeUInt16BE(250, 0); // TSIG
  head.writeUInt16BE(255, 2); // class ANY, TTL 0
  head.writeUInt16BE(rdata.length, 8);
  const out = Buffer.concat([wire, name('unknown-key'), head, rdata]);
  out.writeUInt16BE(out.readUInt16BE(10) + 1, 10);
  return out;
}

/** Returns a one-line description of q, including the dig command that reproduces it. */
export function describeQuery(q: Query, port?: number): string {
  const p = port === undefined ? '' : ` -p ${port}`;
  const v = q.variant ?? {};
  const marks = Object.entries(v).map(([k, x]) => `${k}=${String(x)}`).join(' ');
  const dig = [`dig @127.0.0.1${p}`, v.qclass && v.qclass !== 'IN' ? `-c ${v.qclass}` : '', q.qname, q.qtype,
    q.edns === null ? '+noedns' : `+bufsize=${q.edns}`, v.ednsVersion ? `+edns=${v.ednsVersion}` : '',
    v.dnssecOk ? '+dnssec' : '', v.opcode ? `+opcode=${v.opcode}` : '', v.unknownOption ? '+ednsopt=65001:7369676e706f7374' : '',
    v.tsig ? '-y hmac-sha256:unknown-key:AAAA' : '',
    q.rd ? '+rec' : '+norec', '+nocookie +ignore +noednsneg'].filter(Boolean).join(' ');
  const untestable = v.noQuestion || v.asResponse ? ' (dig cannot send this one)' : '';
  return `#${q.index} ${q.qname} ${q.qtype} (${q.kind}${q.edns === null ? ', no EDNS' : `, EDNS ${q.edns}`}${q.rd ? ', RD' : ''}${marks ? `, ${marks}` : ''})`
    + `  ${dig}${untestable}`;
}
