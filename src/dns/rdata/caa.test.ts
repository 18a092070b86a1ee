import { describe, expect, it } from 'vitest';
import { WireError } from '../wire-error.ts';
import { checkRoundTrip, checkTextError, fromWireHex, type RoundTrip } from './testing.ts';

// RFC 8659 4 examples, and values that need escapes or pass 255 bytes.
const cases: RoundTrip[] = [
  { type: 'CAA', text: '0 issue "ca.example.net"', hex: '0005697373756563612e6578616d706c652e6e6574' },
  { type: 'CAA', text: '0 issue "ca.example.net; account=230123"' },
  { type: 'CAA', text: '0 iodef "mailto:security@example.com"' },
  { type: 'CAA', text: '128 tbs "Unknown"', hex: '800374627355' + '6e6b6e6f776e' },
  { type: 'CAA', text: '0 issue ";"' },
  { type: 'CAA', text: '0 issue ""', hex: '00056973737565' },
  { type: 'CAA', text: '0 issuewild ca.example.net', canonical: '0 issuewild "ca.example.net"' },
  { type: 'CAA', text: '0 "issue" "x"', canonical: '0 issue "x"' },
  { type: 'CAA', text: '0 Issue "quote \\" tab \\009"' },
  { type: 'CAA', text: `0 issue "${'v'.repeat(300)}"` },
];

describe('CAA round trip', () => {
  for (const c of cases) it(c.text.slice(0, 60), () => checkRoundTrip(c));
});

describe('CAA rejects bad data', () => {
  const bad: [string, RegExp][] = [
    ['0 issue', /missing CAA value/],
    ['0', /missing CAA tag/],
    ['0 is-sue "x"', /CAA tag "is-sue" must be 1-255 letters and digits/],
    ['0 "" "x"', /must be 1-255 letters and digits/],
    ['256 issue "x"', /number 256 is out of range/],
    ['0 issue "x" "y"', /unexpected "y"/],
  ];
  for (const [text, message] of bad) it(text, () => checkTextError('CAA', text, message));

  it('rejects an empty tag on the wire', () => expect(() => fromWireHex('CAA', '0000')).toThrow(/empty CAA tag/));
  it('rejects a tag with a space on the wire', () => expect(() => fromWireHex('CAA', '00026120')).toThrow(WireError));
  it('rejects a tag past the end', () => expect(() => fromWireHex('CAA', '000569')).toThrow(/character-string runs past/));
});
