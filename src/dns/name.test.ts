import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  firstLabel, isAtOrBelow, keyFromText, labelCount, lowerName, nameFromKey, nameFromText, namesEqual,
  nameToText, parentKey, readName, ROOT, ROOT_KEY, wildcardOf, type LowerName, type Name,
} from './name.ts';
import { TextError, WireError } from './wire-error.ts';

const bytes = (...parts: (string | number)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...p].map((c) => c.charCodeAt(0)))));
const ORIGIN = nameFromText('example.org.');
const key = (text: string) => keyFromText(text);

describe('nameFromText and nameToText', () => {
  const cases: [string, Uint8Array, string?][] = [
    ['.', bytes(0)],
    ['org.', bytes(3, 'org', 0)],
    ['www.Example.org.', bytes(3, 'www', 7, 'Example', 3, 'org', 0)],
    ['a\\.b.example.org.', bytes(3, 'a.b', 7, 'example', 3, 'org', 0)],
    ['a\\\\b.org.', bytes(3, 'a\\b', 3, 'org', 0)],
    ['\\065bc.org.', bytes(3, 'Abc', 3, 'org', 0), 'Abc.org.'],
    ['\\000\\255.org.', bytes(2, 0, 255, 3, 'org', 0)],
    ['sp\\032ace.org.', bytes(6, 'sp ace', 3, 'org', 0)],
    ['\\@\\$\\(\\)\\;\\".org.', bytes(6, '@$();"', 3, 'org', 0)],
    ['\\x.org.', bytes(1, 'x', 3, 'org', 0), 'x.org.'],
    ['*.example.org.', bytes(1, '*', 7, 'example', 3, 'org', 0)],
  ];
  for (const [text, wire, printed] of cases) {
    it(text, () => {
      expect(nameFromText(text)).toEqual(wire);
      expect(nameToText(wire)).toBe(printed ?? text);
    });
  }

  it('completes relative names with the origin', () => {
    expect(nameToText(nameFromText('www', ORIGIN))).toBe('www.example.org.');
    expect(nameToText(nameFromText('a.b', ORIGIN))).toBe('a.b.example.org.');
    expect(nameToText(nameFromText('www.', ORIGIN))).toBe('www.');
    expect(nameToText(nameFromText('@', ORIGIN))).toBe('\\@.example.org.');
    expect(() => nameFromText('www')).toThrow(/relative name "www" without an origin/);
  });

  it('prints keys the same way as names', () => {
    expect(nameToText(key('WWW.Example.ORG.'))).toBe('www.example.org.');
    expect(nameToText(ROOT_KEY)).toBe('.');
  });

  it('enforces 63-byte labels and 255-byte names (RFC 1035 2.3.4)', () => {
    const l63 = 'a'.repeat(63);
    expect(nameFromText(`${l63}.org.`).length).toBe(69);
    expect(() => nameFromText(`${'a'.repeat(64)}.org.`)).toThrow(/label longer than 63 bytes/);
    expect(() => nameFromText(`${'\\097'.repeat(64)}.org.`)).toThrow(/label longer than 63 bytes/);
    const n255 = `${l63}.${l63}.${l63}.${'a'.repeat(61)}.`; // 4 * 64 - 2 + 1 = 255 bytes
    expect(nameFromText(n255).length).toBe(255);
    expect(() => nameFromText(`a.${n255}`)).toThrow(/name longer than 255 bytes/);
    expect(() => nameFromText(`${l63}.${l63}.${l63}.${'a'.repeat(50)}`, ORIGIN)).toThrow(/longer than 255 bytes/);
    expect(() => nameFromText('a.'.repeat(200))).toThrow(TextError);
  });

  it('rejects malformed text', () => {
    const bad: [string, RegExp][] = [
      ['', /empty name/],
      ['a..org.', /empty label/],
      ['.org.', /empty label/],
      ['..', /empty label/],
      ['org\\', /dangling backslash/],
      ['\\25.org.', /bad \\DDD escape/],
      ['\\256.org.', /bad \\DDD escape/],
      ['café.example.org.', /non-ASCII character .* \(use punycode/],
      ['caf\\é.example.org.', /non-ASCII character/],
      ['☃.org.', /non-ASCII character/],
    ];
    for (const [text, message] of bad) expect(() => nameFromText(text), text).toThrow(message);
  });

  it('round-trips any name through text (property)', () => {
    const label = fc.uint8Array({ minLength: 1, maxLength: 63 });
    const name = fc.array(label, { maxLength: 8 }).filter((ls) => ls.reduce((n, l) => n + 1 + l.length, 1) <= 255);
    fc.assert(fc.property(name, (labels) => {
      const wire = Uint8Array.from([...labels.flatMap((l) => [l.length, ...l]), 0]);
      const text = nameToText(wire);
      expect(nameFromText(text)).toEqual(wire);
      expect(keyFromText(text)).toBe(lowerName(wire));
    }), { numRuns: 500 });
  });
});

describe('readName', () => {
  // A 12-byte header, then example.org. at 12, www + pointer at 25, mail + pointer to 25 at 31.
  const header = new Array<number>(12).fill(0);
  const msg = Uint8Array.from([...header, ...bytes(7, 'example', 3, 'org', 0, 3, 'www', 0xc0, 12, 4, 'mail', 0xc0, 25)]);

  it('reads plain and compressed names and returns the end of their own bytes', () => {
    expect(readName(msg, 12)).toEqual({ name: ORIGIN, end: 25 });
    expect(nameToText(readName(msg, 25).name)).toBe('www.example.org.');
    expect(readName(msg, 25).end).toBe(31);
    expect(nameToText(readName(msg, 31).name)).toBe('mail.www.example.org.');
    expect(readName(msg, 31).end).toBe(38);
  });

  const bad: [string, number[], number, RegExp][] = [
    ['a pointer to itself', [...header, 0xc0, 12], 12, /does not point backwards/],
    ['a loop of two pointers', [...header, 0xc0, 14, 0xc0, 12], 14, /does not point backwards/],
    ['a loop through labels', [...header, 1, 0x61, 0xc0, 12], 12, /does not point backwards/],
    ['a forward pointer', [...header, 0xc0, 14, 0], 12, /does not point backwards/],
    ['a pointer past the end', [...header, 0xc0, 0xff], 12, /does not point backwards/],
    ['a truncated pointer', [...header, 1, 0x61, 0xc0], 12, /truncated compression pointer/],
    ['a label past the end', [...header, 5, 0x61], 12, /label runs past the end/],
    ['no root label', [...header, 1, 0x61], 12, /name runs past the end/],
    ['an offset past the end', [...header], 12, /name runs past the end/],
    ['label type 01 (RFC 6891 extended)', [...header, 0x41, 0], 12, /unsupported label type/],
    ['label type 10 (reserved)', [...header, 0x80, 0], 12, /unsupported label type/],
  ];
  for (const [what, data, offset, message] of bad) {
    it(`rejects ${what}`, () => {
      expect(() => readName(Uint8Array.from(data), offset)).toThrow(WireError);
      expect(() => readName(Uint8Array.from(data), offset)).toThrow(message);
    });
  }

  it('rejects names that pass 255 bytes once expanded', () => {
    // Four 63-byte labels, each ending in a pointer to the previous one: 256 bytes expanded.
    const data: number[] = [...header, 0];
    const starts = [12];
    for (let i = 0; i < 4; i++) {
      starts.push(data.length);
      data.push(63, ...new Array<number>(63).fill(0x61), 0xc0 | (starts[i]! >> 8), starts[i]! & 0xff);
    }
    expect(() => readName(Uint8Array.from(data), starts[4]!)).toThrow(/name longer than 255 bytes/);
    expect(readName(Uint8Array.from(data), starts[3]!).name.length).toBe(193);
  });

  it('reports the offset of the problem', () => {
    try {
      readName(Uint8Array.from([...header, 1, 0x61, 0x80]), 12);
      expect.unreachable();
    } catch (e) {
      expect((e as WireError).offset).toBe(14);
    }
  });
});

describe('LowerName keys', () => {
  it('fold ASCII letters only', () => {
    expect(lowerName(bytes(3, 'WwW', 1, 0xc4, 0))).toBe('\x03www\x01\xc4\x00');
    expect(nameFromKey(key('WWW.example.org.'))).toEqual(nameFromText('www.example.org.'));
  });

  it('walk to parents, count labels and build wildcards', () => {
    const k = key('a.b.example.org.');
    expect(nameToText(parentKey(k))).toBe('b.example.org.');
    expect(parentKey(ROOT_KEY)).toBe(ROOT_KEY);
    expect(labelCount(k)).toBe(4);
    expect(labelCount(ROOT_KEY)).toBe(0);
    expect(nameToText(wildcardOf(key('example.org.')))).toBe('*.example.org.');
    expect(firstLabel(k)).toBe('a');
  });

  it('isAtOrBelow matches whole labels only', () => {
    const apex = key('example.org.');
    expect(isAtOrBelow(apex, apex)).toBe(true);
    expect(isAtOrBelow(key('www.EXAMPLE.org.'), apex)).toBe(true);
    expect(isAtOrBelow(key('a.b.example.org.'), apex)).toBe(true);
    expect(isAtOrBelow(key('wwwexample.org.'), apex)).toBe(false);
    expect(isAtOrBelow(key('org.'), apex)).toBe(false);
    expect(isAtOrBelow(key('example.net.'), apex)).toBe(false);
    expect(isAtOrBelow(apex, ROOT_KEY)).toBe(true);
    // A label whose bytes look like "\x03org": the suffix matches, but not on a label boundary.
    const tricky = lowerName(bytes(5, 'a', 3, 'org', 0)) as LowerName;
    expect(isAtOrBelow(tricky, key('org.'))).toBe(false);
  });

  it('namesEqual ignores ASCII case only', () => {
    expect(namesEqual(nameFromText('WWW.example.ORG.'), nameFromText('www.Example.org.'))).toBe(true);
    expect(namesEqual(nameFromText('www.example.org.'), nameFromText('ww.example.org.'))).toBe(false);
    expect(namesEqual(bytes(1, 0xc4, 0) as Name, bytes(1, 0xe4, 0) as Name)).toBe(false);
    expect(namesEqual(ROOT, bytes(0))).toBe(true);
  });
});
