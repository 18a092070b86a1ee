/**
 * The responder's answers for names with routing policies and aliases agree, query by query,
 * with lookup()'s answer for the same client and the same random draws. The responder routes a
 * name's own set first and reuses answers kept for equal choices (responder.ts answerRouted),
 * so this checks that shortcut, and the kept answers, against the engine itself.
 */
import { describe, expect, it } from 'vitest';
import { RRType, type LowerName } from '../dns/index.ts';
import { ask, clientContext, zoneWith } from '../answer/testing.ts';
import { seededRng } from '../answer/rng.ts';
import type { Place, Services } from '../answer/context.ts';
import type { HealthSnapshot } from '../answer/health.ts';
import { answerSections, caseQuery, wireSections } from '../../test/helpers/dns-case.ts';
import { createResponder } from './responder.ts';

const SOA = '@ 900 IN SOA ns-1.example.net. hostmaster.example.com. 1 7200 900 1209600 86400\n@ 172800 IN NS ns-1.example.net.\n'
  + 'static 300 IN A 192.0.2.99\nsub 300 IN NS ns.sub.example.com.\nns.sub 300 IN A 192.0.2.53\n';
const PLACES: Record<string, Place> = {
  '198.51.100': { continent: 'NA', country: 'US', subdivision: 'VA', latitude: 38.9, longitude: -77.0, prefixLength: 24 },
  '203.0.113': { continent: 'EU', country: 'DE', subdivision: '', latitude: 50.1, longitude: 8.7, prefixLength: 24 },
};
const services: Services = { locate: (family, a) => (family === 4 ? PLACES[`${a[0]}.${a[1]}.${a[2]}`] : undefined) };

const zone = zoneWith('example.com.', SOA, [
  { lines: ['w 60 IN A 192.0.2.10'], id: 'a', routing: { weight: 3, healthCheckId: 'hc-a' } },
  { lines: ['w 60 IN A 192.0.2.11'], id: 'b', routing: { weight: 1, healthCheckId: 'hc-b' } },
  { lines: ['f 60 IN A 192.0.2.20'], id: 'p', routing: { failover: 'PRIMARY', healthCheckId: 'hc-a' } },
  { lines: ['f 60 IN A 192.0.2.21'], id: 's', routing: { failover: 'SECONDARY' } },
  // Geolocation with no default: a client from elsewhere gets NODATA with the SOA.
  { lines: ['geo 60 IN A 192.0.2.30'], id: 'us', routing: { geoLocation: { countryCode: 'US' } } },
  { lines: ['geo 60 IN A 192.0.2.31'], id: 'eu', routing: { geoLocation: { continentCode: 'EU' } } },
  { lines: ['m 60 IN A 192.0.2.40'], id: '1', routing: { multiValueAnswer: true, healthCheckId: 'hc-b' } },
  { lines: ['m 60 IN A 192.0.2.41'], id: '2', routing: { multiValueAnswer: true } },
  { lines: ['m 60 IN A 192.0.2.42'], id: '3', routing: { multiValueAnswer: true } },
  // Aliases: the apex to the weighted group, a CNAME group's member, a name under a delegation.
  { lines: ['@ 60 IN A 192.0.2.1'], routing: { alias: { hostedZoneId: 'ZTEST', dnsName: 'w.example.com.', evaluateTargetHealth: true } } },
  { lines: ['c 60 IN CNAME static.example.com.'], id: 'x', routing: { weight: 1 } },
  { lines: ['c 60 IN CNAME w.example.com.'], id: 'y', routing: { weight: 1 } },
  { lines: ['hidden.sub 60 IN A 192.0.2.50'], id: 'h', routing: { weight: 1 } },
]);

/** Asks the responder and lookup() the same questions from `peer`; returns the distinct answers seen. */
function compare(health: HealthSnapshot, peer: string, questions: [string, number][], rounds = 60): Set<string> {
  const r = createResponder({ services, rng: seededRng(7) });
  r.setCatalog({ zones: new Map<LowerName, typeof zone>([[zone.apex, zone]]) });
  r.setHealth(health);
  const c = clientContext(services, health, peer, undefined, 7);
  const seen = new Set<string>();
  for (let i = 0; i < rounds; i++) {
    for (const [qname, qtype] of questions) {
      const wire = wireSections(r.respond(caseQuery({ name: qname, qname, qtype: qtype === RRType.A ? 'A' : qtype === RRType.AAAA ? 'AAAA' : 'CNAME' }), false, peer)!);
      const engine = answerSections(ask(zone, qname, qtype, c));
      expect({ qname, qtype, ...wire }).toEqual({ qname, qtype, ...engine });
      seen.add(`${qname} ${wire.rcode} ${wire.answer.join(',')}`);
    }
  }
  return seen;
}

const ALL: [string, number][] = [
  ['w.example.com.', RRType.A], ['f.example.com.', RRType.A], ['geo.example.com.', RRType.A], ['m.example.com.', RRType.A],
  ['example.com.', RRType.A], ['c.example.com.', RRType.A], ['c.example.com.', RRType.CNAME], ['w.example.com.', RRType.AAAA],
  ['hidden.sub.example.com.', RRType.A],
];

describe('routed answers from the responder equal the engine\'s', () => {
  it('for a client in the US with everything healthy', () => {
    const seen = compare(new Map(), '198.51.100.7', ALL);
    expect([...seen].filter((s) => s.startsWith('w.example.com. NOERROR w.')).length).toBe(2); // both weighted members drawn
  });

  it('for a client nowhere in particular (geolocation NODATA) with a health check down', () => {
    const seen = compare(new Map([['hc-a', false]]), '192.0.2.200', ALL);
    expect(seen).toContain('geo.example.com. NOERROR ');
    expect(seen).toContain('f.example.com. NOERROR f.example.com. 60 IN A 192.0.2.21');
  });

  it('for a client in Europe with every weighted member down', () => {
    compare(new Map([['hc-a', false], ['hc-b', false]]), '203.0.113.9', ALL);
  });
});
