/**
 * Domain names as Route 53 writes them, and our two forms of the same name (route53.md 3.1, 13).
 *
 * - Route 53 text, in: trailing dot optional, any case, `\ooo` OCTAL escapes (`\052` is `*`), a
 *   backslash before any other character stands for that character (`\ ` is a space), every
 *   other printable ASCII character stands for itself (so a literal `*` works too), and a
 *   character beyond ASCII stands for its UTF-8 bytes. An unescaped space, tab or control is
 *   UnsupportedCharacter, quoting that character.
 * - Route 53 text, out: lower case, trailing dot, every byte other than a-z 0-9 - _ written as
 *   `\ooo`, so a wildcard lists as `\052.example.com.`.
 * - Stored text: RecordSetRow.name, the RFC 1035 presentation (`nameToText`: `\.` and decimal
 *   `\DDD` escapes) of the lower-cased wire name; store/ and zone/ read this form.
 */
import { MAX_LABEL, MAX_NAME_WIRE, ROOT, lowerName, nameFromText, nameToText, type LowerName, type Name } from '../../dns/index.ts';
import { FatalProblem, badEscape, unsupportedCharacter } from './fatal-problem.ts';

const OCTAL3 = /^[0-7]{3}$/;

/** Returns the byte a Route 53 escape at `text[i]` (a backslash) stands for, and its length. */
export function readEscape(text: string, i: number): { byte: number; length: number } {
  const next = text.charCodeAt(i + 1);
  if (Number.isNaN(next)) throw badEscape(text);
  if (next >= 0x30 && next <= 0x39) {
    const digits = text.substring(i + 1, i + 4);
    const byte = parseInt(digits, 8);
    if (!OCTAL3.test(digits) || byte > 0o377) throw badEscape(text);
    return { byte, length: 4 };
  }
  // `\ ` is a space (Route 53 accepts it); other controls and non-ASCII are not escapes.
  if (next < 0x20 || next > 0x7e) throw unsupportedCharacter(text);
  return { byte: next, length: 2 };
}

/** Appends the UTF-8 bytes of the character at `text[i]` to `label`; returns its UTF-16 length. */
function pushUtf8(label: number[], text: string, i: number): number {
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  for (const b of new TextEncoder().encode(ch)) label.push(b);
  return ch.length;
}

/**
 * Returns the wire name (case kept) of a Route 53 name. Throws FatalProblem with Route 53's codes:
 * DomainNameEmpty, DomainLabelEmpty, DomainLabelTooLong, DomainNameTooLong, UnsupportedCharacter.
 */
export function parseR53Name(text: string): Name {
  if (text === '') throw new FatalProblem('DomainNameEmpty', 'Domain name is empty', text);
  if (text === '.') return ROOT;
  const labels: number[][] = [];
  let label: number[] = [];
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (label.length === 0) throw new FatalProblem('DomainLabelEmpty', 'Domain label is empty', text);
      labels.push(label);
      label = [];
      i++;
    } else if (c === 0x5c && text.charCodeAt(i + 1) > 0x7e) {
      // `\ç`: the character itself, as below.
      i += 1 + pushUtf8(label, text, i + 1);
    } else if (c === 0x5c) {
      const e = readEscape(text, i);
      label.push(e.byte);
      i += e.length;
    } else if (c > 0x7f) {
      // Route 53 takes characters beyond ASCII as their UTF-8 bytes and lists them as \ooo.
      i += pushUtf8(label, text, i);
    } else {
      // A space, a tab or a control must be escaped; Route 53 quotes just that character.
      if (c < 0x21 || c === 0x7f) throw unsupportedCharacter(text[i]!);
      label.push(c);
      i++;
    }
  }
  if (label.length > 0) labels.push(label);
  let size = 1;
  for (const l of labels) {
    if (l.length > MAX_LABEL) throw new FatalProblem('DomainLabelTooLong', 'Domain label is too long', text);
    size += 1 + l.length;
  }
  if (size > MAX_NAME_WIRE) throw new FatalProblem('DomainNameTooLong', 'Domain name is too long', text);
  const out = new Uint8Array(size);
  let pos = 0;
  for (const l of labels) {
    out[pos++] = l.length;
    out.set(l, pos);
    pos += l.length;
  }
  return out;
}

const PLAIN = /[a-z0-9_-]/;

/** Returns the Route 53 output form of a wire name or key: lower case, octal escapes. */
export function r53NameText(name: Name | LowerName): string {
  const key = typeof name === 'string' ? name : lowerName(name);
  if (key.charCodeAt(0) === 0) return '.';
  let s = '';
  for (let i = 0, len = key.charCodeAt(0); len !== 0; i += 1 + len, len = key.charCodeAt(i)) {
    for (let j = i + 1; j <= i + len; j++) {
      const ch = key[j]!;
      s += PLAIN.test(ch) ? ch : '\\' + key.charCodeAt(j).toString(8).padStart(3, '0');
    }
    s += '.';
  }
  return s;
}

/** Returns the stored form (RecordSetRow.name) of a Route 53 name; throws FatalProblem. */
export function storedNameFromR53(text: string): string {
  return nameToText(lowerName(parseR53Name(text)));
}

/** Returns the Route 53 output form of a stored name. */
export function r53NameFromStored(stored: string): string {
  return r53NameText(nameFromText(stored));
}

/** Returns the lookup key of a stored name. */
export function keyFromStored(stored: string): LowerName {
  return lowerName(nameFromText(stored));
}
