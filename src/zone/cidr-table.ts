/**
 * A longest-prefix table over the CIDR blocks of a CIDR collection's locations (IP-based
 * routing). Blocks are at most /24 (IPv4) and /48 (IPv6) (route53.md 5), so a masked prefix fits a
 * double exactly and each prefix length is one Map lookup: a query costs at most one lookup per
 * distinct length in the collection, with no allocation.
 */

/** The table: per family, the lengths present (longest first) and masked prefix -> value. */
export type CidrTable = {
  v4: { lengths: number[]; maps: Map<number, number>[] };
  v6: { lengths: number[]; maps: Map<number, number>[] };
};


/** Returns the first `bits` bits of `address` (4 or 16 bytes) as a number (bits <= 48). */
export function maskedPrefix(address: Uint8Array, bits: number): number {
  let n = 0;
  let left = bits;
  for (let i = 0; left > 0; i++) {
    const take = left >= 8 ? 8 : left;
    const byte = address[i]! >> (8 - take);
    n = n * (1 << take) + byte;
    left -= take;
  }
  return n;
}

/** Parses "192.0.2.0/24" or "2001:db8::/32" into family, address bytes and length; undefined when malformed. */
export function parseCidr(text: string): { family: 4 | 6; address: Uint8Array; length: number } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const length = Number(text.slice(slash + 1));
  const addr = text.slice(0, slash);
  const bytes = parseIp(addr);
  if (!bytes || !Number.isInteger(length) || length < 0 || length > bytes.length * 8) return undefined;
  return { family: bytes.length === 4 ? 4 : 6, address: bytes, length };
}

/** Parses a textual IPv4 or IPv6 address into bytes; undefined when malformed. */
export function parseIp(text: string): Uint8Array | undefined {
  if (!text.includes(':')) {
    const parts = text.split('.');
    if (parts.length !== 4) return undefined;
    const out = new Uint8Array(4);
    for (let i = 0; i < 4; i++) {
      const p = parts[i]!;
      if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
      out[i] = Number(p);
    }
    return out;
  }
  let head = text;
  let v4: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    v4 = parseIp(text.slice(lastColon + 1));
    if (!v4) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const words = (s: string) => (s === '' ? [] : s.split(':'));
  const left = words(halves[0]!);
  const right = halves.length === 2 ? words(halves[1]!) : [];
  const total = left.length + right.length;
  if ((halves.length === 1 && total !== 8) || total > 8 || (halves.length === 2 && total > 7)) return undefined;
  const all = [...left, ...new Array<string>(8 - total).fill('0'), ...right];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const w = all[i]!;
    if (!/^[0-9a-fA-F]{1,4}$/.test(w)) return undefined;
    const n = parseInt(w, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  }
  if (v4) out.set(v4, 12);
  return out;
}

/** Builds a table from blocks; later blocks with the same prefix keep the first value. */
export function buildCidrTable(blocks: { cidr: string; value: number }[]): CidrTable {
  const t: CidrTable = { v4: { lengths: [], maps: [] }, v6: { lengths: [], maps: [] } };
  for (const b of blocks) {
    const c = parseCidr(b.cidr);
    if (!c || c.length > 48) continue; // the API admits only /1-/24 and /1-/48
    const side = c.family === 4 ? t.v4 : t.v6;
    let i = side.lengths.indexOf(c.length);
    if (i < 0) {
      side.lengths.push(c.length);
      side.maps.push(new Map());
      i = side.lengths.length - 1;
    }
    const key = maskedPrefix(c.address, c.length);
    if (!side.maps[i]!.has(key)) side.maps[i]!.set(key, b.value);
  }
  for (const side of [t.v4, t.v6]) {
    const order = side.lengths.map((l, i) => [l, i] as const).sort((a, b) => b[0] - a[0]);
    side.maps = order.map(([, i]) => side.maps[i]!);
    side.lengths = order.map(([l]) => l);
  }
  return t;
}

/**
 * Returns the longest block containing `address` whose length is at most `sourcePrefix` (a client
 * subnet shorter than a block does not match it, route53.md 5), packed as value * 256 + block
 * length (no allocation on the query path), or -1.
 */
export function matchCidr(t: CidrTable, family: 4 | 6, address: Uint8Array, sourcePrefix: number): number {
  const side = family === 4 ? t.v4 : t.v6;
  for (let i = 0; i < side.lengths.length; i++) {
    const len = side.lengths[i]!;
    if (len > sourcePrefix) continue;
    const v = side.maps[i]!.get(maskedPrefix(address, len));
    if (v !== undefined) return v * 256 + len;
  }
  return -1;
}
