import { describe, expect, it } from 'vitest';
import { checkRoundTrip, checkTextError, fromText, fromWireHex, type RoundTrip } from './testing.ts';
import { WireError } from '../wire-error.ts';

const cases: RoundTrip[] = [
  { type: 'A', text: '192.0.2.1', hex: 'c0000201' },
  { type: 'A', text: '0.0.0.0', hex: '00000000' },
  { type: 'AAAA', text: '2001:db8::1', hex: '20010db8000000000000000000000001' },
  { type: 'AAAA', text: '::', hex: '00000000000000000000000000000000' },
  { type: 'AAAA', text: '2001:DB8:0:0:1:0:0:1', canonical: '2001:db8::1:0:0:1' },
  { type: 'AAAA', text: '::ffff:192.0.2.1', hex: '00000000000000000000ffffc0000201', canonical: '::ffff:c000:201' },
  { type: 'AAAA', text: '2001:db8:1:2:3:4:5:6' },
  { type: 'NS', text: 'ns1.example.org.', hex: '036e7331076578616d706c65036f726700' },
  { type: 'NS', text: 'ns1', canonical: 'ns1.example.org.' },
  { type: 'NS', text: '@', canonical: 'example.org.' },
  { type: 'CNAME', text: 'www.example.net.' },
  { type: 'CNAME', text: 'Mixed.Case.Example.COM.' },
  { type: 'PTR', text: 'host.example.com.' },
  { type: 'PTR', text: '.', hex: '00' },
  {
    type: 'SOA', text: 'ns1.example.org. hostmaster.example.org. 2024010101 7200 900 1209600 300',
    hex: '036e7331076578616d706c65036f7267000a686f73746d6173746572076578616d706c65036f726700' +
      '78a3f175' + '00001c20' + '00000384' + '00127500' + '0000012c',
  },
  {
    type: 'SOA', text: 'ns1 hostmaster 1 2h 15m 2w 5m',
    canonical: 'ns1.example.org. hostmaster.example.org. 1 7200 900 1209600 300',
  },
  { type: 'HINFO', text: '"INTEL-386" "Unix"', hex: '09494e54454c2d33383604556e6978' },
  { type: 'HINFO', text: 'RFC8482 ""', canonical: '"RFC8482" ""' },
  { type: 'MX', text: '10 mail.example.org.', hex: '000a046d61696c076578616d706c65036f726700' },
  { type: 'MX', text: '0 .', hex: '000000' },
  { type: 'TXT', text: '"v=spf1 -all"', hex: '0b763d73706631202d616c6c' },
  { type: 'TXT', text: '"a" "b c" ""', hex: '01610362206300' },
  { type: 'TXT', text: 'unquoted', canonical: '"unquoted"' },
  { type: 'TXT', text: '"quote \\" and backslash \\\\"' },
  { type: 'TXT', text: '"tab\\009 and \\255"', hex: '0a7461620920616e6420ff' },
  { type: 'TXT', text: '"caf\\195\\169"', hex: '05636166c3a9' },
  { type: 'TXT', text: '"café"', hex: '05636166c3a9', canonical: '"caf\\195\\169"' },
  { type: 'TXT', text: `"${'x'.repeat(255)}"` },
  { type: 'SPF', text: '"v=spf1 ip4:192.0.2.0/24 -all"' },
];

describe('basic types round trip', () => {
  for (const c of cases) it(`${c.type} ${c.text.slice(0, 60)}`, () => checkRoundTrip(c));
});

describe('basic types reject bad text', () => {
  const bad: [string, string, RegExp | string][] = [
    ['A', '192.0.2', /"192.0.2" is not an IPv4 address/],
    ['A', '192.0.2.256', /not an IPv4 address/],
    ['A', '192.0.2.01', /not an IPv4 address/],
    ['A', '', /missing IPv4 address/],
    ['A', '192.0.2.1 192.0.2.2', /unexpected "192.0.2.2" after the record data/],
    ['AAAA', '2001:db8::1::2', /not an IPv6 address/],
    ['AAAA', '2001:db8:1:2:3:4:5:6:7', /not an IPv6 address/],
    ['AAAA', '192.0.2.1', /not an IPv6 address/],
    ['AAAA', '2001:db8::g', /not an IPv6 address/],
    ['AAAA', '12345::', /not an IPv6 address/],
    ['MX', '65536 mail.example.org.', /number 65536 is out of range \(0-65535\)/],
    ['MX', '-1 mail.example.org.', /is not a number/],
    ['MX', '10', /missing name/],
    ['MX', 'ten mail.example.org.', /number "ten" is not a number/],
    ['MX', '10 a..example.org.', /empty label/],
    ['SOA', 'ns1. host. 1 2 3 4', /missing period/],
    ['SOA', 'ns1. host. 4294967296 2 3 4 5', /.*out of range/],
    ['SOA', 'ns1. host. 1 2x 3 4 5', /period "2x" is not a number of seconds/],
    ['TXT', '', /missing text/],
    ['TXT', `"${'x'.repeat(256)}"`, /character-string longer than 255 bytes/],
    ['TXT', '"bad \\25 escape"', /bad \\DDD escape/],
    ['TXT', '"bad \\256 escape"', /bad \\DDD escape/],
    ['HINFO', '"only-cpu"', /missing string/],
    ['CNAME', 'a.example.org. b.example.org.', /unexpected "b.example.org."/],
    ['CNAME', `${'a'.repeat(64)}.example.org.`, /label longer than 63 bytes/],
  ];
  for (const [type, text, message] of bad) it(`${type} ${text.slice(0, 50)}`, () => checkTextError(type, text, message));
});

describe('basic types reject bad wire data', () => {
  const bad: [string, string, RegExp][] = [
    ['A', 'c00002', /IPv4 address runs past the end of the rdata/],
    ['A', 'c000020101', /trailing bytes in rdata/],
    ['AAAA', '20010db8', /IPv6 address runs past/],
    ['MX', '000a', /name runs past the end of the rdata/],
    ['MX', '000a03777777', /runs past the end/],
    ['TXT', '', /empty TXT rdata/],
    ['TXT', '0561626364', /character-string runs past the end of the rdata/],
    ['SOA', '0000' + '0000000100000002000000030000000400000005'.slice(0, 30), /runs past the end of the rdata/],
  ];
  for (const [type, hex, message] of bad) {
    it(`${type} ${hex || '(empty)'}`, () => expect(() => fromWireHex(type, hex)).toThrow(WireError));
    it(`${type} ${hex || '(empty)'} message`, () => expect(() => fromWireHex(type, hex)).toThrow(message));
  }
});

it('keeps the case of names in rdata', () => {
  expect(Array.from(fromText('CNAME', 'WWW.Example.ORG.')).slice(1, 4)).toEqual([0x57, 0x57, 0x57]);
});
