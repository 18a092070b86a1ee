/**
 * Domain names (RFC 1035 3.1, 4.1.4; RFC 4343 for case).
 *
 * Shared contract:
 * - A `Name` is the uncompressed wire form: length-prefixed labels ending in the root label (0),
 *   in the spelling it was given (case kept).
 * - A `LowerName` is the same bytes with ASCII letters folded to lower case, held as a latin1
 *   string (one char per byte). It is the key of every map in zone/ and answer/: unambiguous
 *   (no escaping), cheap to slice at label boundaries, and cheap to build from a packet.
 */
import { MAX_LABEL, MAX_NAME_WIRE } from './constants.ts';
import { TextError, WireError } from './wire-error.ts';

/** Uncompressed wire-format name, case as given. */
export type Name = Uint8Array;
/** Case-folded wire-format name as a latin1 string: the key for lookups. */
export type LowerName = string & { readonly __brand: 'LowerName' };

/** The root name. */
export const ROOT: Name = new Uint8Array([0]);
/** The root name as a key. */
export const ROOT_KEY = '\x00' as LowerName;

/** Returns the key of a wire name: ASCII letters folded, as a latin1 string. */
export function lowerName(name: Name): LowerName {
  let s = '';
  for (let i = 0; i < name.length; i++) {
    const b = name[i]!;
    s += String.fromCharCode(b >= 0x41 && b <= 0x5a ? b | 0x20 : b);
  }
  return s as LowerName;
}

/** Returns the wire bytes of a key (lower case). */
export function nameFromKey(key: LowerName): Name {
  const out = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) out[i] = key.charCodeAt(i);
  return out;
}

/** Returns the key of the parent name (one label removed); the root's parent is the root. */
export function parentKey(key: LowerName): LowerName {
  const len = key.charCodeAt(0);
  return len === 0 ? key : (key.substring(1 + len) as LowerName);
}

/** Returns the number of labels, not counting the root label. */
export function labelCount(key: LowerName): number {
  let n = 0;
  for (let i = 0; key.charCodeAt(i) !== 0; i += 1 + key.charCodeAt(i)) n++;
  return n;
}

/** Returns true when `key` equals `ancestor` or lies below it (label-wise). */
export function isAtOrBelow(key: LowerName, ancestor: LowerName): boolean {
  if (key.length < ancestor.length) return false;
  const start = key.length - ancestor.length;
  if (key.endsWith(ancestor) === false) return false;
  // The match must begin on a label boundary; walk the labels to be sure.
  let i = 0;
  while (i < start) i += 1 + key.charCodeAt(i);
  return i === start;
}

/** Returns the key of `*.<key>`. */
export function wildcardOf(key: LowerName): LowerName {
  return ('\x01*' + key) as LowerName;
}

/** Returns the first label of a key (without its length byte). */
export function firstLabel(key: LowerName): string {
  return key.substring(1, 1 + key.charCodeAt(0));
}

/**
 * Reads a possibly compressed name at `offset` in `msg`.
 * Pointers must point strictly backwards (no loops, no forward references); the expanded name
 * must fit in 255 bytes and labels in 63 (RFC 1035 4.1.4, 2.3.4).
 * Returns the uncompressed name and the offset just after the name's own bytes.
 */
export function readName(msg: Uint8Array, offset: number): { name: Name; end: number } {
  const out = new Uint8Array(MAX_NAME_WIRE);
  let outLen = 0;
  let pos = offset;
  let end = -1;
  let lowest = offset; // a pointer must go below every place we have read so far
  for (;;) {
    if (pos >= msg.length) throw new WireError('name runs past the end of the message', pos);
    const len = msg[pos]!;
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= msg.length) throw new WireError('truncated compression pointer', pos);
      const target = ((len & 0x3f) << 8) | msg[pos + 1]!;
      if (target >= lowest) throw new WireError('compression pointer does not point backwards', pos);
      if (end < 0) end = pos + 2;
      lowest = target;
      pos = target;
      continue;
    }
    if ((len & 0xc0) !== 0) throw new WireError('unsupported label type', pos);
    if (outLen + 1 + len > MAX_NAME_WIRE) throw new WireError('name longer than 255 bytes', pos);
    if (pos + 1 + len > msg.length) throw new WireError('label runs past the end of the message', pos);
    out[outLen++] = len;
    if (len === 0) break;
    out.set(msg.subarray(pos + 1, pos + 1 + len), outLen);
    outLen += len;
    pos += 1 + len;
  }
  if (end < 0) end = pos + 1;
  return { name: out.slice(0, outLen), end };
}

const SPECIAL = new Set([0x2e, 0x5c, 0x28, 0x29, 0x3b, 0x40, 0x24, 0x22]); // . \ ( ) ; @ $ "

/** Returns the presentation form of a wire name, absolute (trailing dot), RFC 1035 5.1 escapes. */
export function nameToText(name: Name | LowerName): string {
  const at = typeof name === 'string' ? (i: number) => name.charCodeAt(i) : (i: number) => name[i]!;
  if (at(0) === 0) return '.';
  let s = '';
  let i = 0;
  for (let len = at(0); len !== 0; len = at(i)) {
    for (let j = i + 1; j <= i + len; j++) {
      const b = at(j);
      if (SPECIAL.has(b)) s += '\\' + String.fromCharCode(b);
      else if (b <= 0x20 || b >= 0x7f) s += '\\' + String(b).padStart(3, '0');
      else s += String.fromCharCode(b);
    }
    s += '.';
    i += 1 + len;
  }
  return s;
}

/**
 * Parses a presentation-format name. A name without a trailing dot is relative to `origin`
 * (an error when no origin is given). `@` is not special here; master files handle it.
 */
export function nameFromText(text: string, origin?: Name): Name {
  if (text === '.') return ROOT;
  if (text.length === 0) throw new TextError('empty name');
  const out = new Uint8Array(MAX_NAME_WIRE + 64);
  let outLen = 0;
  let labelStart = 0;
  let labelLen = 0;
  let absolute = false;
  const closeLabel = () => {
    if (labelLen === 0) throw new TextError(`empty label in name "${text}"`);
    if (labelLen > MAX_LABEL) throw new TextError(`label longer than 63 bytes in name "${text}"`);
    out[labelStart] = labelLen;
  };
  outLen = 1;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c === 0x2e) {
      closeLabel();
      if (i === text.length - 1) absolute = true;
      labelStart = outLen;
      outLen++;
      labelLen = 0;
      continue;
    }
    if (c === 0x5c) {
      const next = text.charCodeAt(i + 1);
      if (Number.isNaN(next)) throw new TextError(`dangling backslash in name "${text}"`);
      if (next >= 0x30 && next <= 0x39) {
        const digits = text.substring(i + 1, i + 4);
        if (!/^\d{3}$/.test(digits) || Number(digits) > 255) {
          throw new TextError(`bad \\DDD escape in name "${text}"`);
        }
        c = Number(digits);
        i += 3;
      } else {
        c = next;
        i += 1;
        if (c >= 0x80) throw new TextError(`non-ASCII character in name "${text}" (use punycode or \\DDD)`);
      }
    } else if (c >= 0x80) {
      // Only ASCII may stand for itself: bytes 0x80-0xff need \DDD, and IDNs need punycode.
      throw new TextError(`non-ASCII character in name "${text}" (use punycode or \\DDD)`);
    }
    if (outLen >= out.length) throw new TextError(`name longer than 255 bytes: "${text}"`);
    out[outLen++] = c;
    labelLen++;
  }
  if (!absolute) {
    closeLabel();
    if (origin === undefined) throw new TextError(`relative name "${text}" without an origin`);
    if (outLen + origin.length > MAX_NAME_WIRE) throw new TextError(`name longer than 255 bytes: "${text}"`);
    out.set(origin, outLen);
    outLen += origin.length;
  } else {
    out[outLen - 1] = 0;
  }
  if (outLen > MAX_NAME_WIRE) throw new TextError(`name longer than 255 bytes: "${text}"`);
  return out.slice(0, outLen);
}

/** Returns the key of a presentation-format name (absolute or relative to `origin`). */
export function keyFromText(text: string, origin?: Name): LowerName {
  return lowerName(nameFromText(text, origin));
}

/** Returns true when two wire names are equal ignoring ASCII case. */
export function namesEqual(a: Name, b: Name): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a[i]!;
    let y = b[i]!;
    if (x >= 0x41 && x <= 0x5a) x |= 0x20;
    if (y >= 0x41 && y <= 0x5a) y |= 0x20;
    if (x !== y) return false;
  }
  return true;
}
