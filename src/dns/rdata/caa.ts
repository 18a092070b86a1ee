/**
 * CAA, Certification Authority Authorization (RFC 8659 4.1), and its two field kinds.
 *
 *     | FLAGS u8 | TAG LENGTH u8 | TAG (1+ letters/digits) | VALUE (rest of the rdata) /
 *
 * Presentation: `0 issue "ca.example.net"`. The tag is case-insensitive for CAs but kept as
 * written; the value is not a character-string on the wire (no length byte), so it may pass
 * 255 bytes, and it is always printed quoted.
 */
import { RRType } from '../constants.ts';
import { TextError, WireError } from '../wire-error.ts';
import { field, nextToken, readCharString, type FieldCodec, type RdataDescriptor } from './cursor.ts';
import { bytesToQuoted, textToBytes } from './presentation.ts';

const TAG = /^[A-Za-z0-9]+$/;

/** The 'caa-tag' kind: a length-prefixed tag of ASCII letters and digits (RFC 8659 4.1). */
export const caaTagField: FieldCodec = {
  fromText(c, out) {
    const t = nextToken(c, 'CAA tag').text;
    if (!TAG.test(t) || t.length > 255) throw new TextError(`CAA tag "${t}" must be 1-255 letters and digits`);
    out.push(t.length);
    for (let i = 0; i < t.length; i++) out.push(t.charCodeAt(i));
  },
  fromWire(c, out) {
    const start = c.pos;
    const tag = readCharString(c, out);
    if (tag.length === 0) throw new WireError('empty CAA tag', start);
    for (const b of tag) {
      if (!TAG.test(String.fromCharCode(b))) throw new WireError('CAA tag has a character other than a letter or digit', start);
    }
  },
  toText(c) {
    return String.fromCharCode(...readCharString(c, undefined));
  },
};

/** The 'caa-value' kind: one token, escapes resolved, filling the rest of the rdata. */
export const caaValueField: FieldCodec = {
  fromText(c, out) {
    for (const b of textToBytes(nextToken(c, 'CAA value').text)) out.push(b);
  },
  fromWire(c, out) {
    for (let i = c.pos; i < c.end; i++) out.push(c.buf[i]!);
    c.pos = c.end;
  },
  toText(c) {
    const s = bytesToQuoted(c.buf.subarray(c.pos, c.end));
    c.pos = c.end;
    return s;
  },
};

/** The CAA descriptor. */
export const caaDescriptors: RdataDescriptor[] = [
  { type: RRType.CAA, rfc: 'RFC 8659 4.1', fields: [field('flags', 'u8'), field('tag', 'caa-tag'), field('value', 'caa-value')] },
];
