/**
 * Presentation-format values shared by the field kinds: numbers, periods, character-strings
 * (RFC 1035 5.1), IP addresses (RFC 5952) and DNSSEC times (RFC 4034 3.2).
 *
 * Shared contract: parsers take one token's raw text (escapes not yet resolved) and throw
 * TextError with a message that names the offending text.
 */
import { TextError } from '../wire-error.ts';

/** Returns the value of a plain decimal number no larger than `max`. */
export function parseUint(text: string, max: number, what: string): number {
  if (!/^\d+$/.test(text)) throw new TextError(`${what} "${text}" is not a number`);
  const n = Number(text);
  if (n > max) throw new TextError(`${what} ${text} is out of range (0-${max})`);
  return n;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Returns the seconds of a TTL-like period: plain seconds or BIND-style units (1h30m). */
export function parsePeriod(text: string, what = 'period'): number {
  if (/^\d+$/.test(text)) return parseUint(text, 0xffffffff, what);
  const lower = text.toLowerCase();
  if (!/^(\d+[smhdw])+$/.test(lower)) throw new TextError(`${what} "${text}" is not a number of seconds`);
  let total = 0;
  for (const part of lower.matchAll(/(\d+)([smhdw])/g)) total += Number(part[1]) * UNITS[part[2]!]!;
  if (total > 0xffffffff) throw new TextError(`${what} ${text} is out of range`);
  return total;
}

const utf8 = new TextEncoder();

/**
 * Returns the bytes of a character-string token with RFC 1035 escapes (\X, \DDD) resolved.
 * Characters outside ASCII become their UTF-8 bytes. The length is not limited here.
 */
export function textToBytes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      const next = text.charCodeAt(i + 1);
      if (Number.isNaN(next)) throw new TextError(`dangling backslash in "${text}"`);
      if (next >= 0x30 && next <= 0x39) {
        const digits = text.substring(i + 1, i + 4);
        if (!/^\d{3}$/.test(digits) || Number(digits) > 255) throw new TextError(`bad \\DDD escape in "${text}"`);
        out.push(Number(digits));
        i += 3;
      } else {
        i += pushChar(text, i + 1, out);
      }
    } else {
      i += pushChar(text, i, out) - 1;
    }
  }
  return out;
}

/** Appends the character at `i` (its UTF-8 bytes when not ASCII); returns its UTF-16 length. */
function pushChar(text: string, i: number, out: number[]): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) {
    out.push(c);
    return 1;
  }
  // Take the whole code point: an astral character is two UTF-16 units.
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  for (const b of utf8.encode(ch)) out.push(b);
  return ch.length;
}

/** Returns the quoted presentation form of character-string bytes. */
export function bytesToQuoted(bytes: Uint8Array): string {
  let s = '"';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) s += '\\' + String.fromCharCode(b);
    else if (b < 0x20 || b >= 0x7f) s += '\\' + String(b).padStart(3, '0');
    else s += String.fromCharCode(b);
  }
  return s + '"';
}

/** Returns the 4 bytes of a dotted-quad IPv4 address (no leading zeros). */
export function parseIPv4(text: string): number[] {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) {
    throw new TextError(`"${text}" is not an IPv4 address`);
  }
  return parts.map(Number);
}

/** Returns the 16 bytes of an IPv6 address (with :: and an optional dotted IPv4 tail). */
export function parseIPv6(text: string): number[] {
  const bad = () => new TextError(`"${text}" is not an IPv6 address`);
  if (!/^[0-9a-fA-F:.]+$/.test(text)) throw bad();
  let head = text;
  let v4: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0) throw bad();
  if (text.includes('.')) {
    v4 = parseIPv4(text.substring(lastColon + 1));
    head = text.substring(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) throw bad();
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const total = left.length + right.length;
  if (halves.length === 1 ? total !== 8 : total > 7) throw bad();
  const all = [...left, ...new Array<string>(8 - total).fill('0'), ...right];
  const out: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) throw bad();
    const n = parseInt(g, 16);
    out.push(n >> 8, n & 0xff);
  }
  if (v4.length) out.splice(12, 4, ...v4);
  return out;
}

/** Returns the RFC 5952 text form of 16 address bytes. */
export function formatIPv6(b: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[i]! << 8) | b[i + 1]!);
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(g);
  return hex(g.slice(0, bestStart)) + '::' + hex(g.slice(bestStart + bestLen));
}

/** Returns YYYYMMDDHHmmSS (UTC) for seconds since the epoch (RFC 4034 3.2). */
export function formatTime(t: number): string {
  const d = new Date(t * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}` +
    `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/**
 * Returns seconds since the epoch for YYYYMMDDHHmmSS or a plain number of seconds
 * (RFC 4034 3.2: exactly 14 digits means a date). The date must exist and fit in 32 bits.
 */
export function parseTime(text: string): number {
  if (!/^\d{14}$/.test(text)) return parseUint(text, 0xffffffff, 'time');
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, i) => Number(text.slice(at, i === 0 ? 4 : at + 2)));
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59) {
    throw new TextError(`time "${text}" is not a valid date`);
  }
  const t = ms / 1000;
  if (t < 0 || t > 0xffffffff) throw new TextError(`time "${text}" is outside 1970-2106`);
  return t;
}
