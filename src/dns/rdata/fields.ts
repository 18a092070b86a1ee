/**
 * Field kinds: the building blocks that record-type descriptors are made of. Each kind knows its
 * presentation form (RFC 1035 5.1 and the type's RFC) and its wire form. The shared contract is
 * stated in cursor.ts; the family files (caa.ts, svcb.ts, bitmap.ts) hold their own kinds.
 */
import { rrTypeFromString, rrTypeToString } from '../constants.ts';
import { nameFromText, nameToText, readName } from '../name.ts';
import { TextError, WireError } from '../wire-error.ts';
import { base64ToBytes, bytesToBase64, bytesToHex, hexToBytes } from './base-encoding.ts';
import { bitmapField } from './bitmap.ts';
import { caaTagField, caaValueField } from './caa.ts';
import {
  need, nextToken, pushU16, pushU32, readCharString, readUint, restTokens,
  type FieldCodec, type FieldKind, type Sink,
} from './cursor.ts';
import { bytesToQuoted, formatIPv6, formatTime, parseIPv4, parseIPv6, parsePeriod, parseTime, parseUint, textToBytes } from './presentation.ts';
import { svcParamsField } from './svcb.ts';

// Kept importable from here, where they lived before the split into cursor.ts and presentation.ts.
export type { ByteCursor, Field, FieldCodec, FieldKind, Sink, TextCursor, Token } from './cursor.ts';
export { nextToken } from './cursor.ts';
export { bytesToQuoted, formatIPv6, parseIPv6, parsePeriod, textToBytes } from './presentation.ts';

const fixed = (n: 1 | 2 | 4, max: number, what: string, period = false): FieldCodec => ({
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
    const v = readUint(c.buf, c.pos, n);
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

/**
 * Binary data to the end of the rdata, written as hex or base64 that may be split over several
 * tokens. It must not be empty, in text or on the wire, so that every accepted value prints.
 */
const binaryRest = (what: string, parse: (s: string) => Uint8Array, format: (b: Uint8Array) => string): FieldCodec => ({
  fromText(c, out) {
    const s = restTokens(c);
    if (s.length === 0) throw new TextError(`missing ${what}`);
    for (const b of parse(s)) out.push(b);
  },
  fromWire(c, out) {
    if (c.pos >= c.end) throw new WireError(`empty ${what}`, c.pos);
    for (let i = c.pos; i < c.end; i++) out.push(c.buf[i]!);
    c.pos = c.end;
  },
  toText(c) {
    const s = format(c.buf.subarray(c.pos, c.end));
    c.pos = c.end;
    return s;
  },
});

function writeCharString(text: string, out: Sink): void {
  const bytes = textToBytes(text);
  if (bytes.length > 255) throw new TextError(`character-string longer than 255 bytes: "${text.slice(0, 40)}..."`);
  out.push(bytes.length);
  for (const b of bytes) out.push(b);
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

const address = (size: 4 | 16): FieldCodec => ({
  fromText(c, out) {
    const t = nextToken(c, size === 4 ? 'IPv4 address' : 'IPv6 address').text;
    out.push(...(size === 4 ? parseIPv4(t) : parseIPv6(t)));
  },
  fromWire(c, out) {
    need(c, size, size === 4 ? 'IPv4 address' : 'IPv6 address');
    for (let i = 0; i < size; i++) out.push(c.buf[c.pos++]!);
  },
  toText(c) {
    const a = c.buf.subarray(c.pos, c.pos + size);
    c.pos += size;
    return size === 4 ? a.join('.') : formatIPv6(a);
  },
});

const typeField: FieldCodec = {
  fromText(c, out) {
    const t = nextToken(c, 'type').text;
    const v = rrTypeFromString(t);
    if (v === undefined) throw new TextError(`unknown type "${t}"`);
    pushU16(out, v);
  },
  fromWire: fixed(2, 0xffff, 'type').fromWire,
  toText(c) {
    const v = readUint(c.buf, c.pos, 2);
    c.pos += 2;
    return rrTypeToString(v);
  },
};

const timeField: FieldCodec = {
  fromText(c, out) { pushU32(out, parseTime(nextToken(c, 'time').text)); },
  fromWire: fixed(4, 0xffffffff, 'time').fromWire,
  toText(c) {
    const v = readUint(c.buf, c.pos, 4);
    c.pos += 4;
    return formatTime(v);
  },
};

/** Codecs by kind. */
export const fieldCodecs: Record<FieldKind, FieldCodec> = {
  u8: fixed(1, 0xff, 'number'),
  u16: fixed(2, 0xffff, 'number'),
  u32: fixed(4, 0xffffffff, 'number'),
  period: fixed(4, 0xffffffff, 'period', true),
  time: timeField,
  type: typeField,
  name: nameField,
  cname: nameField,
  ipv4: address(4),
  ipv6: address(16),
  string: stringField,
  strings: stringsField,
  hex: binaryRest('hex data', hexToBytes, (b) => bytesToHex(b).toUpperCase()),
  base64: binaryRest('base64 data', base64ToBytes, bytesToBase64),
  bitmap: bitmapField,
  svcparams: svcParamsField,
  'caa-tag': caaTagField,
  'caa-value': caaValueField,
};
