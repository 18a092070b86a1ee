import { describe, expect, it } from 'vitest';
import { WireError } from '../wire-error.ts';
import { checkRoundTrip, checkTextError, fromWireHex, type RoundTrip } from './testing.ts';

// Examples from RFC 4034 2.3, 3.3, 4.3 and 5.4.
const KEY = 'AQPSKmynfzW4kyBv015MUG2DeIQ3Cbl+BBZH4b/0PY1kxkmvHjcZc8nokfzj31GajIQKY+5CptLr3buXA10hWqTkF7H6RfoRqXQeogmMHfpftf6zMv1LyBUgia7za6ZEzOJBOztyvhjL742iU/TpPSEDhm2SNKLijfUppn1UaNvv4w==';
const SIG = 'oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o=';

const cases: RoundTrip[] = [
  { type: 'DNSKEY', text: `256 3 5 ${KEY}` },
  { type: 'DNSKEY', text: `257 3 13 ${KEY.slice(0, 40)} ${KEY.slice(40)}`, canonical: `257 3 13 ${KEY}` },
  { type: 'DNSKEY', text: '0 3 0 AA==', hex: '0000030000' },
  { type: 'DNSKEY', text: '256 3 8 AQID', hex: '01000308010203' },
  { type: 'RRSIG', text: `A 5 3 86400 20030322173103 20030220173103 2642 example. ${SIG}` },
  {
    type: 'RRSIG', text: `TYPE65534 13 2 300 1700000000 1690000000 1 example.org. AQID`,
    canonical: 'TYPE65534 13 2 300 20231114221320 20230722042640 1 example.org. AQID',
    hex: 'fffe0d020000012c' + '6553f100' + '64bb5a80' + '0001' + '076578616d706c65036f726700' + '010203',
  },
  { type: 'RRSIG', text: 'SVCB 13 0 0 21060207062815 19700101000000 65535 . AQ==' },
  {
    type: 'NSEC', text: 'host.example.com. A MX RRSIG NSEC TYPE1234',
    hex: '04686f7374076578616d706c6503636f6d00' + '0006400100000003' + '041b' + '00'.repeat(26) + '20',
  },
  { type: 'NSEC', text: 'a.example.org. NSEC A', canonical: 'a.example.org. A NSEC' },
  { type: 'NSEC', text: 'a.example.org. A A', canonical: 'a.example.org. A' },
  { type: 'NSEC', text: 'a.example.org.', hex: '01610' + '76578616d706c65036f726700' },
  { type: 'NSEC', text: 'b HTTPS CAA TYPE65535', canonical: 'b.example.org. HTTPS CAA TYPE65535' },
  { type: 'DS', text: '60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118', hex: 'ec4505012bb183af5f22588179a53b0a98631fad1a292118' },
  { type: 'DS', text: '60485 5 1 2bb183af5f225881 79a53b0a98631fad1a292118', canonical: '60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118' },
];

describe('DNSSEC types round trip', () => {
  for (const c of cases) it(`${c.type} ${c.text.slice(0, 60)}`, () => checkRoundTrip(c));
});

describe('DNSSEC types reject bad text', () => {
  const bad: [string, string, RegExp][] = [
    ['DNSKEY', '256 3 5', /missing base64 data/],
    ['DNSKEY', '256 3 5 AQI', /"AQI" is not base64/],
    ['DNSKEY', '256 3 5 A=QI', /is not base64/],
    ['DNSKEY', '256 3 5 AQ*D', /is not base64/],
    ['DNSKEY', '256 3 256 AQID', /number 256 is out of range \(0-255\)/],
    ['RRSIG', 'BOGUS 5 3 86400 20030322173103 20030220173103 2642 example. AQID', /unknown type "BOGUS"/],
    ['RRSIG', 'A 5 3 86400 20031322173103 20030220173103 2642 example. AQID', /time "20031322173103" is not a valid date/],
    ['RRSIG', 'A 5 3 86400 20030230000000 20030220173103 2642 example. AQID', /not a valid date/],
    ['RRSIG', 'A 5 3 86400 21070101000000 20030220173103 2642 example. AQID', /outside 1970-2106/],
    ['RRSIG', 'A 5 3 86400 4294967296 20030220173103 2642 example. AQID', /time 4294967296 is out of range/],
    ['RRSIG', 'A 5 3 86400 20030322173103 20030220173103 2642 example.', /missing base64 data/],
    ['NSEC', 'a.example.org. A BOGUS', /unknown type "BOGUS" in type bitmap/],
    ['NSEC', '', /missing name/],
    ['DS', '60485 5 1', /missing hex data/],
    ['DS', '60485 5 1 2BB', /not an even number of hex digits/],
    ['DS', '60485 5 1 XYZW', /not an even number of hex digits/],
    ['DS', '65536 5 1 00', /number 65536 is out of range/],
  ];
  for (const [type, text, message] of bad) it(`${type} ${text.slice(0, 50)}`, () => checkTextError(type, text, message));
});

describe('DNSSEC types reject bad wire data', () => {
  const bad: [string, string, RegExp][] = [
    ['DNSKEY', '01000308', /empty base64 data/],
    ['DS', 'ec450501', /empty hex data/],
    ['DS', 'ec4505', /runs past the end of the rdata/],
    ['NSEC', '00' + '0100', /window length 0 not in 1-32/],
    ['NSEC', '00' + '0021' + '40'.repeat(33), /window length 33 not in 1-32/],
    ['NSEC', '00' + '000140' + '000140', /windows not in ascending order/],
    ['NSEC', '00' + '01014000010' + '1', /windows not in ascending order/],
    ['NSEC', '00' + '00024000', /window ends in a zero byte/],
    ['NSEC', '00' + '000340', /type bitmap runs past the end/],
    ['NSEC', '00' + '00', /type bitmap window runs past/],
    ['RRSIG', '0001050300015180', /runs past the end of the rdata/],
  ];
  for (const [type, hex, message] of bad) {
    it(`${type} ${hex}`, () => {
      expect(() => fromWireHex(type, hex)).toThrow(WireError);
      expect(() => fromWireHex(type, hex)).toThrow(message);
    });
  }
});
