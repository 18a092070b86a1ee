import { describe, expect, it } from 'vitest';
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { filterRecords, isApexRequired, policyOf, relativeName, routingDetail, valuesOf } from './records.ts';
import { changesFor, emptyForm, formToRecordSet, recordSetToForm, absoluteName } from './record-form.ts';

const Z = 'example.com.';
const sets: ResourceRecordSet[] = [
  { Name: Z, Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: 'ns-1.example.net. hostmaster.example.com. 1 7200 900 1209600 86400' }] },
  { Name: 'www.example.com.', Type: 'A', TTL: 60, SetIdentifier: 'blue', Weight: 3, ResourceRecords: [{ Value: '192.0.2.1' }] },
  { Name: 'www.example.com.', Type: 'A', TTL: 60, SetIdentifier: 'green', Weight: 1, ResourceRecords: [{ Value: '192.0.2.2' }] },
  { Name: 'app.example.com.', Type: 'A', SetIdentifier: 'p', Failover: 'PRIMARY', HealthCheckId: 'hc1', AliasTarget: { HostedZoneId: 'Z1', DNSName: 'www.example.com.', EvaluateTargetHealth: true } },
  { Name: '\\052.example.com.', Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"a"' }, { Value: '"b"' }] },
  { Name: 'geo.example.com.', Type: 'A', TTL: 60, SetIdentifier: 'us-wa', GeoLocation: { CountryCode: 'US', SubdivisionCode: 'WA' }, ResourceRecords: [{ Value: '192.0.2.3' }] },
];

describe('record sets as the console shows them', () => {
  it('knows each routing policy and its detail', () => {
    expect(sets.map(policyOf)).toEqual(['simple', 'weighted', 'weighted', 'failover', 'simple', 'geolocation']);
    expect(routingDetail(sets[1]!)).toBe('weight 3');
    expect(routingDetail(sets[5]!)).toBe('US / WA');
    expect(routingDetail({ Name: 'x.', Type: 'A', GeoLocation: { CountryCode: '*' } })).toBe('default (*)');
  });

  it('shows names relative to the zone, with escapes decoded', () => {
    expect(relativeName(Z, Z)).toBe('@');
    expect(relativeName('WWW.Example.com.', Z)).toBe('WWW');
    expect(relativeName('\\052.example.com.', Z)).toBe('*');
    expect(relativeName('www.example.org.', Z)).toBe('www.example.org.');
  });

  it('shows values, or the alias target', () => {
    expect(valuesOf(sets[4]!)).toEqual(['"a"', '"b"']);
    expect(valuesOf(sets[3]!)).toEqual(['alias → www.example.com. (evaluates target health)']);
  });

  it('filters by name substring, type and policy', () => {
    expect(filterRecords(sets, { name: 'WWW', type: '', policy: '' })).toHaveLength(2);
    expect(filterRecords(sets, { name: '', type: 'TXT', policy: '' })).toEqual([sets[4]]);
    expect(filterRecords(sets, { name: '*', type: '', policy: '' })).toEqual([sets[4]]);
    expect(filterRecords(sets, { name: '', type: 'A', policy: 'failover' })).toEqual([sets[3]]);
    expect(filterRecords(sets, { name: 'example.com.', type: '', policy: '' })).toHaveLength(sets.length);
  });

  it('marks the apex SOA and NS as the zone\'s own', () => {
    expect(isApexRequired(sets[0]!, Z)).toBe(true);
    expect(isApexRequired(sets[1]!, Z)).toBe(false);
  });
});

describe('the record form', () => {
  it('makes names absolute within the zone', () => {
    expect(absoluteName('', Z)).toBe(Z);
    expect(absoluteName('@', Z)).toBe(Z);
    expect(absoluteName('www', Z)).toBe('www.example.com.');
    expect(absoluteName('www.example.com', Z)).toBe('www.example.com.');
    expect(absoluteName('other.example.net.', Z)).toBe('other.example.net.');
  });

  it('round-trips every record set through the form', () => {
    for (const r of sets.slice(1)) expect(formToRecordSet(recordSetToForm(r, 'Z1'), Z)).toEqual(r);
  });

  it('builds each policy from the form', () => {
    const base = { ...emptyForm('Z1'), name: 'x', values: '192.0.2.9\n\n 192.0.2.10 ', setIdentifier: 'one' };
    expect(formToRecordSet({ ...base, policy: 'simple', setIdentifier: 'ignored' }, Z)).toEqual({ Name: 'x.example.com.', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '192.0.2.9' }, { Value: '192.0.2.10' }] });
    expect(formToRecordSet({ ...base, policy: 'latency', region: 'eu-west-1' }, Z)).toMatchObject({ SetIdentifier: 'one', Region: 'eu-west-1' });
    expect(formToRecordSet({ ...base, policy: 'multivalue' }, Z)).toMatchObject({ MultiValueAnswer: true });
    expect(formToRecordSet({ ...base, policy: 'ip', cidrCollectionId: 'c-1', cidrLocation: 'office' }, Z)).toMatchObject({ CidrRoutingConfig: { CollectionId: 'c-1', LocationName: 'office' } });
    expect(formToRecordSet({ ...base, policy: 'geolocation', continent: 'EU' }, Z)).toMatchObject({ GeoLocation: { ContinentCode: 'EU' } });
    expect(formToRecordSet({ ...base, policy: 'geoproximity', proximityKind: 'coordinates', latitude: '47.61', longitude: '-122.33', bias: '-20' }, Z))
      .toMatchObject({ GeoProximityLocation: { Coordinates: { Latitude: '47.61', Longitude: '-122.33' }, Bias: -20 } });
    // What was typed is sent as typed: the API's validation speaks, not the console's.
    expect(formToRecordSet({ ...base, policy: 'weighted', weight: 'lots' }, Z).Weight).toBeNaN();
  });

  it('refuses a routing policy without the fields that make it one (it would be saved as a simple record)', () => {
    const base = { ...emptyForm('Z1'), name: 'x', values: '192.0.2.9' };
    expect(() => formToRecordSet({ ...base, policy: 'weighted', weight: '1' }, Z)).toThrow('A weighted record needs a Record ID (SetIdentifier)');
    expect(() => formToRecordSet({ ...base, policy: 'weighted', setIdentifier: 'blue' }, Z)).toThrow('A weighted record needs a Weight (0 to 255).');
    expect(() => formToRecordSet({ ...base, policy: 'latency', setIdentifier: 'eu' }, Z)).toThrow('A latency record needs a Region.');
    expect(() => formToRecordSet({ ...base, policy: 'failover', setIdentifier: ' ' }, Z)).toThrow('A failover record needs a Record ID');
  });

  it('saves an edit as UPSERT, or DELETE + CREATE when the identity changes', () => {
    const old = sets[1]!;
    expect(changesFor(undefined, old)).toEqual([{ Action: 'CREATE', ResourceRecordSet: old }]);
    expect(changesFor(old, { ...old, Weight: 9 })).toEqual([{ Action: 'UPSERT', ResourceRecordSet: { ...old, Weight: 9 } }]);
    const renamed = { ...old, Name: 'web.example.com.' };
    expect(changesFor(old, renamed)).toEqual([{ Action: 'DELETE', ResourceRecordSet: old }, { Action: 'CREATE', ResourceRecordSet: renamed }]);
  });
});
