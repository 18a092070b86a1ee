/**
 * SVCB (64) and HTTPS (65), service binding (RFC 9460 2.2), and the 'svcparams' field kind.
 *
 *     | SvcPriority u16 | TargetName (name, never compressed) / SvcParams (rest of the rdata) /
 *     each SvcParam:    | SvcParamKey u16 | length u16 | SvcParamValue (length bytes) /
 *
 * Presentation: `1 svc.example.net. alpn="h2,h3" port=8443 ipv4hint=192.0.2.1`. Priority 0 is
 * AliasMode, whose params SHOULD be empty (2.4.2); that is left to zone validation.
 *
 * Wire rules (2.2): keys strictly ascending (so no duplicates), each value in its key's format,
 * and the set self-consistent (2.4.3). Text may list params in any order, each key once; the
 * canonical text form prints them in wire order. Both directions apply the same checks, so
 * anything accepted from the wire prints as text that parses back to the same bytes.
 *
 * A quoted value may arrive as one token `key="a b"` (quotes kept, see tokens.ts) or as a token
 * `key=` followed by a quoted token, as master-file tokenizers tend to split it.
 */
import { RRType } from '../constants.ts';
import { TextError, WireError } from '../wire-error.ts';
import { field, need, pushU16, readUint, type ByteCursor, type FieldCodec, type RdataDescriptor, type Sink, type TextCursor } from './cursor.ts';
import { checkParamSet, INVALID_KEY, svcParamKeyFromText, svcParamKeyToText, svcValueCodec } from './svc-params.ts';

/** Returns the key and raw value (quotes removed, escapes kept) of the next SvcParam. */
function nextParam(c: TextCursor): { key: string; raw: string | undefined } {
  const t = c.tokens[c.i++]!;
  if (t.quoted) throw new TextError(`quoted string "${t.text}" where a SvcParam was expected`);
  const eq = t.text.indexOf('=');
  if (eq < 0) return { key: t.text, raw: undefined };
  const key = t.text.slice(0, eq);
  const raw = t.text.slice(eq + 1);
  if (raw === '') {
    const next = c.tokens[c.i];
    if (next?.quoted) { c.i++; return { key, raw: next.text }; }
    return { key, raw: '' };
  }
  if (!raw.startsWith('"')) return { key, raw };
  const inner = raw.slice(1, -1);
  const trailingBackslashes = /\\*$/.exec(inner)![0].length;
  if (raw.length < 2 || !raw.endsWith('"') || trailingBackslashes % 2 === 1) {
    throw new TextError(`unterminated quoted value in "${t.text}"`);
  }
  return { key, raw: inner };
}

function parseParams(c: TextCursor, out: Sink): void {
  const params = new Map<number, number[]>();
  while (c.i < c.tokens.length) {
    const { key, raw } = nextParam(c);
    const code = svcParamKeyFromText(key);
    const name = svcParamKeyToText(code);
    if (params.has(code)) throw new TextError(`SvcParamKey ${name} appears more than once`);
    let value: number[];
    try {
      value = svcValueCodec(code).fromText(raw);
    } catch (e) {
      if (e instanceof TextError) throw new TextError(`${name}: ${e.message}`);
      throw e;
    }
    if (value.length > 0xffff) throw new TextError(`${name}: value longer than 65535 bytes`);
    const problem = svcValueCodec(code).check(Uint8Array.from(value));
    if (problem) throw new TextError(`${name}: ${problem}`);
    params.set(code, value);
  }
  const keys = [...params.keys()].sort((a, b) => a - b);
  const mandatory = params.get(0);
  const problem = checkParamSet(keys, mandatory ? Uint8Array.from(mandatory) : undefined);
  if (problem) throw new TextError(problem);
  for (const k of keys) {
    const v = params.get(k)!;
    pushU16(out, k);
    pushU16(out, v.length);
    for (const b of v) out.push(b);
  }
}

function readParams(c: ByteCursor, out: Sink): void {
  const start = c.pos;
  const keys: number[] = [];
  let mandatory: Uint8Array | undefined;
  while (c.pos < c.end) {
    need(c, 4, 'SvcParam header');
    const key = readUint(c.buf, c.pos, 2);
    const len = readUint(c.buf, c.pos + 2, 2);
    if (keys.length > 0 && key <= keys.at(-1)!) throw new WireError('SvcParamKeys not in strictly ascending order', c.pos);
    if (key === INVALID_KEY) throw new WireError('SvcParamKey 65535 is reserved', c.pos);
    need(c, 4 + len, `SvcParam ${svcParamKeyToText(key)}`);
    const value = c.buf.subarray(c.pos + 4, c.pos + 4 + len);
    const problem = svcValueCodec(key).check(value);
    if (problem) throw new WireError(`${svcParamKeyToText(key)}: ${problem}`, c.pos + 4);
    if (key === 0) mandatory = value;
    keys.push(key);
    for (let i = 0; i < 4 + len; i++) out.push(c.buf[c.pos + i]!);
    c.pos += 4 + len;
  }
  const problem = checkParamSet(keys, mandatory);
  if (problem) throw new WireError(problem, start);
}

/** The 'svcparams' field kind: all SvcParams, to the end of the rdata. */
export const svcParamsField: FieldCodec = {
  fromText: parseParams,
  fromWire: readParams,
  toText(c) {
    const parts: string[] = [];
    while (c.pos < c.end) {
      const key = readUint(c.buf, c.pos, 2);
      const len = readUint(c.buf, c.pos + 2, 2);
      const value = svcValueCodec(key).toText(c.buf.subarray(c.pos + 4, c.pos + 4 + len));
      parts.push(value === undefined ? svcParamKeyToText(key) : `${svcParamKeyToText(key)}=${value}`);
      c.pos += 4 + len;
    }
    return parts.join(' ');
  },
};

const svcbFields = [field('priority', 'u16'), field('target', 'name'), field('params', 'svcparams')];

/** The SVCB and HTTPS descriptors (HTTPS shares SVCB's format, RFC 9460 9). */
export const svcbDescriptors: RdataDescriptor[] = [
  { type: RRType.SVCB, rfc: 'RFC 9460 2.2', fields: svcbFields },
  { type: RRType.HTTPS, rfc: 'RFC 9460 9', fields: svcbFields },
];
