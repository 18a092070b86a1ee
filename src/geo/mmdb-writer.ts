/**
 * A small writer of the MaxMind DB format (https://maxmind.github.io/MaxMind-DB/), for tests:
 * no npm package writes .mmdb files, and tests must not depend on a data vendor's data. It writes
 * a binary search tree with 32-bit records, the data section and the metadata; values may be
 * strings, numbers (doubles, or unsigned integers via `{ uint: n }`), booleans, arrays and maps,
 * so both record layouts the reader understands can be built:
 *
 * - MaxMind GeoIP2/GeoLite2 City and Country: `{ continent: { code }, country: { iso_code },
 *   subdivisions: [{ iso_code }], location: { latitude, longitude } }`;
 * - ip-location-db (DB-IP lite, GeoLite2 repackaged): `{ country_code, state1, latitude, longitude }`.
 *
 * An IPv6 database files IPv4 networks under ::a.b.c.d/96+len, as MaxMind's own databases do.
 */

/** A value the writer can encode. */
export type MmdbValue = string | number | boolean | { uint: number } | MmdbValue[] | { [key: string]: MmdbValue };

/** One network of a database: CIDR text ('198.51.100.0/24', '2001:db8:1::/48') and its record. */
export type MmdbEntry = { network: string; data: MmdbValue };

/** Options: ipVersion 6 (default) holds both families; 4 holds only IPv4. */
export type MmdbOptions = { ipVersion?: 4 | 6; databaseType?: string; buildEpoch?: number };

type Node = { kids: [Slot, Slot] };
type Slot = Node | { data: number } | null;

/** Returns the bytes of a .mmdb database holding `entries` (a more specific network wins over a shorter one). */
export function writeMmdb(entries: MmdbEntry[], options: MmdbOptions = {}): Uint8Array {
  const ipVersion = options.ipVersion ?? 6;
  const data = createDataWriter();
  const root: Node = { kids: [null, null] };
  const bits = entries.map((e) => ({ ...networkBits(e.network, ipVersion), data: e.data }));
  bits.sort((a, b) => a.bits.length - b.bits.length); // shorter first, so that longer ones split them
  for (const e of bits) insert(root, e.bits, { data: data.write(e.data) });
  const nodes: Node[] = [];
  const number = new Map<Node, number>();
  const visit = (n: Node) => {
    number.set(n, nodes.length);
    nodes.push(n);
    for (const k of n.kids) if (k && 'kids' in k) visit(k);
  };
  visit(root);
  const count = nodes.length;
  const tree = new Uint8Array(count * 8);
  const view = new DataView(tree.buffer);
  nodes.forEach((n, i) => n.kids.forEach((k, side) => {
    const value = k === null ? count : 'kids' in k ? number.get(k)! : count + 16 + k.data;
    view.setUint32(i * 8 + side * 4, value);
  }));
  const meta = createDataWriter();
  meta.write({
    node_count: { uint: count }, record_size: { uint: 32 }, ip_version: { uint: ipVersion },
    database_type: options.databaseType ?? 'Signpost-Test', languages: ['en'], description: { en: 'Signpost test fixture' },
    binary_format_major_version: { uint: 2 }, binary_format_minor_version: { uint: 0 }, build_epoch: { uint: options.buildEpoch ?? 1767225600 },
  });
  const marker = [0xab, 0xcd, 0xef, ...new TextEncoder().encode('MaxMind.com')];
  return concat([tree, new Uint8Array(16), data.bytes(), new Uint8Array(marker), meta.bytes()]);
}

/** Returns the bit string of a network in a tree of `ipVersion` (IPv4 in an IPv6 tree under ::/96). */
function networkBits(cidr: string, ipVersion: 4 | 6): { bits: number[] } {
  const [addr, len] = cidr.split('/') as [string, string | undefined];
  const v4 = !addr.includes(':');
  if (!v4 && ipVersion === 4) throw new Error(`${cidr}: an IPv6 network in an IPv4 database`);
  const bytes = v4 ? addr.split('.').map(Number) : ipv6Bytes(addr);
  const prefix = len === undefined ? bytes.length * 8 : Number(len);
  const out: number[] = v4 && ipVersion === 6 ? new Array<number>(96).fill(0) : [];
  for (let i = 0; i < prefix; i++) out.push((bytes[i >> 3]! >> (7 - (i & 7))) & 1);
  return { bits: out };
}

function ipv6Bytes(text: string): number[] {
  const [head, tail] = text.split('::') as [string, string | undefined];
  const words = (s: string | undefined) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const h = words(head);
  const t = words(tail);
  const all = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((w) => [w >> 8, w & 0xff]);
}

function insert(root: Node, bits: number[], leaf: Slot): void {
  let node = root;
  bits.forEach((bit, depth) => {
    const b = bit as 0 | 1;
    if (depth === bits.length - 1) {
      node.kids[b] = leaf;
      return;
    }
    let next = node.kids[b];
    if (next === null || !('kids' in next)) next = node.kids[b] = { kids: [next, next] }; // split a shorter network
    node = next;
  });
}

/** The data section encoder (spec "Output Data Section"): a control byte, then the payload. */
function createDataWriter() {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const push = (b: Uint8Array | number[]) => {
    const u = b instanceof Uint8Array ? b : new Uint8Array(b);
    chunks.push(u);
    length += u.length;
  };
  const control = (type: number, size: number) => {
    const ext = type > 7; // extended types: type 0 in the control byte, type - 7 in the next
    const extra: number[] = [];
    let sizeBits = size;
    if (size >= 65821) { sizeBits = 31; const s = size - 65821; extra.push(s >> 16, (s >> 8) & 0xff, s & 0xff); }
    else if (size >= 285) { sizeBits = 30; const s = size - 285; extra.push(s >> 8, s & 0xff); }
    else if (size >= 29) { sizeBits = 29; extra.push(size - 29); }
    push([((ext ? 0 : type) << 5) | sizeBits, ...(ext ? [type - 7] : []), ...extra]);
  };
  const value = (v: MmdbValue): void => {
    if (typeof v === 'string') {
      const b = new TextEncoder().encode(v);
      control(2, b.length);
      push(b);
    } else if (typeof v === 'number') {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setFloat64(0, v);
      control(3, 8);
      push(b);
    } else if (typeof v === 'boolean') {
      control(14, v ? 1 : 0);
    } else if (Array.isArray(v)) {
      control(11, v.length);
      for (const item of v) value(item);
    } else if ('uint' in v && typeof v.uint === 'number') {
      const b: number[] = [];
      for (let n = v.uint; n > 0; n = Math.floor(n / 256)) b.unshift(n % 256);
      control(b.length <= 2 ? 5 : b.length <= 4 ? 6 : 9, b.length);
      push(b);
    } else {
      const map = v as { [key: string]: MmdbValue };
      const keys = Object.keys(map);
      control(7, keys.length);
      for (const k of keys) {
        value(k);
        value(map[k]!);
      }
    }
  };
  return {
    /** Appends `v` and returns its offset in the section. */
    write(v: MmdbValue): number {
      const at = length;
      value(v);
      return at;
    },
    bytes: () => concat(chunks),
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
