/**
 * Record data: a descriptor per type drives generic text and wire codecs (after miekg's struct
 * tags). Descriptors live in family files (basic.ts, service.ts, dnssec.ts, fingerprints.ts,
 * caa.ts, svcb.ts), each with RFC references and field diagrams; field kinds in fields.ts.
 * Types without a descriptor use the RFC 3597 generic form `\# <len> <hex>`.
 *
 * Shared contract: canonical rdata is the uncompressed wire form. Names inside it that RFC 3597 4
 * allows to be compressed (NS, CNAME, PTR, MX, SOA: kind 'cname') are compressed on output.
 */
import { rrTypeToString } from '../constants.ts';
import type { Name } from '../name.ts';
import { TextError, WireError } from '../wire-error.ts';
import { writeBytes, writeName, writeU16, type Writer } from '../writer.ts';
import { bytesToHex, hexToBytes } from './base-encoding.ts';
import { basicDescriptors } from './basic.ts';
import { caaDescriptors } from './caa.ts';
import { nextToken, type ByteCursor, type RdataDescriptor, type Sink, type TextCursor, type Token } from './cursor.ts';
import { dnssecDescriptors } from './dnssec.ts';
import { fieldCodecs } from './fields.ts';
import { fingerprintDescriptors } from './fingerprints.ts';
import { serviceDescriptors } from './service.ts';
import { svcbDescriptors } from './svcb.ts';

export type { Token, RdataDescriptor } from './cursor.ts';
export { tokenizeRdata } from './tokens.ts';

/** The descriptor table. */
export const descriptors = new Map<number, RdataDescriptor>();

/** Registers a descriptor (used by this module and by type modules with special fields). */
export function registerDescriptor(d: RdataDescriptor): void {
  descriptors.set(d.type, d);
}

for (const d of [
  ...basicDescriptors, ...serviceDescriptors, ...dnssecDescriptors, ...fingerprintDescriptors,
  ...caaDescriptors, ...svcbDescriptors,
]) registerDescriptor(d);

/** Parses `\# <length> <hex...>` (RFC 3597 5); the hex may be split over tokens. */
function parseGeneric(c: TextCursor): Uint8Array {
  const lenText = nextToken(c, 'RFC 3597 rdata length').text;
  if (!/^\d{1,5}$/.test(lenText) || Number(lenText) > 65535) throw new TextError(`bad RFC 3597 rdata length "${lenText}"`);
  const len = Number(lenText);
  let hex = '';
  while (c.i < c.tokens.length) hex += c.tokens[c.i++]!.text;
  const out = hexToBytes(hex);
  if (out.length !== len) throw new TextError(`RFC 3597 rdata has ${out.length} bytes of hex, expected ${len}`);
  return out;
}

/** Checks generic rdata against the type's layout; it must already be canonical (no pointers). */
function checkGeneric(type: number, raw: Uint8Array): void {
  let canonical: Uint8Array;
  try {
    canonical = rdataFromWire(type, raw, 0, raw.length);
  } catch (e) {
    // Same words as the wire error: callers (zone/) already name the type and the line.
    if (e instanceof WireError) throw new TextError(e.message);
    throw e;
  }
  if (canonical.length !== raw.length || canonical.some((b, i) => b !== raw[i])) {
    throw new TextError(`RFC 3597 rdata has compressed names`);
  }
}

/**
 * Parses presentation tokens into canonical rdata. Relative names are completed with `origin`.
 * Accepts the RFC 3597 `\# len hex` form for every type. Throws TextError; callers add the
 * type and the place (zone/ says `bad MX record data: ...`).
 */
export function rdataFromText(type: number, tokens: Token[], origin?: Name): Uint8Array {
  const c: TextCursor = { tokens, i: 0, origin };
  const d = descriptors.get(type);
  if (tokens[0]?.text === '\\#' && !tokens[0].quoted) {
    c.i = 1;
    const out = parseGeneric(c);
    if (d) checkGeneric(type, out);
    return out;
  }
  if (!d) throw new TextError(`${rrTypeToString(type)} has no presentation format here; use \\# <length> <hex>`);
  const sink: Sink = [];
  for (const f of d.fields) fieldCodecs[f.kind].fromText(c, sink);
  if (c.i < tokens.length) throw new TextError(`unexpected "${tokens[c.i]!.text}" after the record data`);
  if (sink.length > 65535) throw new TextError('record data longer than 65535 bytes');
  return Uint8Array.from(sink);
}

/**
 * Reads rdata of `type` at [start, start+length) of `msg`, expanding compressed names, and
 * checks it against the type's layout. Returns canonical rdata. Throws WireError.
 */
export function rdataFromWire(type: number, msg: Uint8Array, start: number, length: number): Uint8Array {
  const end = start + length;
  if (end > msg.length) throw new WireError('rdata runs past the end of the message', start);
  const d = descriptors.get(type);
  if (!d) return msg.slice(start, end);
  const c: ByteCursor = { buf: msg, msg, pos: start, end };
  const sink: Sink = [];
  for (const f of d.fields) fieldCodecs[f.kind].fromWire(c, sink);
  if (c.pos !== end) throw new WireError('trailing bytes in rdata', c.pos);
  // Expanding names can grow rdata past what RDLENGTH can express (RFC 1035 3.2.1).
  if (sink.length > 65535) throw new WireError('rdata longer than 65535 bytes once names are expanded', start);
  return Uint8Array.from(sink);
}

/** Returns the presentation form of canonical rdata (RFC 3597 form for unknown types). */
export function rdataToText(type: number, rdata: Uint8Array): string {
  const d = descriptors.get(type);
  if (!d) return `\\# ${rdata.length}${rdata.length ? ' ' + bytesToHex(rdata) : ''}`;
  const c: ByteCursor = { buf: rdata, msg: rdata, pos: 0, end: rdata.length };
  const parts: string[] = [];
  for (const f of d.fields) {
    const s = fieldCodecs[f.kind].toText(c);
    if (s !== '') parts.push(s);
  }
  return parts.join(' ');
}

/** True when rdata of this type contains names that may be compressed on output. */
export function hasCompressibleNames(type: number): boolean {
  return descriptors.get(type)?.fields.some((x) => x.kind === 'cname') ?? false;
}

/**
 * Writes RDLENGTH and rdata, compressing embedded names where allowed. Returns false when it
 * does not fit (the caller rewinds).
 */
export function writeRdata(w: Writer, type: number, rdata: Uint8Array): boolean {
  const lenPos = w.pos;
  if (!writeU16(w, 0)) return false;
  const layout = compressionLayout(type);
  if (layout === null) {
    if (!writeBytes(w, rdata)) return false;
  } else {
    // Names are re-written with compression, the fixed-size fields between them copied.
    let pos = 0;
    for (let k = 0; k < layout.length; k++) {
      const op = layout[k]!;
      if (op < 0) {
        if (!writeName(w, rdata, op === NAME_COMPRESSED, pos)) return false;
        while (rdata[pos] !== 0) pos += 1 + rdata[pos]!;
        pos++;
      } else {
        const size = op === 0 ? rdata.length - pos : op;
        if (!writeBytes(w, rdata.subarray(pos, pos + size))) return false;
        pos += size;
      }
    }
  }
  w.view.setUint16(lenPos, w.pos - lenPos - 2);
  return true;
}

const NAME_COMPRESSED = -1;
const NAME_PLAIN = -2;
const layouts = new Map<number, Int8Array | null>();

/**
 * Returns how to write a type's rdata with compression: a list of ops (-1 compressed name,
 * -2 plain name, n > 0 copy n bytes, 0 copy the rest), or null when it is copied whole.
 */
function compressionLayout(type: number): Int8Array | null {
  let layout = layouts.get(type);
  if (layout !== undefined) return layout;
  const d = descriptors.get(type);
  if (!d || !d.fields.some((x) => x.kind === 'cname')) {
    layout = null;
  } else {
    layout = Int8Array.from(d.fields.map((f) => f.kind === 'cname' ? NAME_COMPRESSED : f.kind === 'name' ? NAME_PLAIN
      : f.kind === 'u8' ? 1 : f.kind === 'u16' ? 2 : f.kind === 'u32' || f.kind === 'period' ? 4 : 0));
  }
  layouts.set(type, layout);
  return layout;
}
