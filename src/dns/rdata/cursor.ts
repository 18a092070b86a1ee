/**
 * The types every field kind and descriptor file shares, and the small cursor helpers they use.
 * Kept apart from fields.ts so that family files (caa.ts, svcb.ts, ...) import no codec table.
 *
 * Shared contract:
 * - Canonical rdata is the uncompressed wire form (`Uint8Array`); names inside it keep their case.
 * - `fromText` consumes tokens from a cursor; `fromWire` reads from a message (names in rdata may
 *   be compressed there) and appends canonical bytes to `out`; `toText` reads canonical bytes,
 *   already checked by `fromWire`, and returns '' when the field has nothing to show.
 * - Text errors throw TextError, wire errors WireError with the message offset.
 */
import { TextError, WireError } from '../wire-error.ts';
import type { Name } from '../name.ts';

/** One presentation token: its raw text (escapes not yet resolved) and whether it was quoted. */
export type Token = { text: string; quoted: boolean };

/** A cursor over the tokens of one record's rdata. */
export type TextCursor = { tokens: Token[]; i: number; origin: Name | undefined };

/** A cursor over canonical or message bytes; `buf` and `msg` are the same array. */
export type ByteCursor = { buf: Uint8Array; pos: number; end: number; msg: Uint8Array };

/** Canonical bytes being collected. */
export type Sink = number[];

/** The kinds of field a descriptor may use; each has one codec in fields.ts. */
export type FieldKind =
  | 'u8' | 'u16' | 'u32' | 'period' | 'time' | 'type'
  | 'name' | 'cname' // 'cname' = a name that may be compressed on output (RFC 1035 types only)
  | 'ipv4' | 'ipv6'
  | 'string' | 'strings'
  | 'hex' | 'base64' | 'bitmap' | 'svcparams' | 'caa-tag' | 'caa-value';

/** One named field of a descriptor. */
export type Field = { name: string; kind: FieldKind };

/** How one record type's rdata is laid out: its fields in wire order. */
export type RdataDescriptor = { type: number; rfc: string; fields: Field[] };

/** Text and wire codec of one field kind. */
export type FieldCodec = {
  fromText(c: TextCursor, out: Sink): void;
  fromWire(c: ByteCursor, out: Sink): void;
  toText(c: ByteCursor): string;
};

/** Returns a field of a descriptor. */
export function field(name: string, kind: FieldKind): Field {
  return { name, kind };
}

/** Returns the next token, or throws `missing <what>`. */
export function nextToken(c: TextCursor, what: string): Token {
  const t = c.tokens[c.i++];
  if (t === undefined) throw new TextError(`missing ${what}`);
  return t;
}

/** Returns the remaining tokens joined without spaces (hex and base64 may be split). */
export function restTokens(c: TextCursor): string {
  let s = '';
  while (c.i < c.tokens.length) s += c.tokens[c.i++]!.text;
  return s;
}

/** Throws WireError unless `n` more bytes remain before the end of the rdata. */
export function need(c: ByteCursor, n: number, what: string): void {
  if (c.pos + n > c.end) throw new WireError(`${what} runs past the end of the rdata`, c.pos);
}

/** Appends a big-endian 16-bit number. */
export function pushU16(out: Sink, v: number): void {
  out.push((v >> 8) & 0xff, v & 0xff);
}

/** Appends a big-endian 32-bit number. */
export function pushU32(out: Sink, v: number): void {
  out.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

/** Returns the big-endian number of `n` bytes at `pos` (no bounds check). */
export function readUint(b: Uint8Array, pos: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + b[pos + i]!;
  return v;
}

/** Reads a length-prefixed character-string, copying its wire bytes to `out` when given. */
export function readCharString(c: ByteCursor, out: Sink | undefined): Uint8Array {
  need(c, 1, 'character-string');
  const len = c.buf[c.pos]!;
  need(c, 1 + len, 'character-string');
  const bytes = c.buf.subarray(c.pos + 1, c.pos + 1 + len);
  if (out) for (let i = 0; i <= len; i++) out.push(c.buf[c.pos + i]!);
  c.pos += 1 + len;
  return bytes;
}
