import { describe, expect, it } from 'vitest';
import { RRType, rrTypeFromString } from '../../dns/index.ts';
import { FatalProblem } from './fatal-problem.ts';
import { decimalToOctalEscapes, hexToR53Value, octalToDecimalEscapes, r53ValueToHex } from './r53-values.ts';

const typeOf = (t: string) => rrTypeFromString(t)!;

describe('values round-trip: R53 value -> hex -> R53 value', () => {
  // [type, value as sent, value as listed (same when omitted)]
  const cases: [string, string, string?][] = [
    ['A', '192.0.2.1'],
    ['AAAA', '2001:db8::1'],
    ['AAAA', '2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['CAA', '0 issue "ca.example.net"'],
    ['CAA', '0 iodef "mailto:security@example.com"'],
    ['CAA', '128 tbs "Unknown"'],
    ['CAA', '0 issue ca.example.net', '0 issue "ca.example.net"'],
    ['CNAME', 'www.example.com.'],
    ['CNAME', 'www.example.com', 'www.example.com.'],
    ['CNAME', '\\052.example.com', '*.example.com.'],
    ['DS', '12345 13 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE7B2C1CB1A1B7F5F2D1B8C3E4'],
    ['HTTPS', '1 . alpn="h2,h3"'],
    ['HTTPS', '1 . alpn=h2,h3', '1 . alpn="h2,h3"'],
    ['HTTPS', '0 svc.example.net.'],
    ['MX', '10 mail.example.com.'],
    ['MX', '10 mail.example.com', '10 mail.example.com.'],
    ['MX', '0 .'],
    ['NAPTR', '100 10 "S" "SIP+D2U" "" _sip._udp.example.com.'],
    ['NAPTR', '100 50 "a" "z3950+N2L+N2C" "!^urn:cid:.+@([^\\\\.]+\\\\.)(.*)$!\\\\2!i" .'],
    ['NS', 'ns-1.example.net.'],
    ['NS', 'ns1.example.net', 'ns1.example.net.'],
    ['PTR', 'host.example.com.'],
    ['SOA', 'ns-1.example.net. hostmaster.example.net. 1 7200 900 1209600 86400'],
    ['SPF', '"v=spf1 ip4:192.0.2.0/24 -all"'],
    ['SRV', '10 60 5060 sip.example.com.'],
    ['SRV', '0 0 0 .'],
    ['SSHFP', '1 1 123456789ABCDEF67890123456789ABCDEF67890'],
    ['SSHFP', `4 2 ${'abcdef0123456789'.repeat(4)}`, `4 2 ${'ABCDEF0123456789'.repeat(4)}`],
    ['SVCB', '1 svc.example.net. port=8443'],
    ['SVCB', '1 . alpn="h3" ipv4hint=192.0.2.1,192.0.2.2'],
    ['TLSA', '3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF'],
    ['TXT', '"v=spf1 include:_spf.example.com ~all"'],
    ['TXT', '"part one" "part two"'],
    ['TXT', '"with \\"quote\\" and \\\\ backslash"'],
    ['TXT', '"octal \\000\\011\\177\\377 bytes"'],
    ['TXT', '""'],
    ['TXT', `"${'a'.repeat(255)}" "${'b'.repeat(255)}"`],
  ];

  it.each(cases)('%s %s', (type, value, listed) => {
    const hex = r53ValueToHex(typeOf(type), value);
    expect(hex).toMatch(/^([0-9a-f]{2})*$/);
    expect(hexToR53Value(typeOf(type), hex)).toBe(listed ?? value);
    // What is listed reads back to the same rdata.
    expect(r53ValueToHex(typeOf(type), listed ?? value)).toBe(hex);
  });

  it('keeps TXT case and stores it byte for byte', () => {
    expect(r53ValueToHex(RRType.TXT, '"Ab"')).toBe('024162');
    expect(r53ValueToHex(RRType.TXT, '"\\101"')).toBe('0141');
    expect(r53ValueToHex(RRType.TXT, '"\\377"')).toBe('01ff');
  });

  it('keeps the case of names in values, so DELETE must repeat it', () => {
    expect(hexToR53Value(RRType.CNAME, r53ValueToHex(RRType.CNAME, 'WWW.Example.com'))).toBe('WWW.Example.com.');
  });
});

describe('escapes', () => {
  it.each([
    ['\\052', '\\042'], ['a\\377b', 'a\\255b'], ['\\"x\\\\', '\\"x\\\\'], ['\\\\052', '\\\\052'], ['plain', 'plain'],
  ])('octal %s -> decimal %s and back', (octal, decimal) => {
    expect(octalToDecimalEscapes(octal)).toBe(decimal);
    expect(decimalToOctalEscapes(decimal)).toBe(octal);
  });
});

describe('values Route 53 refuses', () => {
  const cases: [string, string, string][] = [
    ['A', '999.1.1.1', 'ARRDATAIllegalIPv4Address'],
    ['A', 'www.example.com', 'ARRDATAIllegalIPv4Address'],
    ['A', '192.0.2.1 192.0.2.2', 'ARRDATAIllegalIPv4Address'],
    ['A', '', 'ARRDATAIllegalIPv4Address'],
    ['AAAA', '192.0.2.1', 'AAAARRDATAIllegalIPv6Address'],
    ['AAAA', '2001:db8::g', 'AAAARRDATAIllegalIPv6Address'],
    ['CNAME', '', 'DomainNameEmpty'],
    ['CNAME', 'a..example.com', 'DomainLabelEmpty'],
    ['CNAME', 'two words.example.com', 'UnsupportedCharacter'],
    ['NS', `${'n'.repeat(64)}.example.net`, 'DomainLabelTooLong'],
    ['MX', 'smtp', 'MXRRDATANotTwoFields'],
    ['MX', '10 a b', 'MXRRDATANotTwoFields'],
    ['MX', '70000 mail.example.com', 'MXRRDATAIllegalValue'],
    ['MX', '10 bad..example.com', 'DomainLabelEmpty'],
    ['SRV', '10 60 sip.example.com', 'SRVRRDATANotFourFields'],
    ['SRV', '10 60 99999 sip.example.com', 'SRVRRDATAIllegalValue'],
    ['SOA', 'ns.example.com. host.example.com. 1 2 3', 'SOARRDATANotSevenFields'],
    ['CAA', '0 issue', 'CAARRDATANotThreeFields'],
    ['CAA', '256 issue "ca.example.net"', 'CAARRDATAIllegalValue'],
    ['NAPTR', '100 10 "S" "SIP+D2U" ""', 'NAPTRRRDATANotSixFields'],
    ['DS', '12345 13 2', 'DSRRDATATooFewFields'],
    ['DS', '12345 13 2 XYZ', 'DSRRDATAIllegalValue'],
    ['TLSA', '3 1 1', 'TLSARRDATATooFewFields'],
    ['SSHFP', '1 1', 'SSHFPRRDATATooFewFields'],
    ['SVCB', '1', 'SVCBRRDATATooFewFields'],
    ['HTTPS', '1 . alpn', 'HTTPSRRDATAIllegalValue'],
    ['TXT', 'no quotes', 'InvalidCharacterString'],
    ['TXT', '"unterminated', 'InvalidCharacterString'],
    ['TXT', '"ok" trailing', 'InvalidCharacterString'],
    ['TXT', '', 'InvalidCharacterString'],
    ['SPF', 'v=spf1 -all', 'InvalidCharacterString'],
    ['TXT', `"${'a'.repeat(256)}"`, 'TXTRDATATooLong'],
    ['TXT', '"caf\u00e9"', 'UnsupportedCharacter'],
    ['TXT', '"tab\there"', 'UnsupportedCharacter'],
    ['TXT', '"bad \\9 escape"', 'InvalidEscapeSequence'],
    ['TXT', '"bad \\400 escape"', 'InvalidEscapeSequence'],
  ];

  it.each(cases)('%s %j -> %s', (type, value, code) => {
    let err: unknown;
    try {
      r53ValueToHex(typeOf(type), value);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FatalProblem);
    expect((err as FatalProblem).code).toBe(code);
  });

  it('words the A error as Route 53 does', () => {
    expect(() => r53ValueToHex(RRType.A, '999.1.1.1')).toThrow(
      "FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '999.1.1.1'");
    expect(() => r53ValueToHex(RRType.MX, 'smtp')).toThrow(
      "FATAL problem: MXRRDATANotTwoFields (MX record doesn't have 2 fields) encountered with 'smtp'");
    expect(() => r53ValueToHex(RRType.CNAME, '')).toThrow("FATAL problem: DomainNameEmpty (Domain name is empty) encountered with ''");
  });
});
