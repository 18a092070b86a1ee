/**
 * Address blocks (CIDR) and addresses as bytes: parsing, the canonical text form, containment.
 * A VPC's blocks decide which query sources are inside it (server/views.ts); the EC2 API and
 * `signpost vpc` validate blocks with the same parser.
 */
import { formatIPv6, parseIPv4, parseIPv6 } from '../dns/rdata/presentation.ts';

/** An address block: family, network bytes (host bits zero) and prefix length. */
export type Cidr = { family: 4 | 6; bytes: Uint8Array; prefix: number };

/** An address as bytes. */
export type Address = { family: 4 | 6; bytes: Uint8Array };

/** Returns the address `text` as bytes ('::ffff:192.0.2.1' counts as IPv4), or undefined. */
export function parseAddress(text: string): Address | undefined {
  try {
    if (!text.includes(':')) return { family: 4, bytes: Uint8Array.from(parseIPv4(text)) };
    const zone = text.indexOf('%'); // a link-local source may carry a scope (fe80::1%eth0)
    const b = Uint8Array.from(parseIPv6(zone < 0 ? text : text.slice(0, zone)));
    const mapped = b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
    return mapped ? { family: 4, bytes: b.slice(12) } : { family: 6, bytes: b };
  } catch {
    return undefined;
  }
}

/**
 * Parses `ADDRESS/PREFIX`; throws an Error saying what is wrong. Host bits are cleared, as EC2
 * does ('10.1.2.3/16' is the block 10.1.0.0/16).
 */
export function parseCidr(text: string): Cidr {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!m) throw new Error(`"${text}" is not a CIDR block (ADDRESS/PREFIX)`);
  const addr = text.includes(':') ? safe(() => ({ family: 6 as const, bytes: Uint8Array.from(parseIPv6(m[1]!)) }))
    : safe(() => ({ family: 4 as const, bytes: Uint8Array.from(parseIPv4(m[1]!)) }));
  if (!addr) throw new Error(`"${text}" is not a CIDR block: "${m[1]}" is not an IP address`);
  const prefix = Number(m[2]);
  const max = addr.family === 4 ? 32 : 128;
  if (prefix > max) throw new Error(`"${text}": the prefix length must be at most ${max}`);
  return canonical({ family: addr.family, bytes: addr.bytes, prefix });
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** The mask byte at index `i` for a prefix length. */
function maskByte(prefix: number, i: number): number {
  const bits = Math.max(0, Math.min(8, prefix - i * 8));
  return (0xff << (8 - bits)) & 0xff;
}

function canonical(c: Cidr): Cidr {
  return { ...c, bytes: c.bytes.map((b, i) => b & maskByte(c.prefix, i)) };
}

/** Returns the text form: dotted quad or RFC 5952 IPv6, then /prefix. */
export function formatCidr(c: Cidr): string {
  return c.family === 4 ? `${c.bytes.join('.')}/${c.prefix}` : `${formatIPv6(c.bytes)}/${c.prefix}`;
}

/** True when `addr` lies inside `c`. */
export function cidrContains(c: Cidr, addr: Address): boolean {
  if (c.family !== addr.family) return false;
  const full = c.prefix >> 3;
  for (let i = 0; i < full; i++) if (addr.bytes[i] !== c.bytes[i]) return false;
  const rest = c.prefix & 7;
  if (rest === 0) return true;
  const mask = maskByte(c.prefix, full);
  return (addr.bytes[full]! & mask) === c.bytes[full];
}

/** True when the two blocks share any address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  const shorter = a.prefix <= b.prefix ? a : b;
  const longer = shorter === a ? b : a;
  return cidrContains(shorter, { family: longer.family, bytes: longer.bytes });
}
