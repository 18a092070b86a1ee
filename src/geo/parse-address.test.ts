import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddress } from './parse-address.ts';

const out = new Uint8Array(16);
const parse = (text: string) => {
  out.fill(0xee);
  const family = parseAddress(text, out);
  return { family, bytes: [...out.subarray(0, family === 4 ? 4 : 16)] };
};

describe('parseAddress', () => {
  it.each([
    ['192.0.2.1', 4, [192, 0, 2, 1]],
    ['0.0.0.0', 4, [0, 0, 0, 0]],
    ['255.255.255.255', 4, [255, 255, 255, 255]],
    ['::ffff:198.51.100.7', 4, [198, 51, 100, 7]],
    ['::FFFF:c633:6407', 4, [198, 51, 100, 7]],
  ] as const)('%s is IPv4', (text, family, bytes) => {
    expect(parse(text)).toEqual({ family, bytes });
  });

  it.each([
    ['::', '0000:0000:0000:0000:0000:0000:0000:0000'],
    ['::1', '0000:0000:0000:0000:0000:0000:0000:0001'],
    ['2001:db8::', '2001:0db8:0000:0000:0000:0000:0000:0000'],
    ['2001:DB8:1::5', '2001:0db8:0001:0000:0000:0000:0000:0005'],
    ['fe80::1%eth0', 'fe80:0000:0000:0000:0000:0000:0000:0001'],
    ['1:2:3:4:5:6:7:8', '0001:0002:0003:0004:0005:0006:0007:0008'],
    ['64:ff9b::192.0.2.1', '0064:ff9b:0000:0000:0000:0000:c000:0201'],
    ['1::2:3:4:5:6:7', '0001:0000:0002:0003:0004:0005:0006:0007'],
  ])('%s is IPv6', (text, full) => {
    const bytes = full.split(':').flatMap((w) => [parseInt(w.slice(0, 2), 16), parseInt(w.slice(2), 16)]);
    expect(parse(text)).toEqual({ family: 6, bytes });
  });

  it.each([
    '', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.04', '1..2.3', '1.2.3.4 ', 'a.b.c.d', ':', ':::', '1:::2', '1::2::3',
    '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::', '12345::', '::g', '1:', ':1', '1:2:3:4:5:6:7:1.2.3.4', 'example.com',
  ])('%j is not an address', (text) => {
    expect(parseAddress(text, out)).toBe(0);
  });

  it('agrees with the WHATWG URL parser on random IPv6 addresses, compressed or not', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 0, max: 8 }), (bytes, zeros) => {
      bytes.fill(0, 0, zeros * 2); // runs of zero groups, so that '::' appears
      if (bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return; // mapped: IPv4
      const full = formatAddress(6, bytes);
      const compressed = new URL(`http://[${full}]/`).hostname.slice(1, -1);
      for (const text of [full, compressed]) {
        const got = new Uint8Array(16);
        expect(parseAddress(text, got)).toBe(6);
        expect([...got]).toEqual([...bytes]);
      }
    }), { numRuns: 500 });
  });

  it('round-trips random IPv4 addresses', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (bytes) => {
      const got = new Uint8Array(16);
      expect(parseAddress(formatAddress(4, bytes), got)).toBe(4);
      expect([...got.subarray(0, 4)]).toEqual([...bytes]);
    }));
  });
});
