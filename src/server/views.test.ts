import { describe, expect, it } from 'vitest';
import { decodeMessage, Rcode, rdataToText, type LowerName } from '../dns/index.ts';
import type { ZoneIndex } from '../zone/zone-index.ts';
import { caseQuery, compileFromText } from '../../test/helpers/dns-case.ts';
import { createResponder, type Catalog } from './responder.ts';
import { createViewSelector, sharedBlocks, viewsNeeded, type CatalogZone, type ListenerView } from './views.ts';
import { cidrContains, formatCidr, parseAddress, parseCidr, cidrsOverlap } from './cidr.ts';

const SOA = (apex: string) => `${apex} 900 IN SOA ns-1.example.net. hostmaster.example.net. 1 7200 900 1209600 86400\n${apex} 172800 IN NS ns-1.example.net.\n`;
function zone(apex: string, body: string): ZoneIndex {
  return compileFromText(apex, SOA(apex) + body);
}

let clock = 0;
function entry(index: ZoneIndex, more: Partial<CatalogZone> = {}): CatalogZone {
  return { index, createdAt: `2026-01-01T00:00:${String(clock++).padStart(2, '0')}.000Z`, privateZone: false, nameServers: [], vpcs: [], ...more };
}

const publicCom = zone('example.com.', 'www.example.com. 300 IN A 192.0.2.1\npub.example.com. 300 IN A 192.0.2.9\n');
const privateCom = zone('example.com.', 'www.example.com. 300 IN A 10.0.0.1\n*.wild.example.com. 300 IN A 10.0.0.7\nalias.example.com. 300 IN CNAME www.example.com.\n');
const publicSub = zone('sub.example.com.', 'x.sub.example.com. 300 IN A 192.0.2.50\n');
const publicOrg = zone('example.org.', 'www.example.org. 300 IN A 192.0.2.80\n');
const privateInner = zone('in.example.org.', 'db.in.example.org. 300 IN A 10.0.0.99\n');

const VPC = 'vpc-0000000000000000a';
const OTHER_VPC = 'vpc-0000000000000000b';
const all: CatalogZone[] = [
  entry(publicCom, { nameServers: ['ns-1.example.net'] }),
  entry(privateCom, { privateZone: true, vpcs: [VPC] }),
  entry(publicSub, { nameServers: ['ns-1.example.net'] }),
  entry(publicOrg, { nameServers: ['ns-5.example.net'] }),
  entry(privateInner, { privateZone: true, vpcs: [OTHER_VPC] }),
];
const vpcs = [{ id: VPC, cidrs: ['10.1.0.0/16', 'fd00:1::/64'] }, { id: OTHER_VPC, cidrs: ['10.2.0.0/16', '10.1.7.0/24'] }];

function catalog(): Catalog {
  const zones = new Map<LowerName, ZoneIndex>();
  for (const z of all) if (!z.privateZone && !zones.has(z.index.apex)) zones.set(z.index.apex, z.index);
  return { zones, all, vpcs };
}

function ask(listeners: ListenerView[], qname: string, peer: string, listener = 0, qtype = 'A') {
  const r = createResponder({ listeners });
  r.setCatalog(catalog());
  const m = decodeMessage(r.respond(caseQuery({ name: qname, qname, qtype }), false, peer, listener)!);
  return { rcode: m.rcode, answers: m.answers.map((a) => rdataToText(a.type, a.rdata)) };
}

describe('cidr', () => {
  it('parses, canonicalises, contains and overlaps', () => {
    expect(formatCidr(parseCidr('10.1.2.3/16'))).toBe('10.1.0.0/16');
    expect(formatCidr(parseCidr('fd00:1:0:0::5/64'))).toBe('fd00:1::/64');
    expect(() => parseCidr('10.1.0.0/33')).toThrow(/at most 32/);
    expect(() => parseCidr('10.1.0.0')).toThrow(/not a CIDR/);
    expect(() => parseCidr('nope/8')).toThrow(/not an IP address/);
    expect(cidrContains(parseCidr('10.1.0.0/16'), parseAddress('10.1.255.3')!)).toBe(true);
    expect(cidrContains(parseCidr('10.1.0.0/17'), parseAddress('10.1.128.3')!)).toBe(false);
    expect(cidrContains(parseCidr('10.1.0.0/16'), parseAddress('::ffff:10.1.0.9')!)).toBe(true);
    expect(cidrContains(parseCidr('fd00:1::/64'), parseAddress('fd00:1::77')!)).toBe(true);
    expect(cidrContains(parseCidr('0.0.0.0/0'), parseAddress('fd00:1::77')!)).toBe(false);
    expect(cidrsOverlap(parseCidr('10.0.0.0/8'), parseCidr('10.1.7.0/24'))).toBe(true);
    expect(cidrsOverlap(parseCidr('10.0.0.0/16'), parseCidr('10.1.7.0/24'))).toBe(false);
    expect(parseAddress('not-an-address')).toBeUndefined();
  });
});

describe('views', () => {
  it('are not needed without private zones or bound listeners', () => {
    expect(viewsNeeded(all.filter((z) => !z.privateZone), [{}, {}])).toBe(false);
    expect(viewsNeeded(all, [])).toBe(true);
    expect(viewsNeeded([], [{ nameServers: ['ns-1.example.net'] }])).toBe(true);
  });

  it('a client in the VPC gets the private answer, one outside the public one', () => {
    expect(ask([], 'www.example.com.', '10.1.0.5').answers).toEqual(['10.0.0.1']);
    expect(ask([], 'www.example.com.', '192.0.2.200').answers).toEqual(['192.0.2.1']);
    expect(ask([], 'www.example.com.', 'fd00:1::9').answers).toEqual(['10.0.0.1']);
  });

  it('the private zone answers NXDOMAIN itself, even for names the public zone has', () => {
    const r = ask([], 'pub.example.com.', '10.1.0.5');
    expect([r.rcode, r.answers]).toEqual([Rcode.NXDOMAIN, []]);
    expect(ask([], 'pub.example.com.', '192.0.2.200').answers).toEqual(['192.0.2.9']);
  });

  it('a private zone hides more specific public zones below it', () => {
    expect(ask([], 'x.sub.example.com.', '10.1.0.5').rcode).toBe(Rcode.NXDOMAIN);
    expect(ask([], 'x.sub.example.com.', '192.0.2.200').answers).toEqual(['192.0.2.50']);
  });

  it('outside clients get REFUSED for a name only a private zone has; inside, the most specific private zone answers', () => {
    expect(ask([], 'db.in.example.org.', '192.0.2.200').rcode).toBe(Rcode.NXDOMAIN); // public example.org. answers
    expect(ask([], 'db.in.example.org.', '10.2.0.1').answers).toEqual(['10.0.0.99']);
    // 10.1.7.0/24 (OTHER_VPC) is more specific than 10.1.0.0/16 (VPC).
    expect(ask([], 'db.in.example.org.', '10.1.7.1').answers).toEqual(['10.0.0.99']);
    expect(ask([], 'www.example.com.', '10.1.7.1').answers).toEqual(['192.0.2.1']);
  });

  // Two VPCs with the same block (EC2 allows it: every default VPC is 172.31.0.0/16): a client in
  // it could be in either, so it sees neither's private zones; a bound listener still tells them apart.
  it('a block two VPCs share puts its clients in neither, unless a listener is bound to one', () => {
    const twins = [{ id: VPC, cidrs: ['10.1.0.0/16'] }, { id: OTHER_VPC, cidrs: ['10.1.0.0/16', '10.2.0.0/16'] }];
    const sel = createViewSelector(all, twins, [{}, { vpcId: OTHER_VPC }], (z) => z);
    expect(sel.select('10.1.0.5', 0).get(privateCom.apex)).toBe(publicCom);
    expect(sel.select('10.1.0.5', 0).get(privateInner.apex)).toBeUndefined();
    expect(sel.select('10.2.0.5', 0).get(privateInner.apex)).toBe(privateInner);
    expect(sel.select('10.1.0.5', 1).get(privateInner.apex)).toBe(privateInner);
    expect(sharedBlocks(twins)).toEqual([{ block: '10.1.0.0/16', vpcs: [VPC, OTHER_VPC] }]);
    expect(sharedBlocks(vpcs)).toEqual([]); // nested blocks: the most specific one decides
  });

  it('a listener bound to a VPC gives every client that VPC\'s view; wildcards and CNAMEs stay inside', () => {
    const bound = [{}, { vpcId: VPC }];
    expect(ask(bound, 'www.example.com.', '192.0.2.200', 1).answers).toEqual(['10.0.0.1']);
    expect(ask(bound, 'www.example.com.', '192.0.2.200', 0).answers).toEqual(['192.0.2.1']);
    expect(ask(bound, 'a.wild.example.com.', '192.0.2.200', 1).answers).toEqual(['10.0.0.7']);
    expect(ask(bound, 'a.wild.example.com.', '192.0.2.200', 0).rcode).toBe(Rcode.NXDOMAIN);
    expect(ask(bound, 'alias.example.com.', '192.0.2.200', 1).answers).toEqual(['www.example.com.', '10.0.0.1']);
  });

  it('a listener with name servers serves only the zones of those servers', () => {
    const byNs = [{ nameServers: ['ns-5.example.net'] }, { nameServers: ['ns-1.example.net'] }];
    expect(ask(byNs, 'www.example.org.', '192.0.2.200', 0).answers).toEqual(['192.0.2.80']);
    expect(ask(byNs, 'www.example.com.', '192.0.2.200', 0).rcode).toBe(Rcode.REFUSED);
    expect(ask(byNs, 'www.example.com.', '192.0.2.200', 1).answers).toEqual(['192.0.2.1']);
    expect(ask(byNs, 'www.example.org.', '192.0.2.200', 1).rcode).toBe(Rcode.REFUSED);
  });

  it('remembers at most cacheSize sources per listener and still answers right past it', () => {
    const seen: ZoneIndex[] = [];
    const sel = createViewSelector(all, vpcs, [], (z) => { seen.push(z); return z; }, 4);
    for (let i = 0; i < 20; i++) {
      const inside = sel.select(`10.1.0.${i}`, 0);
      expect(inside.get(privateCom.apex)).toBe(privateCom);
      expect(sel.select(`192.0.2.${i}`, 0).get(publicCom.apex)).toBe(publicCom);
    }
    // Views are built once: each zone wrapped once per view it is in.
    expect(seen.filter((z) => z === privateCom)).toHaveLength(1);
  });
});
