/**
 * Test support for rdata: one call checks every path a record's data can take. Used only by
 * `*.test.ts` files; it imports vitest.
 */
import { expect } from 'vitest';
import { rrClassFromString, rrTypeFromString } from '../constants.ts';
import type { ResourceRecord } from '../message.ts';
import { nameFromText } from '../name.ts';
import { TextError } from '../wire-error.ts';
import { createWriter, writeName } from '../writer.ts';
import { bytesToHex, hexToBytes } from './base-encoding.ts';
import { rdataFromText, rdataFromWire, rdataToText, tokenizeRdata, writeRdata } from './index.ts';

/** The origin that relative names in test records complete with. */
export const ORIGIN = nameFromText('example.org.');

/** Returns the number of a type mnemonic, failing the test when it is unknown. */
export function typeOf(mnemonic: string): number {
  const t = rrTypeFromString(mnemonic);
  if (t === undefined) throw new Error(`unknown type ${mnemonic}`);
  return t;
}

/** Returns canonical rdata for presentation text. */
export function fromText(mnemonic: string, text: string): Uint8Array {
  return rdataFromText(typeOf(mnemonic), tokenizeRdata(text), ORIGIN);
}

/** One round-trip case: presentation text, optional expected wire hex and canonical text. */
export type RoundTrip = { type: string; text: string; hex?: string; canonical?: string };

/**
 * Checks one record's data: text -> wire (equal to `hex` when given) -> text (equal to
 * `canonical`, by default the input) -> wire again; the RFC 3597 form of the wire parses back
 * to it; and writing it into a message after a name it can compress against, then reading it
 * back, gives the same canonical bytes.
 */
export function checkRoundTrip(c: RoundTrip): void {
  const type = typeOf(c.type);
  const wire = fromText(c.type, c.text);
  if (c.hex !== undefined) expect(bytesToHex(wire)).toBe(c.hex.replace(/\s+/g, '').toLowerCase());
  const text = rdataToText(type, wire);
  expect(text).toBe(c.canonical ?? c.text);
  expect(fromText(c.type, text)).toEqual(wire);
  expect(rdataFromWire(type, wire, 0, wire.length)).toEqual(wire);
  const generic = `\\# ${wire.length} ${bytesToHex(wire)}`;
  expect(fromText(c.type, generic)).toEqual(wire);

  const w = createWriter(70000);
  writeName(w, ORIGIN, true);
  const start = w.pos;
  expect(writeRdata(w, type, wire)).toBe(true);
  const rdlen = (w.buf[start]! << 8) | w.buf[start + 1]!;
  expect(start + 2 + rdlen).toBe(w.pos);
  expect(rdataFromWire(type, w.buf.subarray(0, w.pos), start + 2, rdlen)).toEqual(wire);
}

/** Checks that text for a type is rejected with a TextError whose message matches. */
export function checkTextError(mnemonic: string, text: string, message: RegExp | string): void {
  let caught: unknown;
  try {
    fromText(mnemonic, text);
  } catch (e) {
    caught = e;
  }
  expect(caught, `${mnemonic} ${text} should fail`).toBeInstanceOf(TextError);
  expect((caught as Error).message).toMatch(message);
}

/** Returns canonical rdata read from hex wire bytes (throws WireError when malformed). */
export function fromWireHex(mnemonic: string, hex: string): Uint8Array {
  const bytes = hexToBytes(hex.replace(/\s+/g, ''));
  return rdataFromWire(typeOf(mnemonic), bytes, 0, bytes.length);
}

/** Returns the record of one presentation line `owner ttl class type rdata` (absolute owner). */
export function recordFromText(line: string): ResourceRecord {
  const tokens = tokenizeRdata(line);
  const [owner, ttl, cls, type] = tokens.slice(0, 4).map((t) => t.text);
  if (type === undefined) throw new Error(`short record line: ${line}`);
  const rrType = typeOf(type);
  const rrClass = rrClassFromString(cls!);
  if (rrClass === undefined) throw new Error(`unknown class in: ${line}`);
  return {
    name: nameFromText(owner!), type: rrType, class: rrClass, ttl: Number(ttl),
    rdata: rdataFromText(rrType, tokens.slice(4), ORIGIN),
  };
}
