import { describe, expect, it } from 'vitest';
import { biasedDistance, greatCircleKm } from './distance.ts';
import { BASE_MS, MS_PER_KM, UNKNOWN_LATENCY_MS, createLatencyModel } from './latency.ts';
import { parseLatencyTable } from './latency-table.ts';
import { makePlace } from './place.ts';
import { parseAddress } from './parse-address.ts';
import { REGIONS } from './regions.ts';

const ashburn = makePlace('NA', 'US', 'VA', 39.04, -77.49, 24);
const frankfurt = makePlace('EU', 'DE', '', 50.11, 8.68, 24);
const sydney = makePlace('OC', 'AU', '', -33.87, 151.21, 24);

describe('distances', () => {
  it('measures great circles in km', () => {
    expect(greatCircleKm(40.71, -74.01, 51.51, -0.13)).toBeCloseTo(5570, -1); // New York - London
    expect(greatCircleKm(0, 0, 0, 180)).toBeCloseTo(Math.PI * 6371.0088, 3);
    expect(greatCircleKm(10, 10, 10, 10)).toBe(0);
  });

  it("applies Route 53's bias rule", () => {
    const target = { latitude: 0, longitude: 10 };
    const from = { latitude: 0, longitude: 0 };
    const d = greatCircleKm(0, 0, 0, 10);
    expect(biasedDistance(from, target, 0)).toBeCloseTo(d, 9);
    expect(biasedDistance(from, target, 50)).toBeCloseTo(d * 0.5, 9);
    expect(biasedDistance(from, target, 99)).toBeCloseTo(d * 0.01, 9);
    expect(biasedDistance(from, target, -50)).toBeCloseTo(d * 2, 9);
    expect(biasedDistance(from, target, -99)).toBeCloseTo(d * 100, 6);
  });
});

describe('the latency model', () => {
  const model = createLatencyModel();

  it('estimates from distance', () => {
    const d = greatCircleKm(ashburn.latitude, ashburn.longitude, REGIONS['eu-west-2']!.latitude, REGIONS['eu-west-2']!.longitude);
    expect(model.latencyMs(ashburn, 'eu-west-2')).toBeCloseTo(BASE_MS + MS_PER_KM * d, 9);
    expect(model.latencyMs(ashburn, 'us-east-1')).toBeLessThan(BASE_MS + 1);
    expect(model.latencyMs(ashburn, 'mars-north-1')).toBe(Infinity);
  });

  it('ranks regions nearest first', () => {
    const regions = ['ap-southeast-2', 'eu-central-1', 'us-east-1', 'sa-east-1'];
    expect(model.rank(ashburn, regions)[0]).toBe('us-east-1');
    expect(model.rank(frankfurt, regions)[0]).toBe('eu-central-1');
    expect(model.rank(sydney, regions)[0]).toBe('ap-southeast-2');
    expect(model.rank(frankfurt, Object.keys(REGIONS))[0]).toBe('eu-central-1');
  });

  it('places a client without coordinates at its continent, and an unknown one equally far from all', () => {
    const german = makePlace('EU', 'DE', '', NaN, NaN, 24);
    expect(model.rank(german, ['us-east-1', 'eu-central-1', 'ap-northeast-1'])[0]).toBe('eu-central-1');
    const nowhere = makePlace('', '', '', NaN, NaN, 24);
    expect(model.latencyMs(nowhere, 'us-east-1')).toBe(UNKNOWN_LATENCY_MS);
    expect(model.latencyMs(undefined, 'eu-west-1')).toBe(UNKNOWN_LATENCY_MS);
    expect(model.rank(undefined, ['eu-west-1', 'us-east-1'])).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('prefers measured rows, most specific first, and falls back to the estimate', () => {
    const table = parseLatencyTable([
      '# measured from our probes', 'client,region,ms', '',
      '*,us-east-1,300', 'continent:EU,us-east-1,90', 'country:DE,us-east-1,80', 'country:US-VA,us-east-1,2',
      '203.0.113.0/24,us-east-1,70', '203.0.113.128/25,us-east-1,60', '2001:db8::/32,us-east-1,50',
    ].join('\n'), 'lat.csv');
    const m = createLatencyModel(table);
    expect(m.tableRows).toBe(7);
    const from = (text: string) => {
      const a = new Uint8Array(16);
      const family = parseAddress(text, a) as 4 | 6;
      return m.latencyMs(frankfurt, 'us-east-1', family, a);
    };
    expect(from('203.0.113.200')).toBe(60);
    expect(from('203.0.113.1')).toBe(70);
    expect(from('198.51.100.1')).toBe(80);
    expect(from('2001:db8::1')).toBe(50);
    expect(from('2001:db9::1')).toBe(80);
    expect(m.latencyMs(frankfurt, 'us-east-1')).toBe(80);
    expect(m.latencyMs(makePlace('EU', 'FR', '', 1, 1, 24), 'us-east-1')).toBe(90);
    expect(m.latencyMs(ashburn, 'us-east-1')).toBe(2);
    expect(m.latencyMs(sydney, 'us-east-1')).toBe(300);
    expect(m.latencyMs(undefined, 'us-east-1')).toBe(300);
    expect(m.latencyMs(frankfurt, 'eu-central-1')).toBe(createLatencyModel().latencyMs(frankfurt, 'eu-central-1'));
  });
});

describe('parseLatencyTable', () => {
  it.each([
    ['us-east-1,1', 'lat.csv:1: expected 3 comma-separated fields (client,region,ms), found 2'],
    ['*,mars-north-1,1', 'lat.csv:1: unknown region "mars-north-1"'],
    ['*,us-east-1,-1', 'lat.csv:1: latency "-1" is not a non-negative number of milliseconds'],
    ['*,us-east-1,fast', 'lat.csv:1: latency "fast" is not a non-negative number of milliseconds'],
    ['DE,us-east-1,1', 'lat.csv:1: client "DE" is not a network (CIDR), continent:CODE, country:CODE, country:CODE-SUBDIVISION or *'],
    ['country:ZZ,us-east-1,1', 'lat.csv:1: unknown country "ZZ"'],
    ['country:US-ZZ,us-east-1,1', 'lat.csv:1: unknown subdivision "US-ZZ"'],
    ['continent:XX,us-east-1,1', 'lat.csv:1: unknown continent "XX" (continents are AF, AN, AS, EU, NA, OC, SA)'],
    ['192.0.2.1/24,us-east-1,1', 'lat.csv:1: "192.0.2.1/24" has bits set after /24'],
    ['192.0.2.0/33,us-east-1,1', 'lat.csv:1: "192.0.2.0/33": prefix length must be 0 to 32'],
    ['192.0.2/24,us-east-1,1', 'lat.csv:1: "192.0.2/24" is not an IPv4 or IPv6 network'],
    ['# c\n*,us-east-1,1\n\n*,us-east-1,2', 'lat.csv:4: a second row for client * and region us-east-1'],
    ['*,us-east-1,1\nclient,region,ms', 'lat.csv:2: unknown region "region"'],
  ])('%j fails with %j', (text, message) => {
    expect(() => parseLatencyTable(text, 'lat.csv')).toThrow(message);
  });
});
