/**
 * The authoritative answer table: one zone (example-org.zone) and what each question must get.
 * Run against lookup(), the responder, and a real server through dig (RFC 1034 4.3.2,
 * RFC 2308, RFC 4592, RFC 8482). Records are presentation strings; a TTL of * matches any.
 */
import { readFileSync } from 'node:fs';

export const ZONE_NAME = 'example.org.';
export const ZONE_TEXT = readFileSync(new URL('./example-org.zone', import.meta.url), 'utf8');

export type DnsCase = {
  name: string;
  qname: string;
  qtype: string;
  rcode?: 'NOERROR' | 'NXDOMAIN' | 'REFUSED' | 'FORMERR' | 'NOTIMP' | 'SERVFAIL';
  aa?: boolean;
  tc?: boolean;
  answer?: string[];
  authority?: string[];
  additional?: string[];
  /** An answer owner that must appear with exactly this spelling. */
  ownerCase?: string;
  /** Query without EDNS (512-byte UDP limit). */
  noEdns?: boolean;
};

const SOA = 'example.org. 300 IN SOA ns1.example.org. hostmaster.example.org. 2024010101 7200 900 1209600 300';
const BIG = Array.from({ length: 6 }, () => '"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"').join(' ');

export const cases: DnsCase[] = [
  { name: 'A at an existing name', qname: 'web.example.org.', qtype: 'A', answer: ['web.example.org. 3600 IN A 192.0.2.80'] },
  { name: 'a name with a repeated label (compression never points into the name being written)', qname: 'web.web.example.org.', qtype: 'A',
    answer: ['web.web.example.org. 3600 IN A 192.0.2.81'] },
  { name: 'CNAME followed inside the zone', qname: 'www.example.org.', qtype: 'A',
    answer: ['www.example.org. 3600 IN CNAME web.example.org.', 'web.example.org. 3600 IN A 192.0.2.80'] },
  { name: 'the question\'s case is kept', qname: 'WwW.Example.ORG.', qtype: 'A', ownerCase: 'WwW.Example.ORG.',
    answer: ['WwW.Example.ORG. 3600 IN CNAME web.example.org.', 'web.example.org. 3600 IN A 192.0.2.80'] },
  { name: 'CNAME asked for itself', qname: 'www.example.org.', qtype: 'CNAME', answer: ['www.example.org. 3600 IN CNAME web.example.org.'] },
  { name: 'a chain of CNAMEs', qname: 'chain1.example.org.', qtype: 'A', answer: [
    'chain1.example.org. 3600 IN CNAME chain2.example.org.', 'chain2.example.org. 3600 IN CNAME www.example.org.',
    'www.example.org. 3600 IN CNAME web.example.org.', 'web.example.org. 3600 IN A 192.0.2.80'] },
  { name: 'CNAME out of the zone stops the chain', qname: 'ext.example.org.', qtype: 'A', answer: ['ext.example.org. 3600 IN CNAME www.example.net.'] },
  { name: 'CNAME to a missing name is NXDOMAIN (RFC 6604)', qname: 'dangling.example.org.', qtype: 'A', rcode: 'NXDOMAIN',
    answer: ['dangling.example.org. 3600 IN CNAME missing.example.org.'], authority: [SOA] },
  { name: 'a CNAME loop ends', qname: 'loop1.example.org.', qtype: 'A',
    answer: ['loop1.example.org. 3600 IN CNAME loop2.example.org.', 'loop2.example.org. 3600 IN CNAME loop1.example.org.'] },
  { name: 'NXDOMAIN carries the SOA with TTL min(TTL, MINIMUM)', qname: 'nope.example.org.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'NODATA carries the SOA', qname: 'web.example.org.', qtype: 'AAAA', authority: [SOA] },
  { name: 'an empty non-terminal exists: NODATA', qname: 'b.ent.example.org.', qtype: 'A', authority: [SOA] },
  { name: 'an empty non-terminal blocks the wildcard above it', qname: 'ent.example.org.', qtype: 'A', authority: [SOA] },
  { name: 'below an empty non-terminal with no wildcard: NXDOMAIN', qname: 'x.b.ent.example.org.', qtype: 'A', rcode: 'NXDOMAIN', authority: [SOA] },
  { name: 'wildcard beside an empty non-terminal', qname: 'x.ent.example.org.', qtype: 'A', answer: ['x.ent.example.org. 3600 IN A 192.0.2.8'] },
  { name: 'wildcard synthesis keeps the qname as owner', qname: 'Anything.wild.example.org.', qtype: 'A', answer: ['Anything.wild.example.org. 3600 IN A 192.0.2.100'] },
  { name: 'wildcard synthesis two labels down', qname: 'a.b.wild.example.org.', qtype: 'TXT', answer: ['a.b.wild.example.org. 3600 IN TXT "wildcard"'] },
  { name: 'wildcard NODATA', qname: 'x.wild.example.org.', qtype: 'MX', authority: [SOA] },
  { name: 'the wildcard owner itself', qname: '*.wild.example.org.', qtype: 'A', answer: ['*.wild.example.org. 3600 IN A 192.0.2.100'] },
  { name: 'wildcard CNAME is followed', qname: 'x.cn.example.org.', qtype: 'A',
    answer: ['x.cn.example.org. 3600 IN CNAME web.example.org.', 'web.example.org. 3600 IN A 192.0.2.80'] },
  { name: 'referral at the cut: AA clear, NS in authority, glue in additional', qname: 'sub.example.org.', qtype: 'A', aa: false,
    authority: ['sub.example.org. 3600 IN NS ns.sub.example.org.', 'sub.example.org. 3600 IN NS ns.example.net.'],
    additional: ['ns.sub.example.org. 3600 IN A 192.0.2.60'] },
  { name: 'referral below the cut', qname: 'deep.www.sub.example.org.', qtype: 'AAAA', aa: false,
    authority: ['sub.example.org. 3600 IN NS ns.sub.example.org.', 'sub.example.org. 3600 IN NS ns.example.net.'],
    additional: ['ns.sub.example.org. 3600 IN A 192.0.2.60'] },
  { name: 'glue is not answered authoritatively', qname: 'ns.sub.example.org.', qtype: 'A', aa: false,
    authority: ['sub.example.org. 3600 IN NS ns.sub.example.org.', 'sub.example.org. 3600 IN NS ns.example.net.'],
    additional: ['ns.sub.example.org. 3600 IN A 192.0.2.60'] },
  { name: 'NS at the cut is a referral too', qname: 'sub.example.org.', qtype: 'NS', aa: false,
    authority: ['sub.example.org. 3600 IN NS ns.sub.example.org.', 'sub.example.org. 3600 IN NS ns.example.net.'],
    additional: ['ns.sub.example.org. 3600 IN A 192.0.2.60'] },
  { name: 'DS at the cut is answered by the parent (RFC 4035 3.1.4.1)', qname: 'sub.example.org.', qtype: 'DS',
    answer: ['sub.example.org. 3600 IN DS 12345 13 2 2BB183AF5F22588179A53B0A98631FAD1A292118D0D2A19DF5F10A9D5E74A1A1'] },
  { name: 'CNAME into a delegation: CNAME then referral', qname: 'below.example.org.', qtype: 'A',
    answer: ['below.example.org. 3600 IN CNAME host.sub.example.org.'],
    authority: ['sub.example.org. 3600 IN NS ns.sub.example.org.', 'sub.example.org. 3600 IN NS ns.example.net.'],
    additional: ['ns.sub.example.org. 3600 IN A 192.0.2.60'] },
  { name: 'MX target address in additional', qname: 'example.org.', qtype: 'MX',
    answer: ['example.org. 3600 IN MX 10 mail.example.org.'], additional: ['mail.example.org. 3600 IN A 192.0.2.25'] },
  { name: 'an MX target made by a wildcard gets its address in additional', qname: 'mxw.example.org.', qtype: 'MX',
    answer: ['mxw.example.org. 3600 IN MX 10 host.wild.example.org.'], additional: ['host.wild.example.org. 3600 IN A 192.0.2.100'] },
  { name: 'RRSIG at a CNAME does not follow it (RFC 4035 2.5)', qname: 'www.example.org.', qtype: 'RRSIG', authority: [SOA] },
  { name: 'SRV target address in additional', qname: '_sip._tcp.example.org.', qtype: 'SRV',
    answer: ['_sip._tcp.example.org. 3600 IN SRV 10 5 5060 sip.example.org.'], additional: ['sip.example.org. 3600 IN AAAA 2001:db8::5060'] },
  { name: 'apex NS with in-zone name server addresses', qname: 'example.org.', qtype: 'NS',
    answer: ['example.org. 3600 IN NS ns1.example.org.', 'example.org. 3600 IN NS ns2.example.net.'],
    additional: ['ns1.example.org. 3600 IN A 192.0.2.53', 'ns1.example.org. 3600 IN AAAA 2001:db8::53'] },
  { name: 'apex SOA', qname: 'example.org.', qtype: 'SOA', answer: ['example.org. 3600 IN SOA ns1.example.org. hostmaster.example.org. 2024010101 7200 900 1209600 300'] },
  { name: 'ANY is answered with one RRset (RFC 8482)', qname: 'example.org.', qtype: 'ANY', answer: ['example.org. 3600 IN A 192.0.2.1'] },
  { name: 'a zone we do not host is REFUSED', qname: 'www.example.net.', qtype: 'A', rcode: 'REFUSED', aa: false },
  { name: 'a large answer over 512 bytes without EDNS is truncated', qname: 'big.example.org.', qtype: 'TXT', noEdns: true, tc: true },
  { name: 'a large answer fits with EDNS', qname: 'big.example.org.', qtype: 'TXT', answer: [`big.example.org. 3600 IN TXT ${BIG}`] },
];
