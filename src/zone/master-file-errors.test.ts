import { describe, expect, it } from 'vitest';
import { nameFromText } from '../dns/index.ts';
import { MasterFileError, parseMasterFile } from './master-file.ts';

const origin = nameFromText('example.org.');

/** Each bad zone, the line the error must name, and its reason. */
const errors: { name: string; zone: string; line: number; reason: string }[] = [
  // Owners
  { name: 'owner in another zone', zone: '$TTL 300\nwww.example.com. A 192.0.2.1', line: 2, reason: 'owner www.example.com. is outside the zone example.org.' },
  { name: 'owner above the apex', zone: 'org. 300 A 192.0.2.1', line: 1, reason: 'owner org. is outside the zone example.org.' },
  { name: 'owner sharing a suffix but not a label', zone: 'badexample.org. 300 A 192.0.2.1', line: 1, reason: 'owner badexample.org. is outside the zone example.org.' },
  { name: 'relative owner after $ORIGIN elsewhere', zone: '$ORIGIN example.net.\nwww 300 A 192.0.2.1', line: 2, reason: 'owner www.example.net. is outside the zone example.org.' },
  { name: 'blank owner on the first record', zone: '$TTL 300\n  A 192.0.2.1', line: 2, reason: 'line starts with a space (same owner as before) but there is no record before it' },
  { name: 'empty label', zone: 'a..b 300 A 192.0.2.1', line: 1, reason: 'empty label in name "a..b"' },
  { name: 'quoted owner', zone: '"www" 300 A 192.0.2.1', line: 1, reason: 'owner name "www" must not be quoted' },
  // Syntax
  { name: 'unclosed ( names the line it opened on', zone: 'www 300 A 192.0.2.1\n@ 300 SOA ns1 host (\n 1 2 3 4 5\n', line: 2, reason: 'unbalanced parentheses: "(" is never closed' },
  { name: 'stray )', zone: 'www 300 A 192.0.2.1\nftp 300 A 192.0.2.2 )', line: 2, reason: 'unbalanced parentheses: ")" without a matching "("' },
  { name: 'quote not closed on its line', zone: 'www 300 TXT "abc\n"def"', line: 1, reason: 'unterminated quoted string' },
  { name: 'quote not closed at the end', zone: '\nwww 300 TXT "abc\\"', line: 2, reason: 'unterminated quoted string' },
  // Type, class, TTL
  { name: 'unknown type', zone: 'www 300 IN FOO 1', line: 1, reason: 'unknown type "FOO"' },
  { name: 'misspelt class reads as a type', zone: 'www 300 IM A 192.0.2.1', line: 1, reason: 'unknown type "IM"' },
  { name: 'ANY where a class may stand reads as a class', zone: 'www 300 ANY 192.0.2.1', line: 1, reason: 'class ANY is not supported (only IN)' },
  { name: 'query-only type', zone: 'www 300 IN ANY 192.0.2.1', line: 1, reason: 'type ANY cannot appear in a zone' },
  { name: 'meta type', zone: 'www 300 AXFR 1', line: 1, reason: 'type AXFR cannot appear in a zone' },
  { name: 'OPT pseudo-type', zone: 'www 300 OPT 1', line: 1, reason: 'type OPT cannot appear in a zone' },
  { name: 'class CH', zone: 'www 300 CH TXT "x"', line: 1, reason: 'class CH is not supported (only IN)' },
  { name: 'CLASSnnn other than 1', zone: 'www 300 CLASS4 A 192.0.2.1', line: 1, reason: 'class HS is not supported (only IN)' },
  { name: 'owner alone', zone: '$TTL 300\nwww', line: 2, reason: 'record for www.example.org. has no type' },
  { name: 'owner, TTL and class but no type', zone: 'www 300 IN ; forgot\n', line: 1, reason: 'record for www.example.org. has no type' },
  { name: 'TTL above 2^31-1 (RFC 2181 8)', zone: 'www 2147483648 A 192.0.2.1', line: 1, reason: 'TTL 2147483648 is out of range (0-2147483647, RFC 2181 8)' },
  { name: 'TTL above 2^32-1', zone: 'www 4294967296 A 192.0.2.1', line: 1, reason: 'TTL 4294967296 is out of range (0-4294967295)' },
  { name: 'TTL with units out of range', zone: 'www 4000w A 192.0.2.1', line: 1, reason: 'TTL 4000w is out of range (0-2147483647, RFC 2181 8)' },
  { name: '$TTL out of range', zone: '$TTL 2147483648', line: 1, reason: 'TTL 2147483648 is out of range (0-2147483647, RFC 2181 8)' },
  { name: 'no TTL anywhere', zone: 'www A 192.0.2.1', line: 1, reason: 'no TTL for this record: add a $TTL line or give the record a TTL' },
  { name: 'SOA minimum only counts when the SOA is first', zone: 'www IN A 192.0.2.1\n@ SOA ns1 host 1 2 3 4 5', line: 1, reason: 'no TTL for this record: add a $TTL line or give the record a TTL' },
  // Directives
  { name: '$INCLUDE', zone: '$TTL 300\n$INCLUDE other.zone', line: 2, reason: '$INCLUDE is not supported: put the included records in this file' },
  { name: '$GENERATE', zone: '$GENERATE 1-10 host$ A 192.0.2.$', line: 1, reason: '$GENERATE is not supported: write the records out' },
  { name: 'unknown directive', zone: '$ORIGN example.org.', line: 1, reason: 'unknown directive $ORIGN' },
  { name: 'indented directive', zone: 'www 300 A 192.0.2.1\n  $TTL 60', line: 2, reason: '$TTL must start at the beginning of its line' },
  { name: '$TTL without a value', zone: '$TTL', line: 1, reason: '$TTL takes exactly one value, got 0' },
  { name: '$ORIGIN with two values', zone: '$ORIGIN a b', line: 1, reason: '$ORIGIN takes exactly one value, got 2' },
  { name: '$TTL not a number', zone: '$TTL soon', line: 1, reason: 'TTL "soon" is not a number of seconds' },
  // Record data, reported on the line the entry starts
  { name: 'bad address', zone: 'www 300 A 192.0.2.256', line: 1, reason: 'bad A record data: "192.0.2.256" is not an IPv4 address' },
  { name: 'missing MX exchange', zone: 'www 300 MX 10', line: 1, reason: 'bad MX record data: missing name' },
  { name: 'extra data', zone: 'www 300 CNAME a b', line: 1, reason: 'bad CNAME record data: unexpected "b" after the record data' },
  { name: 'bad SOA field on a continuation line', zone: '$TTL 300\n@ SOA ns1 host (\n 1 2 3\n x 5 )', line: 2, reason: 'bad SOA record data: period "x" is not a number of seconds' },
  { name: '\\# length mismatch', zone: 'www 300 TYPE65280 \\# 3 abcd', line: 1, reason: 'bad TYPE65280 record data: RFC 3597 rdata has 2 bytes of hex, expected 3' },
  { name: '\\# not valid for the type', zone: 'www 300 A \\# 3 c00002', line: 1, reason: 'bad A record data: IPv4 address runs past the end of the rdata (at byte 0)' },
  { name: 'error after good records', zone: '$TTL 300\nwww A 192.0.2.1\nftp A 192.0.2.2\nmail MX mail', line: 4, reason: 'bad MX record data: number "mail" is not a number' },
];

describe('parseMasterFile errors', () => {
  it.each(errors)('$name', ({ zone, line, reason }) => {
    let err: unknown;
    try {
      parseMasterFile(zone, { origin, fileName: 'db.example.org' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MasterFileError);
    const m = err as MasterFileError;
    expect({ line: m.line, reason: m.reason }).toEqual({ line, reason });
    expect(m.fileName).toBe('db.example.org');
    expect(m.message).toBe(`db.example.org:${line}: ${reason}`);
  });

  it('refuses a defaultTtl that is not a TTL (a caller bug, not a file error)', () => {
    expect(() => parseMasterFile('', { origin, defaultTtl: 2 ** 31 })).toThrow(RangeError);
  });

  it('names the input "<input>" when no file name is given', () => {
    expect(() => parseMasterFile('www A 192.0.2.1', { origin })).toThrow('<input>:1: no TTL for this record');
  });
});
