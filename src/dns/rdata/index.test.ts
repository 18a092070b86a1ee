import { describe, expect, it } from 'vitest';
import { RRType } from '../constants.ts';
import { nameFromText } from '../name.ts';
import { createWriter, writeName } from '../writer.ts';
import { bytesToHex } from './base-encoding.ts';
import { descriptors, hasCompressibleNames, rdataFromWire, rdataToText, writeRdata } from './index.ts';
import { checkRoundTrip, checkTextError, fromText, typeOf } from './testing.ts';

describe('RFC 3597 generic form', () => {
  it('round-trips unknown types', () => {
    checkRoundTrip({ type: 'TYPE65280', text: '\\# 4 0a000001', hex: '0a000001' });
    checkRoundTrip({ type: 'TYPE731', text: '\\# 0', hex: '' });
    checkRoundTrip({ type: 'TYPE62347', text: '\\# 6 0A 00 00 01 FF fe', canonical: '\\# 6 0a000001fffe' });
  });

  it('accepts it for known types and prints their own form', () => {
    checkRoundTrip({ type: 'A', text: '\\# 4 C0000201', canonical: '192.0.2.1' });
    checkRoundTrip({ type: 'MX', text: '\\# 3 000a00', canonical: '10 .' });
    checkRoundTrip({ type: 'TXT', text: '\\# 3 026869', canonical: '"hi"' });
  });

  const bad: [string, string, RegExp][] = [
    ['A', '\\# 3 c00002', /^IPv4 address runs past the end of the rdata \(at byte 0\)$/],
    ['A', '\\# 5 c000020101', /^trailing bytes in rdata \(at byte 4\)$/],
    ['MX', '\\# 4 000ac000', /RFC 3597 rdata has compressed names/],
    ['TYPE65280', '\\# 4 c0000201ff', /has 5 bytes of hex, expected 4/],
    ['TYPE65280', '\\# 4 c00002', /has 3 bytes of hex, expected 4/],
    ['TYPE65280', '\\# 1 c', /not an even number of hex digits/],
    ['TYPE65280', '\\# 1 0g', /not an even number of hex digits/],
    ['TYPE65280', '\\# x', /bad RFC 3597 rdata length "x"/],
    ['TYPE65280', '\\# 0x1 01', /bad RFC 3597 rdata length "0x1"/],
    ['TYPE65280', '\\# 1e0 01', /bad RFC 3597 rdata length/],
    ['TYPE65280', '\\# 65536', /bad RFC 3597 rdata length/],
    ['TYPE65280', '\\#', /missing RFC 3597 rdata length/],
    ['TYPE65280', '0a000001', /TYPE65280 has no presentation format here; use \\# <length> <hex>/],
  ];
  for (const [type, text, message] of bad) it(`rejects ${type} ${text}`, () => checkTextError(type, text, message));

  it('treats a quoted \\# as text', () => {
    expect(rdataToText(RRType.TXT, fromText('TXT', '"\\#" "1"'))).toBe('"#" "1"');
  });
});

describe('descriptor table', () => {
  it('covers every type with a mnemonic except the meta types', () => {
    const meta = new Set<number>([RRType.OPT, RRType.IXFR, RRType.AXFR, RRType.ANY]);
    for (const [name, type] of Object.entries(RRType)) {
      if (!meta.has(type)) expect(descriptors.has(type), name).toBe(true);
    }
  });

  it('cites an RFC for every type', () => {
    for (const d of descriptors.values()) expect(d.rfc).toMatch(/^RFC \d+/);
  });

  it('knows which types have compressible names', () => {
    expect(['NS', 'CNAME', 'PTR', 'MX', 'SOA'].every((t) => hasCompressibleNames(typeOf(t)))).toBe(true);
    expect(['SRV', 'NAPTR', 'RRSIG', 'NSEC', 'SVCB', 'A', 'TYPE999'].some((t) => hasCompressibleNames(typeOf(t)))).toBe(false);
  });
});

describe('writeRdata', () => {
  const owner = nameFromText('example.org.');
  const write = (type: string, text: string) => {
    const w = createWriter(512);
    writeName(w, owner, true);
    expect(writeRdata(w, typeOf(type), fromText(type, text))).toBe(true);
    return bytesToHex(w.buf.subarray(13, w.pos));
  };

  it('compresses names in RFC 1035 types', () => {
    expect(write('MX', '10 mail.example.org.')).toBe('0009' + '000a' + '046d61696c' + 'c000');
    expect(write('CNAME', 'example.org.')).toBe('0002c000');
    expect(write('SOA', 'ns.example.org. h.example.org. 1 2 3 4 5')).toBe(
      '001d' + '026e73c000' + '0168c000' + '00000001000000020000000300000004' + '00000005');
  });

  it('never compresses names in other types', () => {
    expect(write('SRV', '0 0 53 example.org.')).toBe('0013' + '000000000035' + '076578616d706c65036f726700');
    expect(write('SVCB', '1 example.org.')).toBe('000f0001076578616d706c65036f726700');
  });

  it('returns false when the rdata does not fit', () => {
    const w = createWriter(512);
    w.limit = 5;
    expect(writeRdata(w, RRType.A, fromText('A', '192.0.2.1'))).toBe(false);
    w.limit = 6;
    w.pos = 0;
    expect(writeRdata(w, RRType.A, fromText('A', '192.0.2.1'))).toBe(true);
  });

  it('expands compressed names when reading rdata from a message', () => {
    const msg = Uint8Array.from([...owner, 0x00, 0x0a, 0xc0, 0x00]);
    expect(rdataToText(RRType.MX, rdataFromWire(RRType.MX, msg, owner.length, 4))).toBe('10 example.org.');
    expect(() => rdataFromWire(RRType.MX, msg, owner.length, 5)).toThrow(/rdata runs past the end of the message/);
  });
});
