/**
 * Record data: a descriptor per type drives generic text and wire codecs (after miekg's struct
 * tags). Types without a descriptor use the RFC 3597 generic form `\# <len> <hex>`.
 *
 * Shared contract: canonical rdata is the uncompressed wire form. Names inside it that RFC 3597 4
 * allows to be compressed (NS, CNAME, PTR, MX, SOA: kind 'cname') are compressed on output.
 */
import { RRType } from '../constants.ts';
import { TextError, WireError } from '../wire-error.ts';
import type { Name } from '../name.ts';
import { writeBytes, writeName, writeU16, type Writer } from '../writer.ts';
import { fieldCodecs, nextToken, type ByteCursor, type Field, type FieldKind, type Sink, type TextCursor, type Token } from './fields.ts';
import { readName } from '../name.ts';

export type { Token } from './fields.ts';

/** How one record type's rdata is laid out. */
export type RdataDescriptor = { type: number; rfc: string; fields: Field[] };

const f = (name: string, kind: FieldKind): Field => ({ name, kind });

/** The descriptor table. */
export const descriptors = new Map<number, RdataDescriptor>();

/** Registers a descriptor (used by this module and by type modules with special fields). */
export function registerDescriptor(d: RdataDescriptor): void {
  descriptors.set(d.type, d);
}

for (const d of [
  { type: RRType.A, rfc: 'RFC 1035 3.4.1', fields: [f('address', 'ipv4')] },
  { type: RRType.NS, rfc: 'RFC 1035 3.3.11', fields: [f('nsdname', 'cname')] },
  { type: RRType.CNAME, rfc: 'RFC 1035 3.3.1', fields: [f('cname', 'cname')] },
  { type: RRType.SOA, rfc: 'RFC 1035 3.3.13', fields: [f('mname', 'cname'), f('rname', 'cname'), f('serial', 'u32'), f('refresh', 'period'), f('retry', 'period'), f('expire', 'period'), f('minimum', 'period')] },
  { type: RRType.PTR, rfc: 'RFC 1035 3.3.12', fields: [f('ptrdname', 'cname')] },
  { type: RRType.HINFO, rfc: 'RFC 1035 3.3.2', fields: [f('cpu', 'string'), f('os', 'string')] },
  { type: RRType.MX, rfc: 'RFC 1035 3.3.9', fields: [f('preference', 'u16'), f('exchange', 'cname')] },
  { type: RRType.TXT, rfc: 'RFC 1035 3.3.14', fields: [f('text', 'strings')] },
  { type: RRType.SPF, rfc: 'RFC 4408 3.1.1', fields: [f('text', 'strings')] },
  { type: RRType.AAAA, rfc: 'RFC 3596 2.2', fields: [f('address', 'ipv6')] },
  { type: RRType.SRV, rfc: 'RFC 2782', fields: [f('priority', 'u16'), f('weight', 'u16'), f('port', 'u16'), f('target', 'name')] },
  { type: RRType.NAPTR, rfc: 'RFC 3403 4.1', fields: [f('order', 'u16'), f('preference', 'u16'), f('flags', 'string'), f('services', 'string'), f('regexp', 'string'), f('replacement', 'name')] },
  { type: RRType.DS, rfc: 'RFC 4034 5.3', fields: [f('keytag', 'u16'), f('algorithm', 'u8'), f('digesttype', 'u8'), f('digest', 'hex')] },
  { type: RRType.SSHFP, rfc: 'RFC 4255 3.2', fields: [f('algorithm', 'u8'), f('fptype', 'u8'), f('fingerprint', 'hex')] },
  { type: RRType.RRSIG, rfc: 'RFC 4034 3.2', fields: [f('typecovered', 'type'), f('algorithm', 'u8'), f('labels', 'u8'), f('originalttl', 'u32'), f('expiration', 'time'), f('inception', 'time'), f('keytag', 'u16'), f('signer', 'name'), f('signature', 'base64')] },
  { type: RRType.NSEC, rfc: 'RFC 4034 4.2', fields: [f('next', 'name'), f('types', 'bitmap')] },
  { type: RRType.DNSKEY, rfc: 'RFC 4034 2.2', fields: [f('flags', 'u16'), f('protocol', 'u8'), f('algorithm', 'u8'), f('publickey', 'base64')] },
  { type: RRType.TLSA, rfc: 'RFC 6698 2.2', fields: [f('usage', 'u8'), f('selector', 'u8'), f('matchingtype', 'u8'), f('data', 'hex')] },
  { type: RRType.CAA, rfc: 'RFC 8659 4.1', fields: [f('flags', 'u8'), f('tag', 'caa-tag'), f('value', 'caa-value')] },
]) registerDescriptor(d);

function codec(kind: FieldKind) {
  const c = fieldCodecs[kind];
  if (!c) throw new Error(`no codec registered for field kind ${kind}`);
  return c;
}

function parseGeneric(c: TextCursor): Uint8Array {
  const len = Number(nextToken(c, 'rdata length').text);
  if (!Number.isInteger(len) || len < 0 || len > 65535) throw new TextError('bad RFC 3597 rdata length');
  let hex = '';
  while (c.i < c.tokens.length) hex += c.tokens[c.i++]!.text;
  if (!/^([0-9a-fA-F]{2})*$/.test(hex) || hex.length !== len * 2) {
    throw new TextError(`RFC 3597 rdata has ${hex.length / 2} bytes of hex, expected ${len}`);
  }
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = parseInt(hex.substring(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Parses presentation tokens into canonical rdata. Relative names are completed with `origin`.
 * Accepts the RFC 3597 `\# len hex` form for every type. Throws TextError.
 */
export function rdataFromText(type: number, tokens: Token[], origin?: Name): Uint8Array {
  const c: TextCursor = { tokens, i: 0, origin };
  let out: Uint8Array;
  const d = descriptors.get(type);
  if (tokens[0]?.text === '\\#' && !tokens[0].quoted) {
    c.i = 1;
    out = parseGeneric(c);
    if (d) rdataFromWire(type, out, 0, out.length); // validate against the type's layout
    return out;
  }
  if (!d) throw new TextError(`type ${type} has no presentation format here; use \\# <length> <hex>`);
  const sink: Sink = [];
  for (const field of d.fields) codec(field.kind).fromText(c, sink);
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
  for (const field of d.fields) codec(field.kind).fromWire(c, sink);
  if (c.pos !== end) throw new WireError('trailing bytes in rdata', c.pos);
  return Uint8Array.from(sink);
}

/** Returns the presentation form of canonical rdata (RFC 3597 form for unknown types). */
export function rdataToText(type: number, rdata: Uint8Array): string {
  const d = descriptors.get(type);
  if (!d) return `\\# ${rdata.length}${rdata.length ? ' ' : ''}${Array.from(rdata, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  const c: ByteCursor = { buf: rdata, msg: rdata, pos: 0, end: rdata.length };
  const parts: string[] = [];
  for (const field of d.fields) {
    const s = codec(field.kind).toText(c);
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
  const d = descriptors.get(type);
  if (!d || !d.fields.some((x) => x.kind === 'cname')) {
    if (!writeBytes(w, rdata)) return false;
  } else {
    // Walk the layout: names are re-written with compression, everything else copied.
    let pos = 0;
    for (const field of d.fields) {
      if (field.kind === 'cname' || field.kind === 'name') {
        const { name, end } = readName(rdata, pos);
        if (!writeName(w, name, field.kind === 'cname')) return false;
        pos = end;
      } else {
        const size = field.kind === 'u8' ? 1 : field.kind === 'u16' ? 2 : field.kind === 'u32' || field.kind === 'period' ? 4 : rdata.length - pos;
        if (!writeBytes(w, rdata.subarray(pos, pos + size))) return false;
        pos += size;
      }
    }
  }
  w.view.setUint16(lenPos, w.pos - lenPos - 2);
  return true;
}
