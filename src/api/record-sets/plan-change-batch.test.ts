import { describe, expect, it } from 'vitest';
import type { RecordSetRow } from '../../store/types.ts';
import type { Change } from './model.ts';
import { formatChangeBatchErrors, planChangeBatch } from './plan-change-batch.ts';
import { APEX, RRType, ZONE, alias, change, rowOf, rrset } from './testing.ts';

const plan = (current: RecordSetRow[], changes: Change[], comment = '') => planChangeBatch(ZONE, [...APEX, ...current], changes, comment);
const ips = (n: number) => Array.from({ length: n }, (_, i) => `${['192.0.2', '198.51.100', '203.0.113'][Math.floor(i / 256)]}.${i % 256}`);
const longTxt = `"${'t'.repeat(250)}"${` "${'t'.repeat(250)}"`.repeat(14)}`;
const cidr = (id: string, loc: string) => ({ CidrRoutingConfig: { CollectionId: id, LocationName: loc } });
const C1 = '0123abcd-0123-4567-89ab-0123456789ab';
const C2 = '0123abcd-0123-4567-89ab-0123456789ac';

const www = rrset('www.example.com', 'A', ['192.0.2.1']);
const wwwCname = rrset('www.example.com', 'CNAME', ['app.example.net']);
const weighted = (id: string, weight: number, extra = {}) => rrset('w.example.com', 'A', ['192.0.2.1'], { SetIdentifier: id, Weight: weight, ...extra });

describe('planChangeBatch: InvalidChangeBatch messages', () => {
  const cases: { what: string; current?: RecordSetRow[]; changes: Change[]; messages: string[] }[] = [
    { what: 'CREATE of an existing set', current: [rowOf(www)], changes: [change('CREATE', www)],
      messages: ["Tried to create resource record set [name='www.example.com.', type='A'] but it already exists"] },
    { what: 'CREATE of an existing routing set', current: [rowOf(rrset('geo.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'Default', GeoLocation: { CountryCode: '*' } }))],
      changes: [change('CREATE', rrset('geo.example.com', 'A', ['192.0.2.9'], { SetIdentifier: 'Default', GeoLocation: { CountryCode: '*' } }))],
      messages: ["Tried to create resource record set [name='geo.example.com.', type='A', set-identifier='Default'] but it already exists"] },
    { what: 'CREATE of the apex SOA', changes: [change('CREATE', rrset('example.com', 'SOA', ['ns1.example.net. h.example.net. 2 7200 900 1209600 86400']))],
      messages: ["Tried to create resource record set [name='example.com.', type='SOA'] but it already exists"] },
    { what: 'CREATE of the apex NS', changes: [change('CREATE', rrset('example.com', 'NS', ['ns9.example.net']))],
      messages: ["Tried to create resource record set [name='example.com.', type='NS'] but it already exists"] },
    { what: 'DELETE of a missing set', changes: [change('DELETE', rrset('k.example.com', 'A', ['192.0.2.1']))],
      messages: ["Tried to delete resource record set [name='k.example.com.', type='A'] but it was not found"] },
    { what: 'DELETE of a missing routing set', current: [rowOf(weighted('one', 1))], changes: [change('DELETE', weighted('two', 1))],
      messages: ["Tried to delete resource record set [name='w.example.com.', type='A', set-identifier='two'] but it was not found"] },
    { what: 'DELETE with another TTL', current: [rowOf(www)], changes: [change('DELETE', { ...www, TTL: 60 })],
      messages: ["Tried to delete resource record set [name='www.example.com.', type='A'] but the values provided do not match the current values"] },
    { what: 'DELETE with fewer values', current: [rowOf(rrset('www.example.com', 'A', ['192.0.2.1', '192.0.2.2']))], changes: [change('DELETE', www)],
      messages: ["Tried to delete resource record set [name='www.example.com.', type='A'] but the values provided do not match the current values"] },
    { what: 'DELETE with another weight', current: [rowOf(weighted('one', 1))], changes: [change('DELETE', weighted('one', 2))],
      messages: ["Tried to delete resource record set [name='w.example.com.', type='A', set-identifier='one'] but the values provided do not match the current values"] },
    { what: 'DELETE without the health check', current: [rowOf(weighted('one', 1, { HealthCheckId: 'hc-1' }))], changes: [change('DELETE', weighted('one', 1))],
      messages: ["Tried to delete resource record set [name='w.example.com.', type='A', set-identifier='one'] but the values provided do not match the current values"] },
    { what: 'DELETE of an alias with another EvaluateTargetHealth', current: [rowOf(alias('a.example.com', 'A', 'd1.example.net', 'Z2OTHER'))],
      changes: [change('DELETE', alias('a.example.com', 'A', 'd1.example.net', 'Z2OTHER', { AliasTarget: { HostedZoneId: 'Z2OTHER', DNSName: 'd1.example.net', EvaluateTargetHealth: true } }))],
      messages: ["Tried to delete resource record set [name='a.example.com.', type='A'] but the values provided do not match the current values"] },
    { what: 'an alias outside the zone of a type other than A and AAAA (issue 6)', changes: [change('CREATE', alias('t.example.com', 'TXT', 'd1.example.net', 'Z2OTHER'))],
      messages: ['Tried to create an alias that targets d1.example.net., type TXT, outside the hosted zone: Signpost answers aliases to names outside the zone only for A and AAAA records'] },
    { what: 'an alias to a name of this zone under another zone id (aliases never cross hosted zones)', changes: [change('CREATE', alias('a.example.com', 'A', 'www.example.com', 'ZNOPE12345'))],
      messages: ['Tried to create an alias that targets www.example.com., type A in zone ZNOPE12345, but that target was not found'] },
    { what: 'a country Route 53 does not know (issue 6)', changes: [change('CREATE', rrset('g.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'x', GeoLocation: { CountryCode: 'QQ' } }))],
      messages: ['RRSet with DNS name g.example.com., type A, SetIdentifier x has a GeoLocation that does not exist: country = (QQ) (see ListGeoLocations)'] },
    { what: 'a geoproximity Local Zone group (issue 6)', changes: [change('CREATE', rrset('p.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'lz', GeoProximityLocation: { LocalZoneGroup: 'us-east-1-bos-1' } }))],
      messages: ['RRSet with DNS name p.example.com., type A, SetIdentifier lz uses LocalZoneGroup us-east-1-bos-1: Signpost does not know the locations of Local Zone groups; use AWSRegion or Coordinates'] },
    { what: 'a geoproximity AWSRegion that does not exist (issue 6)', changes: [change('CREATE', rrset('p.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'r', GeoProximityLocation: { AWSRegion: 'mars-north-1' } }))],
      messages: ['RRSet with DNS name p.example.com., type A, SetIdentifier r has an unknown AWSRegion mars-north-1'] },
    { what: 'a CNAME beside other records', current: [rowOf(www)], changes: [change('CREATE', wwwCname)],
      messages: ['RRSet of type CNAME with DNS name www.example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com.'] },
    { what: 'a record beside a CNAME', current: [rowOf(wwwCname)], changes: [change('CREATE', rrset('www.example.com', 'TXT', ['"x"']))],
      messages: ['RRSet of type TXT with DNS name www.example.com. is not permitted because a conflicting RRSet of type  CNAME with the same DNS name already exists in zone example.com.'] },
    { what: 'an alias beside a CNAME', current: [rowOf(wwwCname)], changes: [change('CREATE', alias('www.example.com', 'A', 'd1.example.net', 'Z2OTHER'))],
      messages: ['RRSet of type A with DNS name www.example.com. is not permitted because a conflicting RRSet of type  CNAME with the same DNS name already exists in zone example.com.'] },
    { what: 'a CNAME at the apex', changes: [change('CREATE', rrset('example.com', 'CNAME', ['app.example.net']))],
      messages: ['RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.',
        'RRSet of type CNAME with DNS name example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com.'] },
    { what: 'a name outside the zone', changes: [change('CREATE', rrset('foo.example.org', 'A', ['192.0.2.1']))],
      messages: ['RRSet with DNS name foo.example.org. is not permitted in zone example.com.'] },
    { what: 'the zone name with another suffix', changes: [change('CREATE', rrset('www.notexample.com', 'A', ['192.0.2.1']))],
      messages: ['RRSet with DNS name www.notexample.com. is not permitted in zone example.com.'] },
    { what: 'a value twice', changes: [change('CREATE', rrset('d.example.com', 'A', ['192.0.2.188', '192.0.2.188']))],
      messages: ["Duplicate Resource Record: '192.0.2.188'"] },
    { what: 'a set created twice', changes: [change('CREATE', rrset('ds01.example.com', 'CNAME', ['a.example.net'])), change('CREATE', rrset('ds01.example.com', 'CNAME', ['a.example.net']))],
      messages: ["The request contains an invalid set of changes for a resource record set 'CNAME ds01.example.com.'"] },
    { what: 'a set deleted twice', current: [rowOf(www)], changes: [change('DELETE', www), change('DELETE', www)],
      messages: ["The request contains an invalid set of changes for a resource record set 'A www.example.com.'"] },
    { what: 'a set upserted twice', changes: [change('UPSERT', www), change('UPSERT', www)],
      messages: ["The request contains an invalid set of changes for a resource record set 'A www.example.com.'"] },
    { what: 'a set created then deleted', changes: [change('CREATE', www), change('DELETE', www)],
      messages: ["The request contains an invalid set of changes for a resource record set 'A www.example.com.'"] },
    { what: 'the apex NS deleted', changes: [change('DELETE', rrset('example.com', 'NS', ['ns1.example.net.', 'ns2.example.net.', 'ns3.example.org.', 'ns4.example.org.'], { TTL: 172800 }))],
      messages: ['A HostedZone must contain at least one NS record for the zone itself.'] },
    { what: 'the apex SOA deleted', changes: [change('DELETE', rrset('example.com', 'SOA', ['ns1.example.net. hostmaster.example.net. 1 7200 900 1209600 86400'], { TTL: 900 }))],
      messages: ['A HostedZone must contain exactly one SOA record for the zone itself.'] },
    { what: 'an SOA below the apex', changes: [change('UPSERT', rrset('sub.example.com', 'SOA', ['ns1.example.net. h.example.net. 1 7200 900 1209600 86400']))],
      messages: ['RRSet of type SOA with DNS name sub.example.com. is not permitted because SOA records are only allowed at the apex of zone example.com.'] },
    { what: 'two SOA values', changes: [change('UPSERT', rrset('example.com', 'SOA', ['ns1.example.net. h.example.net. 1 7200 900 1209600 86400', 'ns1.example.net. h.example.net. 2 7200 900 1209600 86400']))],
      messages: ['RRSet of type SOA with DNS name example.com. has 2 values, but it must have exactly one'] },
    { what: 'two CNAME values', changes: [change('CREATE', rrset('c.example.com', 'CNAME', ['a.example.net', 'b.example.net']))],
      messages: ['RRSet of type CNAME with DNS name c.example.com. has 2 values, but it must have exactly one'] },
    { what: '401 values', changes: [change('CREATE', rrset('many.example.com', 'A', ips(401)))],
      messages: ['RRSet with DNS name many.example.com., type A has 401 values, but at most 400 are allowed'] },
    { what: 'over 1000 records (UPSERT counts twice)', changes: [change('UPSERT', rrset('a.example.com', 'A', ips(251))), change('UPSERT', rrset('b.example.com', 'A', ips(251)))],
      messages: ['Number of records limit of 1000 exceeded.'] },
    { what: 'over 32000 characters (UPSERT counts twice)', changes: [change('UPSERT', rrset('t.example.com', 'TXT', Array.from({ length: 5 }, (_, i) => longTxt.replace('t', String(i)))))],
      messages: ['Number of characters in values limit of 32000 exceeded.'] },
    { what: 'a simple set beside weighted ones', current: [rowOf(weighted('one', 1))], changes: [change('CREATE', rrset('w.example.com', 'A', ['192.0.2.7']))],
      messages: ['RRSet with DNS name w.example.com., type A cannot be created as other RRSets exist with the same name and type.'] },
    { what: 'a weighted set beside a simple one', current: [rowOf(rrset('w.example.com', 'A', ['192.0.2.7']))], changes: [change('CREATE', weighted('one', 1))],
      messages: ['RRSet with DNS name w.example.com., type A, SetIdentifier one cannot be created as a non-weighted set exists with the same name and type.'] },
    { what: 'a latency set beside weighted ones', current: [rowOf(weighted('one', 1))],
      changes: [change('CREATE', rrset('w.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'green', Region: 'eu-west-2' }))],
      messages: ['RRSet with DNS name w.example.com., type A, SetIdentifier green, and Region Name=eu-west-2 cannot be created because a non-latency RRSet with the same name and type already exists.'] },
    { what: 'a geolocation set beside latency ones', current: [rowOf(rrset('w.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'green', Region: 'eu-west-2' }))],
      changes: [change('CREATE', rrset('w.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'ue1', GeoLocation: { ContinentCode: 'NA' } }))],
      messages: ['RRSet with DNS name w.example.com., type A, SetIdentifier ue1, and routing to [continent = (NA, North America)] cannot be created because a non-GEO RRSet with the same name and type already exists.'] },
    { what: 'a multivalue set beside a simple one', current: [rowOf(rrset('_acme-challenge.example.com', 'TXT', ['"a"']))],
      changes: [change('CREATE', rrset('_acme-challenge.example.com', 'TXT', ['"b"'], { SetIdentifier: 'b', MultiValueAnswer: true }))],
      messages: ['RRSet with DNS name _acme-challenge.example.com., type TXT, SetIdentifier "b" cannot be created because a non multivalue answer rrset exists with the same name and type.'] },
    { what: 'a failover set beside a simple one', current: [rowOf(rrset('api.example.com', 'A', ['192.0.2.1']))],
      changes: [change('CREATE', rrset('api.example.com', 'A', ['192.0.2.2'], { SetIdentifier: 'primary', Failover: 'PRIMARY' }))],
      messages: ['RRSet with DNS name api.example.com., type A, SetIdentifier primary cannot be created because a non-failover RRSet with the same name and type already exists.'] },
    { what: 'two PRIMARY failover sets', current: [rowOf(rrset('api.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'p1', Failover: 'PRIMARY' }))],
      changes: [change('CREATE', rrset('api.example.com', 'A', ['192.0.2.2'], { SetIdentifier: 'p2', Failover: 'PRIMARY' }))],
      messages: ['RRSet with DNS name api.example.com., type A, SetIdentifier p2 cannot be created because an RRSet with the same name, type and Failover=PRIMARY already exists.'] },
    { what: 'two latency sets in one region', current: [rowOf(rrset('l.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'a', Region: 'us-east-1' }))],
      changes: [change('CREATE', rrset('l.example.com', 'A', ['192.0.2.2'], { SetIdentifier: 'b', Region: 'us-east-1' }))],
      messages: ['RRSet with DNS name l.example.com., type A, SetIdentifier b cannot be created because an RRSet with the same name, type and Region Name=us-east-1 already exists.'] },
    { what: 'two geolocation sets for one country', current: [rowOf(rrset('g.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'a', GeoLocation: { CountryCode: 'FR' } }))],
      changes: [change('CREATE', rrset('g.example.com', 'A', ['192.0.2.2'], { SetIdentifier: 'b', GeoLocation: { CountryCode: 'FR' } }))],
      messages: ['RRSet with DNS name g.example.com., type A, SetIdentifier b cannot be created because an RRSet with the same name, type and routing to [country = (FR)] already exists.'] },
    { what: '101 weighted sets', current: Array.from({ length: 100 }, (_, i) => rowOf(weighted(`s${i}`, 1))), changes: [change('CREATE', weighted('s100', 1))],
      messages: ['RRSet with DNS name w.example.com., type A, SetIdentifier s100 cannot be created because there can be at most 100 weighted RRSets with the same name and type.'] },
    { what: 'IP-based sets from two collections', current: [rowOf(rrset('ip.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'a', ...cidr(C1, 'office') }))],
      changes: [change('CREATE', rrset('ip.example.com', 'A', ['192.0.2.2'], { SetIdentifier: 'b', ...cidr(C2, 'home') }))],
      messages: ['RRSet with DNS name ip.example.com., type A, SetIdentifier b cannot be created because RRSets with the same name and type use another CIDR collection.'] },
    { what: 'a wildcard NS', changes: [change('CREATE', rrset('*.example.com', 'NS', ['ns1.example.net']))],
      messages: ['RRSet of type NS with DNS name \\052.example.com. is not permitted: NS records cannot have a wildcard name'] },
    { what: 'a weighted NS', changes: [change('CREATE', rrset('sub.example.com', 'NS', ['ns1.example.net'], { SetIdentifier: 'a', Weight: 1 }))],
      messages: ['RRSet of type NS with DNS name sub.example.com. must use simple routing'] },
    { what: 'an NS alias', changes: [change('CREATE', alias('sub.example.com', 'NS', 'd1.example.net', 'Z2OTHER'))],
      messages: ['RRSet of type NS with DNS name sub.example.com. cannot be an alias'] },
    { what: 'a multivalue CNAME', changes: [change('CREATE', rrset('m.example.com', 'CNAME', ['a.example.net'], { SetIdentifier: 'a', MultiValueAnswer: true }))],
      messages: ['RRSet with DNS name m.example.com., type CNAME, SetIdentifier a cannot be a multivalue answer CNAME record'] },
    { what: 'a multivalue alias', changes: [change('CREATE', alias('m.example.com', 'A', 'd1.example.net', 'Z2OTHER', { SetIdentifier: 'a', MultiValueAnswer: true }))],
      messages: ['RRSet with DNS name m.example.com., type A, SetIdentifier a cannot be a multivalue answer alias record'] },
    { what: 'an alias to a missing set of the zone', changes: [change('CREATE', alias('a.example.com', 'A', 'x.example.com'))],
      messages: ['Tried to create an alias that targets x.example.com., type A in zone Z1EXAMPLE, but that target was not found'] },
    { what: 'an alias to a set of another type', current: [rowOf(rrset('x.example.com', 'AAAA', ['2001:db8::1']))], changes: [change('CREATE', alias('a.example.com', 'A', 'x.example.com', '/hostedzone/Z1EXAMPLE'))],
      messages: ['Tried to create an alias that targets x.example.com., type A in zone Z1EXAMPLE, but that target was not found'] },
    { what: 'an alias to a set whose target goes in the same batch', current: [rowOf(rrset('x.example.com', 'A', ['192.0.2.1']))],
      changes: [change('CREATE', alias('a.example.com', 'A', 'x.example.com')), change('DELETE', rrset('x.example.com', 'A', ['192.0.2.1']))],
      messages: ['Tried to create an alias that targets x.example.com., type A in zone Z1EXAMPLE, but that target was not found'] },
    { what: 'an alias in the zone to a name outside it', changes: [change('CREATE', alias('a.example.com', 'A', 'x.example.org'))],
      messages: ['Tried to create an alias that targets x.example.org., type A in zone Z1EXAMPLE, but the alias target name does not lie within the target zone'] },
    { what: 'a traffic policy instance id alone', changes: [change('CREATE', { Name: 'tp.example.com', Type: 'A', TrafficPolicyInstanceId: 'tpi-1' })],
      messages: ["Tried to create resource record set [name='tp.example.com.', type='A'] with only a TrafficPolicyInstanceId; record sets of a traffic policy instance are created by CreateTrafficPolicyInstance"] },
    { what: 'an empty label in the name', changes: [change('CREATE', rrset('.sub.example.com', 'A', ['192.0.2.1']))],
      messages: ["FATAL problem: DomainLabelEmpty (Domain label is empty) encountered with '.sub.example.com'"] },
    { what: 'a bad A value', changes: [change('CREATE', rrset('a.example.com', 'A', ['999.1.1.1']))],
      messages: ["Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '999.1.1.1''"] },
    { what: 'a bad alias DNSName', changes: [change('CREATE', alias('a.example.com', 'A', 'x..example.net', 'Z2OTHER'))],
      messages: ["FATAL problem: DomainLabelEmpty (Domain label is empty) encountered with 'x..example.net'"] },
    { what: 'every problem of a batch, in order', current: [rowOf(www)],
      changes: [change('CREATE', www), change('DELETE', rrset('k.example.com', 'A', ['192.0.2.1'])), change('CREATE', rrset('ok.example.com', 'A', ['192.0.2.1'])), change('CREATE', rrset('foo.example.net', 'A', ['192.0.2.1']))],
      messages: ["Tried to create resource record set [name='www.example.com.', type='A'] but it already exists",
        "Tried to delete resource record set [name='k.example.com.', type='A'] but it was not found",
        'RRSet with DNS name foo.example.net. is not permitted in zone example.com.'] },
  ];

  it.each(cases)('$what', ({ current = [], changes, messages }) => {
    expect(plan(current, changes)).toEqual({ ok: false, messages });
  });
});

describe('planChangeBatch: CREATE, DELETE, UPSERT', () => {
  it('CREATE writes the stored form of the set', () => {
    const result = plan([], [change('CREATE', rrset('WWW.Example.com', 'A', ['192.0.2.1', '192.0.2.2'], { TTL: 60 }))], 'add www');
    expect(result).toEqual({ ok: true, plan: { deletes: [], comment: 'add www',
      puts: [{ name: 'www.example.com.', type: RRType.A, setIdentifier: '', ttl: 60, rdata: ['c0000201', 'c0000202'], routing: null,
        values: ['192.0.2.1', '192.0.2.2'] }] } });
  });

  it('stores wildcards with a literal * and routing as JSON in model order', () => {
    const set = rrset('\\052.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'b', Weight: 10, HealthCheckId: 'hc-1' });
    const result = plan([], [change('CREATE', set)]);
    expect(result.ok && result.plan.puts[0]).toMatchObject({ name: '*.example.com.', routing: '{"weight":10,"healthCheckId":"hc-1"}' });
  });

  it('stores an alias with no rdata and the alias in routing', () => {
    const result = plan([], [change('CREATE', alias('example.com', 'A', 'D1.Example.NET', '/hostedzone/Z2OTHER', { AliasTarget: { HostedZoneId: '/hostedzone/Z2OTHER', DNSName: 'D1.Example.NET', EvaluateTargetHealth: true } }))]);
    expect(result.ok && result.plan.puts[0]).toEqual({ name: 'example.com.', type: RRType.A, setIdentifier: '', ttl: 0, rdata: [],
      routing: '{"alias":{"hostedZoneId":"Z2OTHER","dnsName":"d1.example.net.","evaluateTargetHealth":true}}' });
  });

  it('DELETE of the exact set plans its removal, values in any order', () => {
    const set = rrset('www.example.com', 'A', ['192.0.2.1', '192.0.2.2']);
    const result = plan([rowOf(set)], [change('DELETE', { ...set, ResourceRecords: [{ Value: '192.0.2.2' }, { Value: '192.0.2.1' }] })]);
    expect(result).toEqual({ ok: true, plan: { deletes: [{ name: 'www.example.com.', type: RRType.A, setIdentifier: '' }], puts: [], comment: '' } });
  });

  it('DELETE matches routing stored with another key order', () => {
    const row = { ...rowOf(weighted('one', 5, { HealthCheckId: 'hc-1' })), routing: '{"healthCheckId":"hc-1","weight":5}' };
    expect(plan([row], [change('DELETE', weighted('one', 5, { HealthCheckId: 'hc-1' }))]).ok).toBe(true);
  });

  it('DELETE of an alias matches its target name in any case', () => {
    const row = rowOf(alias('a.example.com', 'A', 'd1.example.net', 'Z2OTHER'));
    expect(plan([row], [change('DELETE', alias('a.example.com', 'A', 'D1.EXAMPLE.NET.', 'Z2OTHER'))]).ok).toBe(true);
  });

  it('DELETE of a traffic policy set by its instance id', () => {
    const row = rowOf(rrset('tp.example.com', 'A', ['192.0.2.1'], { TrafficPolicyInstanceId: 'tpi-1' }));
    expect(plan([row], [change('DELETE', { Name: 'tp.example.com', Type: 'A', TrafficPolicyInstanceId: 'tpi-1' })]).ok).toBe(true);
    expect(plan([row], [change('DELETE', { Name: 'tp.example.com', Type: 'A', TrafficPolicyInstanceId: 'tpi-2' })]).ok).toBe(false);
  });

  it('UPSERT creates a missing set and replaces an existing one', () => {
    const created = plan([], [change('UPSERT', www)]);
    expect(created.ok && created.plan.puts).toEqual([rowOf(www)]);
    const replaced = plan([rowOf(www)], [change('UPSERT', { ...www, TTL: 60 })]);
    expect(replaced.ok && replaced.plan).toEqual({ deletes: [], puts: [{ ...rowOf(www), ttl: 60 }], comment: '' });
  });

  it('an identical UPSERT succeeds and changes nothing', () => {
    expect(plan([rowOf(www)], [change('UPSERT', www)])).toEqual({ ok: true, plan: { deletes: [], puts: [], comment: '' } });
  });

  it('UPSERT replaces the apex NS and SOA', () => {
    const ns = rrset('example.com', 'NS', ['ns1.example.org.', 'ns2.example.org.'], { TTL: 3600 });
    const soa = rrset('example.com', 'SOA', ['ns1.example.org. hostmaster.example.org. 2 7200 900 1209600 300'], { TTL: 900 });
    const result = plan([], [change('UPSERT', ns), change('UPSERT', soa)]);
    expect(result.ok && result.plan.puts).toEqual([rowOf(ns), rowOf(soa)]);
  });

  it('DELETE CNAME www + CREATE alias www in one batch succeeds', () => {
    const result = plan([rowOf(wwwCname)], [change('DELETE', wwwCname), change('CREATE', alias('www.example.com', 'A', 'd1.example.net', 'Z2OTHER'))]);
    expect(result.ok && result.plan.deletes).toEqual([{ name: 'www.example.com.', type: RRType.CNAME, setIdentifier: '' }]);
    expect(result.ok && result.plan.puts.map((p) => p.type)).toEqual([RRType.A]);
  });

  it('an alias may come before its target in the same batch', () => {
    const result = plan([], [change('CREATE', alias('example.com', 'A', 'www.example.com')), change('CREATE', www)]);
    expect(result.ok && result.plan.puts.length).toBe(2);
  });

  it('an alias to another zone or service is accepted as given', () => {
    expect(plan([], [change('CREATE', alias('example.com', 'A', 'dualstack.lb-1.example.net', 'Z35SXDOTRQ7X7K'))]).ok).toBe(true);
  });

  it('keeps each value as submitted beside its rdata (issue 9)', () => {
    const result = plan([], [change('CREATE', rrset('mail.example.com', 'MX', ['10 MX1.example.com', '20 mx2.example.com.']))]);
    expect(result.ok && result.plan.puts[0]).toMatchObject({ values: ['10 MX1.example.com', '20 mx2.example.com.'] });
  });

  it('an UPSERT that only respells a value is stored, so the listing shows the new spelling (issue 9)', () => {
    const before = rowOf(rrset('www.example.com', 'CNAME', ['target.example.com.']));
    const result = plan([before], [change('UPSERT', rrset('www.example.com', 'CNAME', ['target.example.com']))]);
    expect(result.ok && result.plan.puts).toEqual([{ ...before, values: ['target.example.com'] }]);
  });

  it('DELETE then CREATE of one set replaces it', () => {
    const result = plan([rowOf(www)], [change('DELETE', www), change('CREATE', { ...www, ResourceRecords: [{ Value: '192.0.2.9' }] })]);
    expect(result.ok && result.plan).toEqual({ deletes: [], puts: [{ ...rowOf(www), rdata: ['c0000209'], values: ['192.0.2.9'] }], comment: '' });
  });

  it('is all or nothing: one bad change leaves no plan', () => {
    const result = plan([], [change('CREATE', www), change('CREATE', rrset('bad.example.com', 'A', ['192.0.2.300']))]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.messages).toHaveLength(1);
  });

  it('a weighted group takes members and health checks are accepted unchecked', () => {
    const result = plan([rowOf(weighted('one', 1))], [change('CREATE', weighted('two', 3, { HealthCheckId: 'not-created-yet' }))]);
    expect(result.ok && result.plan.puts).toHaveLength(1);
  });

  it('gives every non-alias member of a weighted group the TTL written last, as Route 53 does', () => {
    const current = [rowOf(weighted('one', 1, { TTL: 60 })), rowOf(weighted('two', 1, { TTL: 60 })), rowOf(alias('w.example.com', 'A', 'www.example.com', ZONE.id, { SetIdentifier: 'al', Weight: 1 }))];
    const result = plan([...current, rowOf(www)], [change('UPSERT', weighted('three', 1, { TTL: 30 })), change('UPSERT', weighted('two', 2, { TTL: 120 }))]);
    const ttls = result.ok ? Object.fromEntries(result.plan.puts.map((r) => [r.setIdentifier, r.ttl])) : {};
    expect(ttls).toEqual({ one: 120, two: 120, three: 120 }); // the alias member has no TTL of its own
    // Another type at the name, and sets written with the group's TTL, are left alone.
    const same = plan(current, [change('CREATE', weighted('three', 1, { TTL: 60 })), change('CREATE', rrset('w.example.com', 'TXT', ['"t"'], { TTL: 5 }))]);
    expect(same.ok && same.plan.puts.map((r) => r.setIdentifier)).toEqual(['three', '']);
  });

  it('does not change the rows it is given', () => {
    const current = [rowOf(www)];
    const copy = structuredClone(current);
    plan(current, [change('DELETE', www), change('CREATE', rrset('www.example.com', 'AAAA', ['2001:db8::1']))]);
    expect(current).toEqual(copy);
  });
});

describe('formatChangeBatchErrors', () => {
  it('wraps messages in brackets, comma separated', () => {
    expect(formatChangeBatchErrors(['one'])).toBe('[one]');
    expect(formatChangeBatchErrors(['one', 'two'])).toBe('[one, two]');
  });

  it('lists ten and counts the rest', () => {
    const messages = Array.from({ length: 12 }, (_, i) => `m${i + 1}`);
    expect(formatChangeBatchErrors(messages)).toBe('[m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, ..., 2 more exception(s).]');
  });
});

describe('planChangeBatch for zone file imports (regression: a 10,000-name zone could not be imported)', () => {
  it('applies no per-batch limits when asked not to', () => {
    const changes = ips(700).map((ip, i) => change('CREATE', rrset(`h${i}.example.com`, 'A', [ip, '10.0.0.1'])));
    expect(plan([], changes).ok).toBe(false);
    const r = planChangeBatch(ZONE, APEX, changes, 'import', { batchLimits: false });
    expect(r.ok && r.plan.puts.length).toBe(700);
  });
});
