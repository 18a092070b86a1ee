/**
 * Policies that depend on where the client is, end to end: a running `signpost start` with a
 * fixture geolocation database (src/geo/fixtures.ts: 198.51.100.0/24 is Virginia, 192.0.2.0/24
 * California, 203.0.113.0/24 Hesse (DE), 2001:db8:1::/48 Tokyo), a CIDR collection, and an
 * upstream resolver for an alias outside the zone that the test starts and stops. Clients in
 * different places are simulated with dig +subnet (EDNS Client Subnet); without the option the
 * source address (127.0.0.1, in no database) is used. TestDNSAnswer must agree with dig.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Route53Client, CreateHostedZoneCommand, ChangeResourceRecordSetsCommand, CreateCidrCollectionCommand, ChangeCidrCollectionCommand,
  TestDNSAnswerCommand, type Change, type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { dig, signpost, startSignpost, tempDataDir, type Signpost } from '../helpers/signpost.ts';
import { digSections } from '../helpers/dns-case.ts';
import { tempDir } from '../helpers/temp-dirs.ts';
import { startTestUpstream, type TestUpstream } from '../helpers/upstream.ts';
import { geoFixtureMmdb } from '../../src/geo/index.ts';

const KEY = { accessKeyId: 'AKIASIGNPOSTGEO00001', secretAccessKey: 'Z2VvLXRlc3Qtc2VjcmV0LTAwMDAwMDAwMDAwMDAwMDA=' };

let sp: Signpost;
let client: Route53Client;
let upstream: TestUpstream;
let zoneId = '';
let mmdb = '';

const a = (name: string, value: string, extra: Partial<ResourceRecordSet>): Change => ({
  Action: 'CREATE', ResourceRecordSet: { Name: name, Type: 'A', TTL: 60, ResourceRecords: [{ Value: value }], ...extra },
});

/** dig's answer values and the ECS option it got back ('198.51.100.0/24/24'), for a client subnet. */
async function ask(name: string, subnet?: string): Promise<{ values: string[]; ecs: string | undefined; rcode: string; ttl: number[] }> {
  const out = await dig(sp.dnsPort, [name, 'A', ...(subnet ? [`+subnet=${subnet}`] : [])]);
  const s = digSections(out);
  return {
    values: s.answer.map((l) => l.split(' ').pop()!), ecs: /CLIENT-SUBNET: (\S+)/.exec(out)?.[1], rcode: s.rcode,
    ttl: s.answer.map((l) => Number(l.split(' ')[1])),
  };
}

beforeAll(async () => {
  mmdb = join(tempDir('signpost-geo-'), 'fixture.mmdb');
  writeFileSync(mmdb, geoFixtureMmdb());
  upstream = await startTestUpstream();
  upstream.names.set('lb-1.example.net.', { records: ['lb-1.example.net. 5 A 198.51.100.80', 'lb-1.example.net. 5 A 198.51.100.81'] });
  const dataDir = tempDataDir();
  await signpost(['keys', 'create', '--account', '111111111111', '--access-key-id', KEY.accessKeyId, '--secret-access-key', KEY.secretAccessKey, '--data-dir', dataDir]);
  sp = await startSignpost({
    dataDir,
    args: ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0', '--geoip-db', mmdb, '--upstream', `127.0.0.1:${upstream.port}`],
  });
  client = new Route53Client({ endpoint: `http://127.0.0.1:${sp.httpPort}`, region: 'us-east-1', credentials: KEY, maxAttempts: 1 });
  zoneId = (await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'geo-1' }))).HostedZone!.Id!.replace('/hostedzone/', '');
  const collection = await client.send(new CreateCidrCollectionCommand({ Name: 'offices', CallerReference: 'geo-offices' }));
  const cid = collection.Collection!.Id!;
  await client.send(new ChangeCidrCollectionCommand({ Id: cid, Changes: [
    { Action: 'PUT', LocationName: 'office', CidrList: ['198.51.100.0/24'] },
    { Action: 'PUT', LocationName: 'lab', CidrList: ['203.0.113.0/24', '2001:db8:1::/48'] },
    { Action: 'PUT', LocationName: 'loop', CidrList: ['127.0.0.0/24'] },
  ] }));
  const cidr = (LocationName: string) => ({ CidrRoutingConfig: { CollectionId: cid, LocationName } });
  await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [
    a('g.example.com', '192.0.2.1', { SetIdentifier: 'virginia', GeoLocation: { CountryCode: 'US', SubdivisionCode: 'VA' } }),
    a('g.example.com', '192.0.2.2', { SetIdentifier: 'us', GeoLocation: { CountryCode: 'US' } }),
    a('g.example.com', '192.0.2.3', { SetIdentifier: 'europe', GeoLocation: { ContinentCode: 'EU' } }),
    a('g.example.com', '192.0.2.4', { SetIdentifier: 'default', GeoLocation: { CountryCode: '*' } }),
    a('l.example.com', '192.0.2.10', { SetIdentifier: 'virginia', Region: 'us-east-1' }),
    a('l.example.com', '192.0.2.11', { SetIdentifier: 'frankfurt', Region: 'eu-central-1' }),
    a('l.example.com', '192.0.2.12', { SetIdentifier: 'tokyo', Region: 'ap-northeast-1' }),
    a('p.example.com', '192.0.2.20', { SetIdentifier: 'virginia', GeoProximityLocation: { AWSRegion: 'us-east-1' } }),
    a('p.example.com', '192.0.2.21', { SetIdentifier: 'frankfurt', GeoProximityLocation: { Coordinates: { Latitude: '50.11', Longitude: '8.68' } } }),
    a('pb.example.com', '192.0.2.20', { SetIdentifier: 'virginia', GeoProximityLocation: { AWSRegion: 'us-east-1', Bias: 60 } }),
    a('pb.example.com', '192.0.2.21', { SetIdentifier: 'frankfurt', GeoProximityLocation: { Coordinates: { Latitude: '50.11', Longitude: '8.68' } } }),
    a('ip.example.com', '192.0.2.30', { SetIdentifier: 'office', ...cidr('office') }),
    a('ip.example.com', '192.0.2.31', { SetIdentifier: 'lab', ...cidr('lab') }),
    a('ip.example.com', '192.0.2.33', { SetIdentifier: 'loop', ...cidr('loop') }),
    a('ip.example.com', '192.0.2.32', { SetIdentifier: 'rest', ...cidr('*') }),
    { Action: 'CREATE', ResourceRecordSet: { Name: 'lb.example.com', Type: 'A', AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'lb-1.example.net', EvaluateTargetHealth: false } } },
    { Action: 'CREATE', ResourceRecordSet: { Name: 'gone.example.com', Type: 'A', AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'never.example.net', EvaluateTargetHealth: false } } },
  ] } }));
  upstream.names.set('never.example.net.', { drop: true });
}, 90_000);
afterAll(async () => {
  await sp?.stop();
  await upstream?.stop();
});

// [name, client subnet or undefined (the source address 127.0.0.1), the answer, the ECS scope echoed]
const CASES: [string, string | undefined, string, number | undefined][] = [
  ['g.example.com', '198.51.100.0/24', '192.0.2.1', 24],
  ['g.example.com', '192.0.2.0/24', '192.0.2.2', 24],
  ['g.example.com', '203.0.113.0/24', '192.0.2.3', 24],
  ['g.example.com', '2001:db8:1::/48', '192.0.2.4', 48],
  ['g.example.com', undefined, '192.0.2.4', undefined],
  ['l.example.com', '198.51.100.0/24', '192.0.2.10', 24],
  ['l.example.com', '203.0.113.0/24', '192.0.2.11', 24],
  ['l.example.com', '2001:db8:1::/48', '192.0.2.12', 48],
  ['p.example.com', '203.0.113.0/24', '192.0.2.21', 24],
  ['p.example.com', '198.51.100.0/24', '192.0.2.20', 24],
  // From California, Frankfurt is 9,100 km and Virginia 3,900: a bias of 60 only widens Virginia.
  ['pb.example.com', '192.0.2.0/24', '192.0.2.20', 24],
  ['ip.example.com', '198.51.100.7/32', '192.0.2.30', 24],
  ['ip.example.com', '203.0.113.0/24', '192.0.2.31', 24],
  ['ip.example.com', '2001:db8:1::/48', '192.0.2.31', 48],
  ['ip.example.com', '192.0.2.0/24', '192.0.2.32', 24],
  ['ip.example.com', '198.51.0.0/16', '192.0.2.32', 16],
  ['ip.example.com', undefined, '192.0.2.33', undefined],
];

describe('answers by where the client is', () => {
  for (const [name, subnet, want, scope] of CASES) {
    it(`${name} for ${subnet ?? 'the source address'}: ${want}`, async () => {
      const got = await ask(name, subnet);
      expect(got.values).toEqual([want]);
      if (subnet) expect(got.ecs).toBe(`${subnet}/${scope}`);
    });
  }

  it('TestDNSAnswer agrees with dig for every client subnet', async () => {
    for (const [name, subnet, want] of CASES.filter(([, s]) => s !== undefined)) {
      const [ip, mask] = subnet!.split('/');
      const t = await client.send(new TestDNSAnswerCommand({ HostedZoneId: zoneId, RecordName: name, RecordType: 'A', EDNS0ClientSubnetIP: ip, EDNS0ClientSubnetMask: mask }));
      expect(t.RecordData, `${name} ${subnet}`).toEqual([want]);
    }
  });

  it('signpost explain says where the client was taken to be', async () => {
    const { stdout } = await signpost(['explain', 'g.example.com', 'A', '--subnet', '203.0.113.0/24', '--data-dir', sp.dataDir, '--geoip-db', mmdb]);
    expect(stdout).toContain('client:   EDNS Client Subnet 203.0.113.0/24, located in continent EU, country DE');
    expect(stdout).toContain('answer:   NOERROR (ECS scope /24)');
    expect(stdout).toContain('* europe: EU; chosen');
    expect(stdout).toContain('- virginia: US/VA; the client is not in US/VA');
    expect(stdout).toContain('- default: default location (*); a more specific location matched');
  });
});

describe('alias to a name outside the zone', () => {
  it('answers the upstream\'s addresses under the alias name, with their TTL', async () => {
    const got = await ask('lb.example.com');
    expect(got.values.sort()).toEqual(['198.51.100.80', '198.51.100.81']);
    expect(Math.max(...got.ttl)).toBeLessThanOrEqual(5);
  });

  it('keeps answering the last good addresses while the upstream is down', async () => {
    await upstream.stop();
    await new Promise((r) => setTimeout(r, 6500)); // past the 5 s TTL: refreshes fail meanwhile
    const got = await ask('lb.example.com');
    expect(got.values.sort()).toEqual(['198.51.100.80', '198.51.100.81']);
  }, 20_000);

  it('answers SERVFAIL while a target has never been resolved', async () => {
    expect((await ask('gone.example.com')).rcode).toBe('SERVFAIL');
  });
});
