/**
 * CIDR blocks as a CIDR collection takes them (route53.md 5, "CIDR collections"): IPv4 /1 to
 * /24, IPv6 /1 to /48, no host bits, never 0.0.0.0/0 or ::/0 (the `*` location is the default).
 * Blocks are kept in one canonical text form, so that one block is always spelled one way:
 * IPv4 dotted quad, IPv6 as RFC 5952 (lower case, longest zero run as ::).
 */
import { formatIPv6, parseIPv4, parseIPv6 } from '../../dns/rdata/presentation.ts';

/** Longest prefixes Route 53 accepts in a collection, per family. */
export const MAX_PREFIX = { 4: 24, 6: 48 } as const;

/** A parsed block: its family, network bytes, prefix length and canonical text. */
export type CidrBlock = { family: 4 | 6; bytes: number[]; prefix: number; text: string };

/** The reason a text is not a block a collection takes, or the block. */
export type CidrParse = { ok: true; block: CidrBlock } | { ok: false; reason: string };

/** Parses `text` (`address/prefix`) into a canonical block, or says why it is refused. */
export function parseCidrBlock(text: string): CidrParse {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const len = slash < 0 ? '' : text.slice(slash + 1);
  const family = addr.includes(':') ? 6 : 4;
  let bytes: number[];
  try {
    bytes = family === 4 ? parseIPv4(addr) : parseIPv6(addr);
  } catch {
    return { ok: false, reason: `'${text}' is not a CIDR block (an IPv4 or IPv6 address, a slash and a prefix length)` };
  }
  if (!/^(0|[1-9]\d{0,2})$/.test(len)) return { ok: false, reason: `'${text}' has no prefix length (write it as ${addr}/N)` };
  const prefix = Number(len);
  if (prefix === 0) return { ok: false, reason: `'${text}' covers every address; use the default location '*' in the record set instead` };
  if (prefix > MAX_PREFIX[family]) return { ok: false, reason: `'${text}' is longer than /${MAX_PREFIX[family]}, the longest IPv${family} prefix a CIDR collection takes` };
  const network = masked(bytes, prefix);
  const canonical = `${format(family, network)}/${prefix}`;
  if (network.some((b, i) => b !== bytes[i])) return { ok: false, reason: `'${text}' has host bits set; the block is ${canonical}` };
  return { ok: true, block: { family, bytes: network, prefix, text: canonical } };
}

/** Returns `bytes` with every bit after the first `prefix` cleared. */
function masked(bytes: number[], prefix: number): number[] {
  return bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
}

function format(family: 4 | 6, bytes: number[]): string {
  return family === 4 ? bytes.join('.') : formatIPv6(Uint8Array.from(bytes));
}
