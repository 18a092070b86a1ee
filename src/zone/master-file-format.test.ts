import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nameFromText, nameToText, type Name } from '../dns/index.ts';
import { compareNamesCanonical, formatMasterFile, parseMasterFile, type ZoneRecord } from './master-file.ts';

const origin = nameFromText('example.org.');
const parse = (text: string) => parseMasterFile(text, { origin });
const key = (r: ZoneRecord) => `${nameToText(r.owner)} ${r.ttl} ${r.class} ${r.type} ${Buffer.from(r.rdata).toString('hex')}`;

describe('compareNamesCanonical', () => {
  // The example of RFC 4034 6.1, moved under example.org.
  const canonical = [
    'example.org.', 'a.example.org.', 'yljkjljk.a.example.org.', 'Z.a.example.org.',
    'zABC.a.EXAMPLE.org.', 'z.example.org.', '\\001.z.example.org.', '*.z.example.org.', '\\200.z.example.org.',
  ];
  it('sorts the RFC 4034 6.1 example into its canonical order', () => {
    const shuffled = [...canonical].reverse().map((n) => nameFromText(n));
    shuffled.push(...shuffled.splice(0, 4));
    expect(shuffled.sort(compareNamesCanonical).map(nameToText)).toEqual(canonical.map((n) => nameToText(nameFromText(n))));
  });

  const pairs: [string, string, number][] = [
    ['www.example.org.', 'WWW.Example.ORG.', 0],
    ['example.org.', 'www.example.org.', -1],
    ['b.example.org.', 'a.b.example.org.', -1],
    ['a.b.example.org.', 'c.example.org.', -1],
    ['ab.example.org.', 'abc.example.org.', -1],
    ['example.com.', 'example.org.', -1],
    ['.', 'org.', -1],
  ];
  it.each(pairs)('%s vs %s', (a, b, sign) => {
    const n = (s: string): Name => nameFromText(s);
    expect(Math.sign(compareNamesCanonical(n(a), n(b)))).toBe(sign);
    expect(Math.sign(compareNamesCanonical(n(b), n(a)))).toBe(-sign || 0);
  });
});

describe('formatMasterFile', () => {
  it('puts the SOA first, then apex NS, then owners in canonical order, then types', () => {
    const records = parse(`$TTL 300
www AAAA 2001:db8::1
www A 192.0.2.1
@ MX 10 mail
b.sub A 192.0.2.3
@ NS ns2.example.net.
sub NS ns1.example.net.
@ SOA ns1.example.net. host.example.org. 1 7200 900 1209600 300
@ NS ns1.example.net.
a.sub A 192.0.2.2
www A 192.0.2.0
`);
    expect(formatMasterFile(origin, records)).toBe(`$ORIGIN example.org.
example.org. 300 IN SOA ns1.example.net. host.example.org. 1 7200 900 1209600 300
example.org. 300 IN NS ns2.example.net.
example.org. 300 IN NS ns1.example.net.
example.org. 300 IN MX 10 mail.example.org.
sub.example.org. 300 IN NS ns1.example.net.
a.sub.example.org. 300 IN A 192.0.2.2
b.sub.example.org. 300 IN A 192.0.2.3
www.example.org. 300 IN A 192.0.2.1
www.example.org. 300 IN A 192.0.2.0
www.example.org. 300 IN AAAA 2001:db8::1
`);
  });

  const tricky = `$TTL 300
a\\.b A 192.0.2.1
\\$dollar A 192.0.2.2
\\@ A 192.0.2.3
semi\\;colon\\(paren\\) A 192.0.2.4
space\\032name A 192.0.2.5
UPPER TXT "say \\"hi\\"" "back\\\\slash" "tab\\009" "caf\\195\\169" ""
@ CAA 0 issue "ca.example.net; account=\\"42\\""
@ TYPE65280 \\# 3 abcdef
@ TYPE65281 \\# 0
@ HINFO "PC (x86)" "OS; one"
`;
  const realistic = readFileSync(new URL('./testdata/example.org.zone', import.meta.url), 'utf8');

  it.each([['escapes and odd rdata', tricky], ['testdata/example.org.zone', realistic]])('round-trips %s', (_, zone) => {
    const records = parse(zone);
    const text = formatMasterFile(origin, records);
    const again = parse(text);
    expect(again.map(key).sort()).toEqual(records.map(key).sort());
    expect(formatMasterFile(origin, again)).toBe(text);
  });

  it('prints an empty zone as just the $ORIGIN line', () => {
    expect(formatMasterFile(origin, [])).toBe('$ORIGIN example.org.\n');
  });
});
