import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextError } from '../wire-error.ts';
import { base64ToBytes, bytesToBase64, bytesToHex, hexToBytes } from './base-encoding.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('base64 (RFC 4648 10 vectors)', () => {
  const vectors: [string, string][] = [
    ['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy'],
  ];
  for (const [plain, encoded] of vectors) {
    it(`"${plain}" <-> "${encoded}"`, () => {
      expect(bytesToBase64(utf8(plain))).toBe(encoded);
      expect(base64ToBytes(encoded)).toEqual(utf8(plain));
    });
  }

  it('round-trips random bytes and agrees with Node', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(text)).toEqual(bytes);
    }), { numRuns: 300 });
  });

  it('rejects malformed text', () => {
    for (const bad of ['Zg', 'Zg=', 'Z===', 'Zg==Zg==', 'Zm9v!A==', 'Zm 9v']) {
      expect(() => base64ToBytes(bad), bad).toThrow(TextError);
    }
  });
});

describe('hex', () => {
  it('round-trips random bytes and agrees with Node', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
      const text = bytesToHex(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('hex'));
      expect(hexToBytes(text)).toEqual(bytes);
      expect(hexToBytes(text.toUpperCase())).toEqual(bytes);
    }), { numRuns: 300 });
  });

  it('rejects odd lengths and non-hex digits', () => {
    for (const bad of ['a', 'abc', 'zz', '0x00', ' 00']) expect(() => hexToBytes(bad), bad).toThrow(/not an even number of hex digits/);
  });
});
