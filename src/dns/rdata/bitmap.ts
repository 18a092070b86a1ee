/**
 * The NSEC type bitmap (RFC 4034 4.1.2): the types present at a name, as windows of 256 types.
 *
 *     | window u8 | length u8 (1-32) | bitmap (length bytes) | ... repeated, windows ascending
 *
 * Bit 0 of the first bitmap byte is type `window * 256 + 0`. Empty windows and trailing zero
 * bytes MUST be left out, so a set of types has exactly one wire form; the wire decoder
 * enforces that, which keeps text -> wire -> text and wire -> text -> wire stable.
 */
import { rrTypeFromString, rrTypeToString } from '../constants.ts';
import { TextError, WireError } from '../wire-error.ts';
import { need, type FieldCodec, type Sink } from './cursor.ts';

/** Returns the bitmap bytes for a list of types (duplicates and order do not matter). */
export function encodeTypeBitmap(types: number[]): number[] {
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

/** Returns the types in checked bitmap bytes, ascending. */
export function decodeTypeBitmap(b: Uint8Array): number[] {
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

/** The 'bitmap' field kind: the rest of the rdata. */
export const bitmapField: FieldCodec = {
  fromText(c, out: Sink) {
    const types: number[] = [];
    while (c.i < c.tokens.length) {
      const t = c.tokens[c.i++]!.text;
      const v = rrTypeFromString(t);
      if (v === undefined) throw new TextError(`unknown type "${t}" in type bitmap`);
      types.push(v);
    }
    out.push(...encodeTypeBitmap(types));
  },
  fromWire(c, out) {
    let last = -1;
    while (c.pos < c.end) {
      need(c, 2, 'type bitmap window');
      const win = c.buf[c.pos]!, len = c.buf[c.pos + 1]!;
      if (win <= last) throw new WireError('type bitmap windows not in ascending order', c.pos);
      if (len < 1 || len > 32) throw new WireError(`type bitmap window length ${len} not in 1-32`, c.pos + 1);
      need(c, 2 + len, 'type bitmap');
      if (c.buf[c.pos + 1 + len] === 0) throw new WireError('type bitmap window ends in a zero byte', c.pos + 1 + len);
      for (let i = 0; i < 2 + len; i++) out.push(c.buf[c.pos + i]!);
      last = win;
      c.pos += 2 + len;
    }
  },
  toText(c) {
    const s = decodeTypeBitmap(c.buf.subarray(c.pos, c.end)).map(rrTypeToString).join(' ');
    c.pos = c.end;
    return s;
  },
};
