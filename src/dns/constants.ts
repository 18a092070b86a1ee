/**
 * DNS protocol constants (RFC 1035 and successors), as `as const` objects with reverse maps.
 * Shared contract: numbers are the on-the-wire values; mnemonics follow the IANA registries.
 */

/** Resource record types this codec knows by name. */
export const RRType = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, HINFO: 13, MX: 15, TXT: 16, AAAA: 28, SRV: 33,
  NAPTR: 35, DS: 43, SSHFP: 44, RRSIG: 46, NSEC: 47, DNSKEY: 48, TLSA: 52, SVCB: 64,
  HTTPS: 65, SPF: 99, OPT: 41, IXFR: 251, AXFR: 252, ANY: 255, CAA: 257,
} as const;
export type RRTypeName = keyof typeof RRType;

const typeNames = new Map<number, string>(Object.entries(RRType).map(([k, v]) => [v, k]));

/** Returns the mnemonic of a type, or TYPEnnn (RFC 3597) when it has none. */
export function rrTypeToString(type: number): string {
  return typeNames.get(type) ?? `TYPE${type}`;
}

/** Returns the numeric type for a mnemonic or TYPEnnn, or undefined. */
export function rrTypeFromString(text: string): number | undefined {
  const upper = text.toUpperCase();
  const known = (RRType as Record<string, number>)[upper];
  if (known !== undefined) return known;
  const m = /^TYPE(\d{1,5})$/.exec(upper);
  if (m) {
    const n = Number(m[1]);
    if (n <= 0xffff) return n;
  }
  return undefined;
}

/** Classes (RFC 1035 3.2.4, RFC 2136). */
export const RRClass = { IN: 1, CH: 3, HS: 4, NONE: 254, ANY: 255 } as const;

const classNames = new Map<number, string>(Object.entries(RRClass).map(([k, v]) => [v, k]));

/** Returns the mnemonic of a class, or CLASSnnn. */
export function rrClassToString(cls: number): string {
  return classNames.get(cls) ?? `CLASS${cls}`;
}

/** Returns the numeric class for a mnemonic or CLASSnnn, or undefined. */
export function rrClassFromString(text: string): number | undefined {
  const upper = text.toUpperCase();
  const known = (RRClass as Record<string, number>)[upper];
  if (known !== undefined) return known;
  const m = /^CLASS(\d{1,5})$/.exec(upper);
  if (m) {
    const n = Number(m[1]);
    if (n <= 0xffff) return n;
  }
  return undefined;
}

/** Response codes; values above 15 need the EDNS extended RCODE (RFC 6891 6.1.3). */
export const Rcode = {
  NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, NOTAUTH: 9, BADVERS: 16,
} as const;
export type RcodeName = keyof typeof Rcode;

const rcodeNames = new Map<number, string>(Object.entries(Rcode).map(([k, v]) => [v, k]));

/** Returns the mnemonic of an rcode, or RCODEnn. */
export function rcodeToString(rcode: number): string {
  return rcodeNames.get(rcode) ?? `RCODE${rcode}`;
}

/** Opcodes (RFC 1035, RFC 1996, RFC 2136). */
export const Opcode = { QUERY: 0, IQUERY: 1, STATUS: 2, NOTIFY: 4, UPDATE: 5 } as const;

/** Header flag bits in the second 16-bit word of the header. */
export const Flag = {
  QR: 0x8000, AA: 0x0400, TC: 0x0200, RD: 0x0100, RA: 0x0080, AD: 0x0020, CD: 0x0010,
} as const;

/** EDNS option codes we understand (RFC 6891, RFC 7871, RFC 7873). */
export const EdnsOption = { CLIENT_SUBNET: 8, COOKIE: 10, PADDING: 12 } as const;

/** The DO bit in the OPT TTL field's flags (RFC 3225). */
export const EDNS_DO = 0x8000;

/** Largest name on the wire, including the root label (RFC 1035 2.3.4). */
export const MAX_NAME_WIRE = 255;
/** Largest label (RFC 1035 2.3.4). */
export const MAX_LABEL = 63;
