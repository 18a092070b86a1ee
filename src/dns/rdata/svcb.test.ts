import { describe, expect, it } from 'vitest';
import { WireError } from '../wire-error.ts';
import { rdataFromText, rdataToText } from './index.ts';
import { checkRoundTrip, checkTextError, fromWireHex, ORIGIN, typeOf, type RoundTrip } from './testing.ts';

const FOO_COM = '03666f6f076578616d706c6503636f6d00';
const FOO_ORG = '03666f6f076578616d706c65036f726700';

// RFC 9460 Appendix D test vectors, then our own.
const cases: RoundTrip[] = [
  { type: 'HTTPS', text: '0 foo.example.com.', hex: '0000' + FOO_COM },
  { type: 'SVCB', text: '0 foo.example.com.', hex: '0000' + FOO_COM },
  { type: 'SVCB', text: '1 .', hex: '000100' },
  { type: 'SVCB', text: '16 foo.example.com. port=53', hex: '0010' + FOO_COM + '000300020035' },
  {
    type: 'SVCB', text: '1 foo.example.com. key667=hello', canonical: '1 foo.example.com. key667="hello"',
    hex: '0001' + FOO_COM + '029b000568656c6c6f',
  },
  { type: 'SVCB', text: '1 foo.example.com. key667="hello\\210qoo"', hex: '0001' + FOO_COM + '029b000968656c6c6fd2716f6f' },
  {
    type: 'SVCB', text: '1 foo.example.com. ipv6hint="2001:db8::1,2001:db8::53:1"',
    canonical: '1 foo.example.com. ipv6hint=2001:db8::1,2001:db8::53:1',
    hex: '0001' + FOO_COM + '00060020' + '20010db8000000000000000000000001' + '20010db8000000000000000000530001',
  },
  {
    type: 'SVCB', text: '1 example.com. ipv6hint="2001:db8:122:344::192.0.2.33"',
    canonical: '1 example.com. ipv6hint=2001:db8:122:344::c000:221',
    hex: '0001076578616d706c6503636f6d00' + '00060010' + '20010db801220344' + '00000000c0000221',
  },
  {
    type: 'SVCB', text: '16 foo.example.org. alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1',
    canonical: '16 foo.example.org. mandatory=alpn,ipv4hint alpn="h2,h3-19" ipv4hint=192.0.2.1',
    hex: '0010' + FOO_ORG + '0000000400010004' + '000100090268320568332d3139' + '00040004c0000201',
  },
  {
    type: 'SVCB', text: '16 foo.example.org. alpn="f\\\\\\\\oo\\\\,bar,h2"',
    hex: '0010' + FOO_ORG + '0001000c08665c6f6f2c626172026832',
  },
  {
    type: 'SVCB', text: '16 foo.example.org. alpn=f\\\\\\092oo\\092,bar,h2',
    canonical: '16 foo.example.org. alpn="f\\\\\\\\oo\\\\,bar,h2"',
    hex: '0010' + FOO_ORG + '0001000c08665c6f6f2c626172026832',
  },
  {
    type: 'HTTPS', text: '1 . alpn=h3,h2 ipv4hint=192.0.2.1,192.0.2.2 ipv6hint=2001:db8::1 port=8443',
    canonical: '1 . alpn="h3,h2" port=8443 ipv4hint=192.0.2.1,192.0.2.2 ipv6hint=2001:db8::1',
  },
  { type: 'HTTPS', text: '1 . alpn="h2" no-default-alpn', hex: '000100' + '0001000302683200020000' },
  { type: 'HTTPS', text: '1 svc.example.net. ech=AEX+DQBBpQAgACCW2/dfOBZAtQU55/KYxUYStyuA6Yg+1Sjqb4o1q7HY0wAEAAEAAQASY2xvdWRmbGFyZS1lY2guY29tAAA=' },
  { type: 'SVCB', text: '1 doh.example.net. alpn="h2" dohpath="/dns-query{?dns}"' },
  { type: 'SVCB', text: '1 . ohttp', hex: '000100' + '00080000' },
  { type: 'SVCB', text: '1 . key3=443 key1=h2', canonical: '1 . alpn="h2" port=443' },
  { type: 'SVCB', text: '1 . key1234', hex: '000100' + '04d20000' },
  { type: 'SVCB', text: '1 . key1234=', canonical: '1 . key1234' },
  { type: 'SVCB', text: '1 . key65534="a b"', hex: '000100' + 'fffe0003612062' },
  { type: 'SVCB', text: '1 . mandatory=key9,port key9 port=1', canonical: '1 . mandatory=port,key9 port=1 key9' },
  { type: 'SVCB', text: '1 . alpn="a\\\\\\\\b,\\\\,c,d\\"e"', hex: '000100' + '0001000b' + '03615c62022c630364226' + '5' },
  { type: 'HTTPS', text: '1 svc', canonical: '1 svc.example.org.' },
];

describe('SVCB and HTTPS round trip', () => {
  for (const c of cases) it(`${c.type} ${c.text.slice(0, 70)}`, () => checkRoundTrip(c));

  it('takes a quoted value from the token after `key=`', () => {
    const tokens = [
      { text: '1', quoted: false }, { text: '.', quoted: false },
      { text: 'alpn=', quoted: false }, { text: 'h2,h3', quoted: true },
      { text: 'key7=', quoted: false }, { text: '/q{?dns}', quoted: true },
    ];
    const wire = rdataFromText(typeOf('SVCB'), tokens, ORIGIN);
    expect(rdataToText(typeOf('SVCB'), wire)).toBe('1 . alpn="h2,h3" dohpath="/q{?dns}"');
  });
});

describe('SVCB rejects bad text', () => {
  const bad: [string, RegExp][] = [
    // RFC 9460 D.3
    ['1 foo.example.com. key123=abc key123=def', /SvcParamKey key123 appears more than once/],
    ['1 foo.example.com. mandatory', /mandatory: missing value/],
    ['1 foo.example.com. alpn', /alpn: missing value/],
    ['1 foo.example.com. port', /port: missing value/],
    ['1 foo.example.com. ipv4hint', /ipv4hint: missing value/],
    ['1 foo.example.com. ipv6hint', /ipv6hint: missing value/],
    ['1 foo.example.com. no-default-alpn=abc', /no-default-alpn: takes no value/],
    ['1 foo.example.com. mandatory=key123', /mandatory lists key123, which the record does not have/],
    ['1 foo.example.com. mandatory=mandatory', /mandatory must not list itself/],
    ['1 foo.example.com. ipv6hint=1.2.3.4', /"1.2.3.4" is not an IPv6 address/],
    // ours
    ['1 . alpn=h2 mandatory=alpn,alpn', /mandatory lists a key twice/],
    ['1 . mandatory=', /mandatory: missing value/],
    ['1 . port=65536', /port 65536 is out of range/],
    ['1 . port=\\052\\051', /must not contain escapes/],
    ['1 . port=https', /port "https" is not a number/],
    ['1 . ipv4hint=192.0.2.1,', /empty item in list/],
    ['1 . ipv4hint=192.0.2.1,2001:db8::1', /is not an IPv4 address/],
    ['1 . alpn=h2,,h3', /empty item in value list/],
    ['1 . alpn="a\\\\x"', /bad escape in value list/],
    [`1 . alpn=${'a'.repeat(256)}`, /alpn-id longer than 255 bytes/],
    ['1 . ech=notbase64!', /is not base64/],
    ['1 . ech=""', /ech: missing value/],
    ['1 . no-default-alpn', /no-default-alpn without alpn/],
    ['1 . key65535=x', /key65535 is reserved/],
    ['1 . key65536', /out of range/],
    ['1 . key01=x', /unknown SvcParamKey "key01"/],
    ['1 . ALPN=h2', /unknown SvcParamKey "ALPN"/],
    ['1 . foo=bar', /unknown SvcParamKey "foo"/],
    ['1 . "alpn"', /quoted string "alpn" where a SvcParam was expected/],
    ['1 . alpn="h2', /unterminated quoted string/],
    ['1', /missing name/],
    ['65536 .', /number 65536 is out of range/],
    ['', /missing number/],
    ['1 . dohpath', /dohpath: missing value/],
  ];
  for (const [text, message] of bad) it(text.slice(0, 70), () => checkTextError('SVCB', text, message));

  it('validates the RFC 3597 form too', () => {
    checkTextError('SVCB', '\\# 10 000100 00030003000035', /^port: port value is not 2 bytes \(at byte 7\)$/);
  });
});

describe('SVCB rejects bad wire data', () => {
  const rd = (params: string) => '000100' + params;
  const bad: [string, string, RegExp][] = [
    ['keys out of order', rd('000300020035' + '0001000302' + '6832'), /strictly ascending/],
    ['duplicate keys', rd('000300020035' + '000300020035'), /strictly ascending/],
    ['value past the end', rd('0003000400'), /SvcParam port runs past the end of the rdata/],
    ['truncated header', rd('000300'), /SvcParam header runs past/],
    ['empty alpn-id', rd('000100030002' + '68'), /empty alpn-id/],
    ['alpn-id past value', rd('00010002' + '0568'), /alpn-id runs past the end of the value/],
    ['empty alpn', rd('00010000'), /alpn value is empty/],
    ['port of 3 bytes', rd('00030003000035'), /port value is not 2 bytes/],
    ['ipv4hint of 5 bytes', rd('00040005c000020101'), /non-empty list of 4-byte addresses/],
    ['empty ipv4hint', rd('00040000'), /non-empty list of 4-byte addresses/],
    ['ipv6hint of 15 bytes', rd('0006000f' + '00'.repeat(15)), /16-byte addresses/],
    ['mandatory odd length', rd('00000001' + '03' + '000300020035'), /not a non-empty list of 2-byte keys/],
    ['mandatory lists itself', rd('000000020000'), /mandatory lists itself/],
    ['mandatory unsorted', rd('0000000400040003' + '000300020035' + '00040004c0000201'), /mandatory keys are not in strictly ascending/],
    ['mandatory key absent', rd('000000020003'), /mandatory lists port, which the record does not have/],
    ['no-default-alpn value', rd('0001000302683200020001' + '00'), /no-default-alpn: value must be empty/],
    ['no-default-alpn alone', rd('00020000'), /no-default-alpn without alpn/],
    ['key 65535', rd('ffff0000'), /SvcParamKey 65535 is reserved/],
    ['empty ech', rd('00050000'), /ech value is empty/],
    ['target past the end', '000103666f6f', /runs past the end/],
  ];
  for (const [what, hex, message] of bad) {
    it(what, () => {
      expect(() => fromWireHex('SVCB', hex)).toThrow(WireError);
      expect(() => fromWireHex('HTTPS', hex)).toThrow(message);
    });
  }
});
