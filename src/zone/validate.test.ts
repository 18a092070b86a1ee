import { describe, expect, it } from 'vitest';
import { RRType, nameFromText } from '../dns/index.ts';
import { parseMasterFile } from './master-file.ts';
import { validateZone, type CheckedRecord } from './validate.ts';

const apex = nameFromText('example.org.');
const HEAD = '$ORIGIN example.org.\n$TTL 300\n@ SOA ns1 host 1 7200 900 1209600 300\n@ NS ns1\n';

/**
 * Records from master-file text, lines kept. The parser's origin is the root so that owners
 * outside example.org. reach validateZone (the parser would refuse them itself).
 */
function records(text: string): CheckedRecord[] {
  return parseMasterFile(text, { origin: nameFromText('.') });
}

/** Each zone (validated at example.org.) and every problem it must report, in order. */
const cases: { name: string; zone: string; problems: string[] }[] = [
  { name: 'a valid zone: delegation with glue, wildcard, CNAME out of the zone, mixed-case owners', zone: `${HEAD}ns1 A 192.0.2.53\nsub NS ns.sub\nns.sub A 192.0.2.54\n*.apps A 192.0.2.1\nWWW CNAME www.example.net.\nMail MX 10 mail\nmail A 192.0.2.25\n`, problems: [] },
  { name: 'owner outside the zone', zone: `${HEAD}www.example.net. A 192.0.2.1\n`, problems: ['line 5: www.example.net. is outside the zone example.org.'] },
  { name: 'owner sharing a suffix but not a label', zone: `${HEAD}badexample.org. A 192.0.2.1\n`, problems: ['line 5: badexample.org. is outside the zone example.org.'] },
  { name: 'owner above the apex', zone: `${HEAD}org. A 192.0.2.1\n`, problems: ['line 5: org. is outside the zone example.org.'] },
  { name: 'no SOA', zone: '$ORIGIN example.org.\n$TTL 300\n@ NS ns1\n', problems: ['the zone has no SOA record at its apex example.org.'] },
  { name: 'two SOA records (names the second)', zone: `${HEAD}@ SOA ns2 host 2 7200 900 1209600 300\n`, problems: ['line 5: the zone has 2 SOA records; exactly one is allowed'] },
  { name: 'no NS at the apex', zone: '$ORIGIN example.org.\n$TTL 300\n@ SOA ns1 host 1 7200 900 1209600 300\nsub NS ns1\n', problems: ['the zone has no NS records at its apex example.org.'] },
  { name: 'neither SOA nor NS', zone: '$ORIGIN example.org.\n$TTL 300\nwww A 192.0.2.1\n', problems: ['the zone has no SOA record at its apex example.org.', 'the zone has no NS records at its apex example.org.'] },
  { name: 'SOA below the apex', zone: `${HEAD}sub SOA ns1 host 1 7200 900 1209600 300\n`, problems: ['line 5: SOA record at sub.example.org. is not at the zone apex'] },
  { name: 'one RRset, two TTLs (names the first record that differs)', zone: `${HEAD}www 300 A 192.0.2.1\nwww 300 A 192.0.2.2\nwww 60 A 192.0.2.3\n`, problems: ['line 7: records of www.example.org. A have different TTLs (300 and 60); an RRset has one TTL (RFC 2181 5.2)'] },
  { name: 'same name, different types, different TTLs is fine', zone: `${HEAD}www 300 A 192.0.2.1\nwww 60 AAAA 2001:db8::1\n`, problems: [] },
  { name: 'CNAME beside other data', zone: `${HEAD}www CNAME web\nwww A 192.0.2.1\n`, problems: ['line 6: www.example.org. has a CNAME and A data; a CNAME must be alone (RFC 1034 3.6.2)'] },
  { name: 'CNAME beside other data, owners in different case', zone: `${HEAD}www A 192.0.2.1\nWWW CNAME web\n`, problems: ['line 5: WWW.example.org. has a CNAME and A data; a CNAME must be alone (RFC 1034 3.6.2)'] },
  { name: 'CNAME beside two other types', zone: `${HEAD}www CNAME web\nwww A 192.0.2.1\nwww TXT "x"\n`, problems: [
    'line 6: www.example.org. has a CNAME and A data; a CNAME must be alone (RFC 1034 3.6.2)',
    'line 7: www.example.org. has a CNAME and TXT data; a CNAME must be alone (RFC 1034 3.6.2)',
  ] },
  { name: 'two CNAMEs at one name (names the second)', zone: `${HEAD}www CNAME a\nwww CNAME b\n`, problems: ['line 6: www.example.org. has 2 CNAME records; only one is allowed'] },
  { name: 'CNAME at the apex (also beside the SOA and NS)', zone: `${HEAD}@ CNAME www.example.net.\n`, problems: [
    'line 5: CNAME at the zone apex example.org. is not allowed (RFC 1912 2.4)',
    'line 3: example.org. has a CNAME and SOA data; a CNAME must be alone (RFC 1034 3.6.2)',
    'line 4: example.org. has a CNAME and NS data; a CNAME must be alone (RFC 1034 3.6.2)',
  ] },
  { name: 'every problem is reported, not only the first', zone: '$ORIGIN example.org.\n$TTL 300\nwww.example.net. A 192.0.2.1\nwww CNAME a\nwww MX 10 mail\n', problems: [
    'line 3: www.example.net. is outside the zone example.org.',
    'the zone has no SOA record at its apex example.org.',
    'the zone has no NS records at its apex example.org.',
    'line 5: www.example.org. has a CNAME and MX data; a CNAME must be alone (RFC 1034 3.6.2)',
  ] },
];

describe('validateZone', () => {
  it.each(cases)('$name', ({ zone, problems }) => {
    expect(validateZone(apex, records(zone))).toEqual(problems);
  });

  it('allows RRSIG and NSEC beside a CNAME (RFC 2181 10.1, RFC 4035 2.5)', () => {
    const www = nameFromText('www.example.org.');
    const extra: CheckedRecord[] = [
      { owner: www, ttl: 300, type: RRType.CNAME, rdata: new Uint8Array([0]) },
      { owner: www, ttl: 300, type: RRType.RRSIG, rdata: new Uint8Array([1]) },
      { owner: www, ttl: 300, type: RRType.NSEC, rdata: new Uint8Array([2]) },
    ];
    expect(validateZone(apex, [...records(HEAD), ...extra])).toEqual([]);
  });

  it('leaves out the line when a record has none', () => {
    const lineless = records(`${HEAD}www CNAME web\nwww A 192.0.2.1\nwww.example.net. A 192.0.2.1\n`).map(({ line: _line, ...r }) => r);
    expect(validateZone(apex, lineless)).toEqual([
      'www.example.net. is outside the zone example.org.',
      'www.example.org. has a CNAME and A data; a CNAME must be alone (RFC 1034 3.6.2)',
    ]);
  });

  it('compares names without case: an apex given in upper case is the same zone', () => {
    expect(validateZone(nameFromText('EXAMPLE.ORG.'), records(HEAD))).toEqual([]);
  });
});
