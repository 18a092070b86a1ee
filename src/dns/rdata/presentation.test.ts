import { describe, expect, it } from 'vitest';
import { TextError } from '../wire-error.ts';
import { bytesToQuoted, formatIPv6, formatTime, parseIPv6, parsePeriod, parseTime, textToBytes } from './presentation.ts';

describe('parsePeriod', () => {
  it('reads seconds and BIND-style units', () => {
    expect(parsePeriod('300')).toBe(300);
    expect(parsePeriod('1h30m')).toBe(5400);
    expect(parsePeriod('1W2d')).toBe(604800 + 172800);
    expect(parsePeriod('4294967295')).toBe(0xffffffff);
  });
  it('rejects garbage and overflow', () => {
    for (const bad of ['', '1x', 'h', '1h 2m', '-1', '4294967296', '7102w']) expect(() => parsePeriod(bad), bad).toThrow(TextError);
  });
});

describe('character-strings', () => {
  it('resolves escapes and encodes non-ASCII as UTF-8', () => {
    expect(textToBytes('a\\"b\\\\c\\065\\255')).toEqual([0x61, 0x22, 0x62, 0x5c, 0x63, 0x41, 0xff]);
    expect(textToBytes('é😀')).toEqual([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
    expect(textToBytes('\\é')).toEqual([0xc3, 0xa9]);
  });
  it('rejects bad escapes', () => {
    for (const bad of ['\\', 'a\\2', 'a\\25x', '\\256']) expect(() => textToBytes(bad), bad).toThrow(TextError);
  });
  it('quotes with escapes for quote, backslash and non-printables', () => {
    expect(bytesToQuoted(Uint8Array.from([0x61, 0x22, 0x5c, 0x20, 0x00, 0x7f, 0xff]))).toBe('"a\\"\\\\ \\000\\127\\255"');
  });
});

describe('IPv6 (RFC 5952 4)', () => {
  const cases: [string, string][] = [
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:db8::0:1', '2001:db8::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['2001:db8:0:0:1:0:0:0', '2001:db8:0:0:1::'],
  ];
  for (const [input, output] of cases) {
    it(`${input} -> ${output}`, () => expect(formatIPv6(Uint8Array.from(parseIPv6(input)))).toBe(output));
  }
  it('rejects malformed addresses', () => {
    for (const bad of ['', ':', ':::', '1:2:3:4:5:6:7', '1::2::3', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:', '::1.2.3', '::1.2.3.4.5', '::g', '1.2.3.4']) {
      expect(() => parseIPv6(bad), bad).toThrow(TextError);
    }
  });
});

describe('DNSSEC times (RFC 4034 3.2)', () => {
  it('reads dates and plain seconds', () => {
    expect(parseTime('20030322173103')).toBe(1048354263);
    expect(parseTime('19700101000000')).toBe(0);
    expect(parseTime('21060207062815')).toBe(0xffffffff);
    expect(parseTime('1048354263')).toBe(1048354263);
    expect(formatTime(1048354263)).toBe('20030322173103');
  });
  it('rejects impossible dates', () => {
    for (const bad of ['20030229000000', '20031301000000', '20030101240000', '20030101006000', '20030101000060', '19691231235959', '21060207062816']) {
      expect(() => parseTime(bad), bad).toThrow(TextError);
    }
  });
});
