import { describe, it } from 'vitest';
import { checkRoundTrip, checkTextError, type RoundTrip } from './testing.ts';

const cases: RoundTrip[] = [
  // RFC 4255 3.3
  { type: 'SSHFP', text: '2 1 123456789abcdef67890123456789abcdef67890', canonical: '2 1 123456789ABCDEF67890123456789ABCDEF67890', hex: '0201123456789abcdef67890123456789abcdef67890' },
  { type: 'SSHFP', text: '4 2 AB CD', canonical: '4 2 ABCD', hex: '0402abcd' },
  // RFC 6698 2.3
  {
    type: 'TLSA', text: '0 0 1 d2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971',
    canonical: '0 0 1 D2ABDE240D7CD3EE6B4B28C54DF034B97983A1D16E8A410E4561CB106618E971',
  },
  { type: 'TLSA', text: '3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6' },
];

describe('fingerprint types round trip', () => {
  for (const c of cases) it(`${c.type} ${c.text.slice(0, 50)}`, () => checkRoundTrip(c));
});

describe('fingerprint types reject bad text', () => {
  const bad: [string, string, RegExp][] = [
    ['SSHFP', '2 1', /missing hex data/],
    ['SSHFP', '2 1 12345', /not an even number of hex digits/],
    ['SSHFP', '2 1 zz', /not an even number of hex digits/],
    ['TLSA', '3 1 256 00', /number 256 is out of range/],
    ['TLSA', '3 1', /missing number/],
  ];
  for (const [type, text, message] of bad) it(`${type} ${text}`, () => checkTextError(type, text, message));
});
