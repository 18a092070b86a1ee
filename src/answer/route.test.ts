import { describe, expect, it } from 'vitest';
import { RRType, Rcode } from '../dns/index.ts';
import { ask, clientContext, values, zoneWith } from './testing.ts';
import type { Place, Services } from './context.ts';
import type { Trace } from './trace.ts';

const SOA = '@ 900 IN SOA ns-1.example.net. hostmaster.example.com. 1 7200 900 1209600 86400\n@ 172800 IN NS ns-1.example.net.\nwww 300 IN A 192.0.2.1\n';
const A = RRType.A;
const healthy = new Map<string, boolean>();
const down = (...ids: string[]) => new Map(ids.map((id) => [id, false] as const));

const place = (continent: string, country: string, subdivision = '', latitude = NaN, longitude = NaN, prefixLength = 24): Place =>
  ({ continent, country, subdivision, latitude, longitude, prefixLength });
/** A geolocation "database" for tests: a few fixed networks. */
const PLACES: Record<string, Place> = {
  '198.51.100': place('NA', 'US', 'VA', 38.9, -77.0, 22),
  '198.51.101': place('NA', 'US', 'CA', 37.4, -122.1),
  '203.0.113': place('EU', 'DE', '', 50.1, 8.7, 20),
  '192.0.2': place('AS', 'JP', '', 35.7, 139.7),
};
const services: Services = {
  locate: (family, a) => (family === 4 ? PLACES[`${a[0]}.${a[1]}.${a[2]}`] : undefined),
  latencyMs: (p, region) => {
    const at: Record<string, [number, number]> = { 'us-east-1': [38.9, -77.4], 'eu-central-1': [50.1, 8.7], 'ap-northeast-1': [35.7, 139.7] };
    const r = at[region];
    if (!p || !r) return 100;
    return Math.hypot(p.latitude - r[0], p.longitude - r[1]);
  },
  regionAt: (r) => (r === 'us-east-1' ? { latitude: 38.9, longitude: -77.4 } : r === 'eu-central-1' ? { latitude: 50.1, longitude: 8.7 } : undefined),
};

describe('weighted', () => {
  const zone = zoneWith('example.com.', SOA, [
    { lines: ['w 60 IN A 192.0.2.10'], id: 'a', routing: { weight: 1, healthCheckId: 'hc-a' } },
    { lines: ['w 60 IN A 192.0.2.11'], id: 'b', routing: { weight: 1, healthCheckId: 'hc-b' } },
    { lines: ['w 60 IN A 192.0.2.12'], id: 'z', routing: { weight: 0, healthCheckId: 'hc-z' } },
  ]);
  const draw = (health: Map<string, boolean>, n = 200) => {
    const c = clientContext(services, health);
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) for (const v of values(ask(zone, 'w.example.com.', A, c))) seen.add(v);
    return [...seen].sort();
  };

  it('draws among healthy non-zero members', () => expect(draw(healthy)).toEqual(['192.0.2.10', '192.0.2.11']));
  it('leaves an unhealthy member out of the draw', () => expect(draw(down('hc-a'))).toEqual(['192.0.2.11']));
  it('uses zero-weight members when every weighted one is unhealthy', () => expect(draw(down('hc-a', 'hc-b'))).toEqual(['192.0.2.12']));
  it('treats all as healthy when none is', () => expect(draw(down('hc-a', 'hc-b', 'hc-z'))).toEqual(['192.0.2.10', '192.0.2.11']));
  it('answers the same draw for the same seed', () => {
    const run = () => Array.from({ length: 20 }, (_, i) => values(ask(zone, 'w.example.com.', A, clientContext(services, healthy, undefined, undefined, i)))[0]);
    expect(run()).toEqual(run());
  });
});

describe('failover', () => {
  const zone = zoneWith('example.com.', SOA, [
    { lines: ['f 60 IN A 192.0.2.10'], id: 'p', routing: { failover: 'PRIMARY', healthCheckId: 'hc-p' } },
    { lines: ['f 60 IN A 192.0.2.20'], id: 's', routing: { failover: 'SECONDARY', healthCheckId: 'hc-s' } },
    { lines: ['lone 60 IN A 192.0.2.30'], id: 'p', routing: { failover: 'PRIMARY', healthCheckId: 'hc-p' } },
  ]);
  const cases: [string, Map<string, boolean>, string][] = [
    ['both healthy: the primary', healthy, '192.0.2.10'],
    ['primary unhealthy: the secondary', down('hc-p'), '192.0.2.20'],
    ['secondary unhealthy: the primary', down('hc-s'), '192.0.2.10'],
    ['both unhealthy: the primary', down('hc-p', 'hc-s'), '192.0.2.10'],
  ];
  for (const [what, health, want] of cases) {
    it(what, () => expect(values(ask(zone, 'f.example.com.', A, clientContext(services, health)))).toEqual([want]));
  }
  it('a primary alone answers even when unhealthy', () => {
    expect(values(ask(zone, 'lone.example.com.', A, clientContext(services, down('hc-p'))))).toEqual(['192.0.2.30']);
  });
});

describe('geolocation', () => {
  const zone = zoneWith('example.com.', SOA, [
    { lines: ['g 60 IN A 192.0.2.1'], id: 'va', routing: { geoLocation: { countryCode: 'US', subdivisionCode: 'VA' }, healthCheckId: 'hc-va' } },
    { lines: ['g 60 IN A 192.0.2.2'], id: 'us', routing: { geoLocation: { countryCode: 'US' } } },
    { lines: ['g 60 IN A 192.0.2.3'], id: 'eu', routing: { geoLocation: { continentCode: 'EU' } } },
    { lines: ['g 60 IN A 192.0.2.4'], id: 'any', routing: { geoLocation: { countryCode: '*' } } },
    { lines: ['nodef 60 IN A 192.0.2.5'], id: 'de', routing: { geoLocation: { countryCode: 'DE' } } },
  ]);
  const at = (address: string, health = healthy, prefix?: number) => {
    const c = clientContext(services, health, address, prefix);
    return { a: ask(zone, 'g.example.com.', A, c), c };
  };

  it('picks the subdivision first', () => expect(values(at('198.51.100.7').a)).toEqual(['192.0.2.1']));
  it('then the country', () => expect(values(at('198.51.101.7').a)).toEqual(['192.0.2.2']));
  it('then the continent', () => expect(values(at('203.0.113.9').a)).toEqual(['192.0.2.3']));
  it('then the default', () => expect(values(at('192.0.2.200').a)).toEqual(['192.0.2.4']));
  it('falls through an unhealthy subdivision to the country', () => expect(values(at('198.51.100.7', down('hc-va')).a)).toEqual(['192.0.2.2']));
  it('answers an unknown client with the default', () => expect(values(at('10.0.0.1').a)).toEqual(['192.0.2.4']));
  it('reports the network length as the ECS scope', () => expect(at('198.51.100.0', healthy, 24).c.scope).toBe(22));
  it('answers NODATA when nothing matches and there is no default', () => {
    const a = ask(zone, 'nodef.example.com.', A, clientContext(services, healthy, '192.0.2.1'));
    expect(a.rcode).toBe(Rcode.NOERROR);
    expect(a.answer).toEqual([]);
    expect(a.authority).toHaveLength(1);
  });
});

describe('latency and geoproximity', () => {
  const zone = zoneWith('example.com.', SOA, [
    { lines: ['l 60 IN A 192.0.2.1'], id: 'us', routing: { region: 'us-east-1', healthCheckId: 'hc-us' } },
    { lines: ['l 60 IN A 192.0.2.2'], id: 'eu', routing: { region: 'eu-central-1' } },
    { lines: ['p 60 IN A 192.0.2.1'], id: 'us', routing: { geoProximity: { awsRegion: 'us-east-1' } } },
    { lines: ['p 60 IN A 192.0.2.2'], id: 'eu', routing: { geoProximity: { coordinates: { latitude: '50.11', longitude: '8.68' } } } },
    { lines: ['pb 60 IN A 192.0.2.1'], id: 'us', routing: { geoProximity: { awsRegion: 'us-east-1', bias: 50 } } },
    { lines: ['pb 60 IN A 192.0.2.2'], id: 'eu', routing: { geoProximity: { coordinates: { latitude: '50.11', longitude: '8.68' } } } },
  ]);
  const q = (name: string, address: string, health = healthy) => values(ask(zone, name, A, clientContext(services, health, address)));

  it('latency: the region nearest the client', () => {
    expect(q('l.example.com.', '198.51.100.1')).toEqual(['192.0.2.1']);
    expect(q('l.example.com.', '203.0.113.1')).toEqual(['192.0.2.2']);
  });
  it('latency: the next-best region when the best is unhealthy', () => expect(q('l.example.com.', '198.51.100.1', down('hc-us'))).toEqual(['192.0.2.2']));
  // From Tokyo, Frankfurt (9,300 km) is nearer than northern Virginia (10,900 km); a bias of
  // 50 halves Virginia's distance for the comparison.
  it('geoproximity: the nearest location', () => expect(q('p.example.com.', '192.0.2.1')).toEqual(['192.0.2.2']));
  it('geoproximity: a positive bias widens a location\'s area', () => expect(q('pb.example.com.', '192.0.2.1')).toEqual(['192.0.2.1']));
});

describe('IP-based (CIDR collections)', () => {
  const cidr = new Map([['c1', [{ name: 'office', cidrs: ['198.51.100.0/24', '2001:db8::/32'] }, { name: 'lab', cidrs: ['198.51.100.128/25'] }]]]);
  const zone = zoneWith('example.com.', SOA, [
    { lines: ['ip 60 IN A 192.0.2.1'], id: 'office', routing: { cidr: { collectionId: 'c1', locationName: 'office' } } },
    { lines: ['ip 60 IN A 192.0.2.2'], id: 'lab', routing: { cidr: { collectionId: 'c1', locationName: 'lab' }, healthCheckId: 'hc-lab' } },
    { lines: ['ip 60 IN A 192.0.2.3'], id: 'rest', routing: { cidr: { collectionId: 'c1', locationName: '*' } } },
  ], cidr);
  const q = (address: string, prefix?: number, health = healthy) => {
    const c = clientContext(services, health, address, prefix);
    return { v: values(ask(zone, 'ip.example.com.', A, c)), scope: c.scope };
  };

  it('matches the longest prefix', () => expect(q('198.51.100.200')).toEqual({ v: ['192.0.2.2'], scope: 25 }));
  it('matches a shorter block', () => expect(q('198.51.100.20')).toEqual({ v: ['192.0.2.1'], scope: 24 }));
  it('matches IPv6 blocks', () => expect(q('2001:db8:1::1').v).toEqual(['192.0.2.1']));
  it('answers the * location elsewhere', () => expect(q('192.0.2.99').v).toEqual(['192.0.2.3']));
  it('does not match a block longer than the client subnet', () => expect(q('198.51.100.0', 16).v).toEqual(['192.0.2.3']));
  it('answers the * location when the match is unhealthy', () => expect(q('198.51.100.200', undefined, down('hc-lab')).v).toEqual(['192.0.2.3']));
});

describe('multivalue answer', () => {
  const zone = zoneWith('example.com.', SOA, Array.from({ length: 12 }, (_, i) => (
    { lines: [`m 60 IN A 192.0.2.${i + 1}`], id: `m${i}`, routing: { multiValueAnswer: true, healthCheckId: `hc-${i}` } })));
  it('answers up to 8 healthy records', () => expect(values(ask(zone, 'm.example.com.', A, clientContext(services, healthy)))).toHaveLength(8));
  it('leaves unhealthy ones out', () => {
    const health = down(...Array.from({ length: 10 }, (_, i) => `hc-${i}`));
    expect(values(ask(zone, 'm.example.com.', A, clientContext(services, health))).sort()).toEqual(['192.0.2.11', '192.0.2.12']);
  });
  it('answers 8 of all when none is healthy', () => {
    const health = down(...Array.from({ length: 12 }, (_, i) => `hc-${i}`));
    expect(values(ask(zone, 'm.example.com.', A, clientContext(services, health)))).toHaveLength(8);
  });
});

describe('alias records', () => {
  const zone = zoneWith('example.com.', SOA, [
    { lines: ['@ 0 IN A 192.0.2.0'], routing: { alias: { hostedZoneId: 'ZTEST', dnsName: 'www.example.com.', evaluateTargetHealth: false } } },
    { lines: ['pool 60 IN A 192.0.2.10'], id: 'a', routing: { weight: 1, healthCheckId: 'hc-a' } },
    { lines: ['pool 60 IN A 192.0.2.11'], id: 'b', routing: { weight: 1, healthCheckId: 'hc-b' } },
    { lines: ['site 0 IN A 192.0.2.0'], id: 'p', routing: { failover: 'PRIMARY', alias: { hostedZoneId: 'ZTEST', dnsName: 'pool.example.com.', evaluateTargetHealth: true } } },
    { lines: ['site 60 IN A 192.0.2.99'], id: 's', routing: { failover: 'SECONDARY' } },
    { lines: ['loop1 0 IN A 192.0.2.0'], routing: { alias: { hostedZoneId: 'ZTEST', dnsName: 'loop2.example.com.', evaluateTargetHealth: false } } },
    { lines: ['loop2 0 IN A 192.0.2.0'], routing: { alias: { hostedZoneId: 'ZTEST', dnsName: 'loop1.example.com.', evaluateTargetHealth: false } } },
    { lines: ['lb 0 IN A 192.0.2.0'], routing: { alias: { hostedZoneId: 'Z35SXDOTRQ7X7K', dnsName: 'lb-1.example.net.', evaluateTargetHealth: false } } },
  ]);
  it('answers at the apex with the target\'s records and TTL', () => {
    const a = ask(zone, 'example.com.', A, clientContext(services, healthy));
    expect(values(a)).toEqual(['192.0.2.1']);
    expect(a.answer[0]!.ttl).toBe(300);
  });
  it('a failover alias with EvaluateTargetHealth stays while any member of its target group is healthy', () => {
    expect(values(ask(zone, 'site.example.com.', A, clientContext(services, down('hc-a'))))).toEqual(['192.0.2.11']);
  });
  it('a failover alias with EvaluateTargetHealth gives way when its whole target group is unhealthy', () => {
    expect(values(ask(zone, 'site.example.com.', A, clientContext(services, down('hc-a', 'hc-b'))))).toEqual(['192.0.2.99']);
  });
  it('an alias loop answers SERVFAIL', () => expect(ask(zone, 'loop1.example.com.', A, clientContext(services, healthy)).rcode).toBe(Rcode.SERVFAIL));
  it('an external alias with no addresses yet answers SERVFAIL', () => {
    expect(ask(zone, 'lb.example.com.', A, clientContext(services, healthy)).rcode).toBe(Rcode.SERVFAIL);
  });
  it('an external alias answers the resolver\'s last good addresses under the alias name', () => {
    const withExternal: Services = { ...services, external: (name, qtype) => (name === 'lb-1.example.net.' && qtype === A ? { rdatas: [new Uint8Array([198, 51, 100, 80])], ttl: 60 } : undefined) };
    const a = ask(zone, 'lb.example.com.', A, clientContext(withExternal, healthy));
    expect(values(a)).toEqual(['198.51.100.80']);
    expect(a.answer[0]!.ttl).toBe(60);
  });
  it('lists external targets for the resolver to track', () => expect(zone.externalAliases).toEqual([{ name: 'lb-1.example.net.', qtype: A }]));
});

describe('explanations', () => {
  it('say which member was chosen, which were withheld and why, and where the client was taken to be', () => {
    const zone = zoneWith('example.com.', SOA, [
      { lines: ['f 60 IN A 192.0.2.10'], id: 'p', routing: { failover: 'PRIMARY', healthCheckId: 'hc-p' } },
      { lines: ['f 60 IN A 192.0.2.20'], id: 's', routing: { failover: 'SECONDARY' } },
    ]);
    const c = clientContext(services, down('hc-p'), '198.51.100.7');
    c.trace = [];
    ask(zone, 'f.example.com.', A, c);
    const t: Trace = c.trace[0]!;
    expect(t.policy).toBe('failover');
    expect(t.members).toEqual([
      { setIdentifier: 'p', healthy: false, chosen: false, reason: 'PRIMARY (health check hc-p: unhealthy); withheld: unhealthy' },
      { setIdentifier: 's', healthy: true, chosen: true, reason: 'SECONDARY; chosen' },
    ]);
    expect(t.client).toBe('source address 198.51.100.7');
  });

  it('say when latency had no location to go by (every Region ties, the first answers)', () => {
    const zone = zoneWith('example.com.', SOA, [
      { lines: ['l 60 IN A 192.0.2.1'], id: 'us', routing: { region: 'us-east-1' } },
      { lines: ['l 60 IN A 192.0.2.2'], id: 'eu', routing: { region: 'eu-central-1' } },
    ]);
    const reasons = (address: string) => {
      const c = clientContext(services, healthy, address);
      c.trace = [];
      ask(zone, 'l.example.com.', A, c);
      return c.trace[0]!.members.map((m) => `${m.setIdentifier}: ${m.reason}`);
    };
    // Members are in set-identifier order.
    expect(reasons('10.1.2.3')).toEqual(['eu: region eu-central-1; chosen', 'us: region us-east-1; the client\'s location is unknown: all tie, and the first answers']);
    expect(reasons('198.51.100.1')).toEqual(['eu: region eu-central-1; another region has lower latency', 'us: region us-east-1; chosen']);
  });
});
