/**
 * Field kinds: the building blocks that record-type descriptors are made of. Each kind knows its
 * presentation form (RFC 1035 5.1 and the type's RFC) and its wire form.
 *
 * Shared contract:
 * - Canonical rdata is the uncompressed wire form (`Uint8Array`); names inside it keep their case.
 * - `fromText` consumes tokens from a cursor; `fromWire` reads from a message (names in rdata may
 *   be compressed there) and appends canonical bytes to `out`; `toText` reads canonical bytes.
 * - Text errors throw TextError, wire errors WireError with the message offset.
 */
import { nameFromText, nameToText, readName, type Name } from '../name.ts';
import { rrTypeFromString, rrTypeToString } from '../constants.ts';
import { TextError, WireError } from '../wire-error.ts';

/** One presentation token: its raw text (escapes not yet resolved) and whether it was quoted. */
export type Token = { text: string; quoted: boolean };

/** A cursor over the tokens of one record's rdata. */
export type TextCursor = { tokens: Token[]; i: number; origin: Name | undefined };

/** A cursor over canonical or message bytes. */
export type ByteCursor = { buf: Uint8Array; pos: number; end: number; msg: Uint8Array };

/** Appends bytes to a growing array of chunks. */
export type Sink = number[];

export type FieldKind =
  | 'u8' | 'u16' | 'u32' | 'period' | 'time' | 'type'
  | 'name' | 'cname' // 'cname' = a name that may be compressed on output (RFC 1035 types only)
  | 'ipv4' | 'ipv6'
  | 'string' | 'strings'
  | 'hex' | 'base64' | 'bitmap' | 'svcparams' | 'caa-tag' | 'caa-value';

export type Field = { name: string; kind: FieldKind };

export function nextToken(c: TextCursor, what: string): Token {
  const t = c.tokens[c.i++];
  if (t === undefined) throw new TextError(`missing ${what}`);
  return t;
}

function parseUint(text: string, max: number, what: string): number {
  if (!/^\d+$/.test(text)) throw new TextError(`${what} "${text}" is not a number`);
  const n = Number(text);
  if (n > max) throw new TextError(`${what} ${text} is out of range (0-${max})`);
  return n;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses a TTL-like period: plain seconds or BIND-style units (1h30m). */
export function parsePeriod(text: string, what = 'period'): number {
  if (/^\d+$/.test(text)) return parseUint(text, 0xffffffff, what);
  const m = text.toLowerCase().match(/^(\d+[smhdw])+$/);
  if (!m) throw new TextError(`${what} "${text}" is not a number of seconds`);
  let total = 0;
  for (const part of text.toLowerCase().matchAll(/(\d+)([smhdw])/g)) {
    total += Number(part[1]) * UNITS[part[2]!]!;
  }
  if (total > 0xffffffff) throw new TextError(`${what} ${text} is out of range`);
  return total;
}

/** Resolves RFC 1035 escapes in a character-string token to bytes (at most 255). */
export function textToBytes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c === 0x5c) {
      const next = text.charCodeAt(i + 1);
      if (Number.isNaN(next)) throw new TextError('dangling backslash in string');
      if (next >= 0x30 && next <= 0x39) {
        const digits = text.substring(i + 1, i + 4);
        if (!/^\d{3}$/.test(digits) || Number(digits) > 255) throw new TextError(`bad \\DDD escape in "${text}"`);
        c = Number(digits);
        i += 3;
      } else {
        c = next;
        i += 1;
      }
      out.push(c);
    } else if (c < 0x80) {
      out.push(c);
    } else {
      for (const b of new TextEncoder().encode(text[i]!)) out.push(b);
    }
  }
  return out;
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

function need(c: ByteCursor, n: number, what: string): void {
  if (c.pos + n > c.end) throw new WireError(`${what} runs past the end of the rdata`, c.pos);
}

function restTokens(c: TextCursor): string {
  let s = '';
  while (c.i < c.tokens.length) s += c.tokens[c.i++]!.text;
  return s;
}

function pushU16(out: Sink, v: number): void { out.push(v >> 8, v & 0xff); }
function pushU32(out: Sink, v: number): void { out.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff); }

function parseIPv4(text: string): number[] {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) {
    throw new TextError(`"${text}" is not an IPv4 address`);
  }
  return parts.map(Number);
}

/** Parses an IPv6 address (with :: and an optional dotted IPv4 tail) into 16 bytes. */
export function parseIPv6(text: string): number[] {
  const bad = () => new TextError(`"${text}" is not an IPv6 address`);
  if (!/^[0-9a-fA-F:.]+$/.test(text)) throw bad();
  let head = text;
  let v4: number[] = [];
  const lastColon = text.lastIndexOf(':');
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

/** Returns YYYYMMDDHHmmSS for seconds since the epoch (RFC 4034 3.2). */
function formatTime(t: number): string {
  const d = new Date(t * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

function parseTime(text: string): number {
  if (/^\d{14}$/.test(text)) {
    const ms = Date.UTC(+text.slice(0, 4), +text.slice(4, 6) - 1, +text.slice(6, 8), +text.slice(8, 10), +text.slice(10, 12), +text.slice(12, 14));
    return Math.floor(ms / 1000) >>> 0;
  }
  return parseUint(text, 0xffffffff, 'time');
}

function parseBitmap(types: number[]): number[] {
  const out: number[] = [];
  const sorted = [...new Set(types)].sort((a, b) => a - b);
  let win = -1;
  let bits: number[] = [];
  const flush = () => {
    if (win < 0) return;
    let len = bits.length;
    while (len > 0 && bits[len - 1] === 0) len--;
    out.push(win, len, ...bits.slice(0, len));
  };
  for (const t of sorted) {
    const w = t >> 8;
    if (w !== win) { flush(); win = w; bits = new Array<number>(32).fill(0); }
    bits[(t & 0xff) >> 3]! |= 0x80 >> (t & 7);
  }
  flush();
  return out;
}

function bitmapTypes(b: Uint8Array): number[] {
  const types: number[] = [];
  for (let i = 0; i + 2 <= b.length;) {
    const win = b[i]!, len = b[i + 1]!;
    for (let j = 0; j < len; j++) {
      const byte = b[i + 2 + j]!;
      for (let k = 0; k < 8; k++) if (byte & (0x80 >> k)) types.push((win << 8) | (j * 8 + k));
    }
    i += 2 + len;
  }
  return types;
}

export type FieldCodec = {
  fromText(c: TextCursor, out: Sink): void;
  fromWire(c: ByteCursor, out: Sink): void;
  toText(c: ByteCursor): string;
};

const fixed = (n: number, max: number, what: string, period = false): FieldCodec => ({
  fromText(c, out) {
    const t = nextToken(c, what).text;
    const v = period ? parsePeriod(t, what) : parseUint(t, max, what);
    if (n === 1) out.push(v); else if (n === 2) pushU16(out, v); else pushU32(out, v);
  },
  fromWire(c, out) {
    need(c, n, what);
    for (let i = 0; i < n; i++) out.push(c.buf[c.pos + i]!);
    c.pos += n;
  },
  toText(c) {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + c.buf[c.pos + i]!;
    c.pos += n;
    return String(v);
  },
});

const nameField: FieldCodec = {
  fromText(c, out) {
    const t = nextToken(c, 'name').text;
    const name = t === '@' && c.origin ? c.origin : nameFromText(t, c.origin);
    for (const b of name) out.push(b);
  },
  fromWire(c, out) {
    if (c.pos >= c.end) throw new WireError('name runs past the end of the rdata', c.pos);
    const { name, end } = readName(c.msg, c.pos);
    if (end > c.end) throw new WireError('name runs past the end of the rdata', c.pos);
    for (const b of name) out.push(b);
    c.pos = end;
  },
  toText(c) {
    const { name, end } = readName(c.buf, c.pos);
    c.pos = end;
    return nameToText(name);
  },
};

const rawRest = (what: string, parse: (s: string) => number[], format: (b: Uint8Array) => string, allowEmpty = true): FieldCodec => ({
  fromText(c, out) {
    const s = restTokens(c);
    if (!allowEmpty && s.length === 0) throw new TextError(`missing ${what}`);
    for (const b of parse(s)) out.push(b);
  },
  fromWire(c, out) {
    for (let i = c.pos; i < c.end; i++) out.push(c.buf[i]!);
    c.pos = c.end;
  },
  toText(c) {
    const s = format(c.buf.subarray(c.pos, c.end));
    c.pos = c.end;
    return s;
  },
});

function parseHex(s: string): number[] {
  if (s === '-') return [];
  if (!/^([0-9a-fA-F]{2})*$/.test(s)) throw new TextError(`"${s}" is not an even number of hex digits`);
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 2) out.push(parseInt(s.substring(i, i + 2), 16));
  return out;
}

function parseBase64(s: string): number[] {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new TextError(`"${s.slice(0, 40)}" is not base64`);
  return [...Buffer.from(s, 'base64')];
}

function readCharString(c: ByteCursor, out: Sink | undefined): Uint8Array {
  need(c, 1, 'character-string');
  const len = c.buf[c.pos]!;
  need(c, 1 + len, 'character-string');
  const bytes = c.buf.subarray(c.pos + 1, c.pos + 1 + len);
  if (out) for (let i = 0; i <= len; i++) out.push(c.buf[c.pos + i]!);
  c.pos += 1 + len;
  return bytes;
}

function writeCharString(text: string, out: Sink): void {
  const bytes = textToBytes(text);
  if (bytes.length > 255) throw new TextError('character-string longer than 255 bytes');
  out.push(bytes.length, ...bytes);
}

const stringField: FieldCodec = {
  fromText(c, out) { writeCharString(nextToken(c, 'string').text, out); },
  fromWire(c, out) { readCharString(c, out); },
  toText(c) { return bytesToQuoted(readCharString(c, undefined)); },
};

const stringsField: FieldCodec = {
  fromText(c, out) {
    if (c.i >= c.tokens.length) throw new TextError('missing text');
    while (c.i < c.tokens.length) writeCharString(c.tokens[c.i++]!.text, out);
  },
  fromWire(c, out) {
    if (c.pos >= c.end) throw new WireError('empty TXT rdata', c.pos);
    while (c.pos < c.end) readCharString(c, out);
  },
  toText(c) {
    const parts: string[] = [];
    while (c.pos < c.end) parts.push(bytesToQuoted(readCharString(c, undefined)));
    return parts.join(' ');
  },
};

const ipv4Field: FieldCodec = {
  fromText(c, out) { out.push(...parseIPv4(nextToken(c, 'IPv4 address').text)); },
  fromWire(c, out) { need(c, 4, 'IPv4 address'); for (let i = 0; i < 4; i++) out.push(c.buf[c.pos++]!); },
  toText(c) { const b = c.buf; const p = c.pos; c.pos += 4; return `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}`; },
};

const ipv6Field: FieldCodec = {
  fromText(c, out) { out.push(...parseIPv6(nextToken(c, 'IPv6 address').text)); },
  fromWire(c, out) { need(c, 16, 'IPv6 address'); for (let i = 0; i < 16; i++) out.push(c.buf[c.pos++]!); },
  toText(c) { const s = formatIPv6(c.buf.subarray(c.pos, c.pos + 16)); c.pos += 16; return s; },
};

const typeField: FieldCodec = {
  fromText(c, out) {
    const t = nextToken(c, 'type').text;
    const v = rrTypeFromString(t);
    if (v === undefined) throw new TextError(`unknown type "${t}"`);
    pushU16(out, v);
  },
  fromWire: fixed(2, 0xffff, 'type').fromWire,
  toText(c) { const v = (c.buf[c.pos]! << 8) | c.buf[c.pos + 1]!; c.pos += 2; return rrTypeToString(v); },
};

const timeField: FieldCodec = {
  fromText(c, out) { pushU32(out, parseTime(nextToken(c, 'time').text)); },
  fromWire: fixed(4, 0xffffffff, 'time').fromWire,
  toText(c) {
    const v = ((c.buf[c.pos]! << 24) >>> 0) + (c.buf[c.pos + 1]! << 16) + (c.buf[c.pos + 2]! << 8) + c.buf[c.pos + 3]!;
    c.pos += 4;
    return formatTime(v);
  },
};

const bitmapField: FieldCodec = {
  fromText(c, out) {
    const types: number[] = [];
    while (c.i < c.tokens.length) {
      const t = c.tokens[c.i++]!.text;
      const v = rrTypeFromString(t);
      if (v === undefined) throw new TextError(`unknown type "${t}" in type bitmap`);
      types.push(v);
    }
    out.push(...parseBitmap(types));
  },
  fromWire(c, out) {
    let last = -1;
    while (c.pos < c.end) {
      need(c, 2, 'type bitmap window');
      const win = c.buf[c.pos]!, len = c.buf[c.pos + 1]!;
      if (win <= last || len < 1 || len > 32) throw new WireError('bad type bitmap window', c.pos);
      need(c, 2 + len, 'type bitmap');
      for (let i = 0; i < 2 + len; i++) out.push(c.buf[c.pos + i]!);
      last = win;
      c.pos += 2 + len;
    }
  },
  toText(c) {
    const s = bitmapTypes(c.buf.subarray(c.pos, c.end)).map(rrTypeToString).join(' ');
    c.pos = c.end;
    return s;
  },
};

const caaTagField: FieldCodec = {
  fromText(c, out) {
    const t = nextToken(c, 'CAA tag').text;
    if (!/^[A-Za-z0-9]{1,255}$/.test(t)) throw new TextError(`CAA tag "${t}" must be letters and digits`);
    out.push(t.length, ...[...t].map((ch) => ch.charCodeAt(0)));
  },
  fromWire(c, out) {
    const tag = readCharString(c, out);
    if (tag.length === 0) throw new WireError('empty CAA tag', c.pos);
  },
  toText(c) { return new TextDecoder('latin1').decode(readCharString(c, undefined)); },
};

const caaValueField: FieldCodec = {
  fromText(c, out) { out.push(...textToBytes(nextToken(c, 'CAA value').text)); },
  fromWire: rawRest('CAA value', parseHex, () => '').fromWire,
  toText(c) { const s = bytesToQuoted(c.buf.subarray(c.pos, c.end)); c.pos = c.end; return s; },
};

/** Codecs by kind; `svcparams` is registered by the SVCB module. */
export const fieldCodecs: Partial<Record<FieldKind, FieldCodec>> = {
  u8: fixed(1, 0xff, 'number'),
  u16: fixed(2, 0xffff, 'number'),
  u32: fixed(4, 0xffffffff, 'number'),
  period: fixed(4, 0xffffffff, 'period', true),
  time: timeField,
  type: typeField,
  name: nameField,
  cname: nameField,
  ipv4: ipv4Field,
  ipv6: ipv6Field,
  string: stringField,
  strings: stringsField,
  hex: rawRest('hex data', parseHex, (b) => Buffer.from(b).toString('hex').toUpperCase()),
  base64: rawRest('base64 data', parseBase64, (b) => Buffer.from(b).toString('base64')),
  bitmap: bitmapField,
  'caa-tag': caaTagField,
  'caa-value': caaValueField,
};
