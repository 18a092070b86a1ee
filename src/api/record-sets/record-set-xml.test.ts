import { describe, expect, it } from 'vitest';
import { parseRequest, xmlDocument, type OutElement } from '../xml.ts';
import type { R53RecordSet } from './model.ts';
import { parseChangeBatch } from './parse-change-batch.ts';
import { planChangeBatch } from './plan-change-batch.ts';
import { recordSetXml } from './record-set-xml.ts';
import { APEX, ZONE, alias, rowOf, rrset } from './testing.ts';

/** Returns a request body with one change of `action` for the listed set. */
function requestFor(action: string, listed: OutElement[]): string {
  return xmlDocument('ChangeResourceRecordSetsRequest', [['ChangeBatch', [['Changes', [['Change', [['Action', action], ['ResourceRecordSet', listed]]]]]]]]);
}

const names = (els: OutElement[]) => els.map(([n]) => n);

describe('recordSetXml', () => {
  it('lists a simple set', () => {
    expect(recordSetXml(rowOf(rrset('www.example.com', 'A', ['192.0.2.1', '192.0.2.2'])))).toEqual([
      ['Name', 'www.example.com.'], ['Type', 'A'], ['TTL', 300],
      ['ResourceRecords', [['ResourceRecord', [['Value', '192.0.2.1']]], ['ResourceRecord', [['Value', '192.0.2.2']]]]],
    ]);
  });

  it('lists a wildcard with \\052 and TXT bytes with octal escapes', () => {
    expect(recordSetXml(rowOf(rrset('*.example.com', 'TXT', ['"tab\\011here" "\\"q\\""'])))).toEqual([
      ['Name', '\\052.example.com.'], ['Type', 'TXT'], ['TTL', 300],
      ['ResourceRecords', [['ResourceRecord', [['Value', '"tab\\011here" "\\"q\\""']]]]],
    ]);
  });

  it('lists an alias without TTL or ResourceRecords', () => {
    expect(recordSetXml(rowOf(alias('example.com', 'AAAA', 'Dualstack.LB-1.example.net', '/hostedzone/Z2OTHER')))).toEqual([
      ['Name', 'example.com.'], ['Type', 'AAAA'],
      ['AliasTarget', [['HostedZoneId', 'Z2OTHER'], ['DNSName', 'dualstack.lb-1.example.net.'], ['EvaluateTargetHealth', false]]],
    ]);
  });

  const all: [string, Partial<R53RecordSet>, string[]][] = [
    ['weighted', { SetIdentifier: 'a', Weight: 0, HealthCheckId: 'hc-1' }, ['Name', 'Type', 'SetIdentifier', 'Weight', 'TTL', 'ResourceRecords', 'HealthCheckId']],
    ['latency', { SetIdentifier: 'a', Region: 'eu-west-3' }, ['Name', 'Type', 'SetIdentifier', 'Region', 'TTL', 'ResourceRecords']],
    ['geolocation', { SetIdentifier: 'a', GeoLocation: { CountryCode: 'US', SubdivisionCode: 'WA' } }, ['Name', 'Type', 'SetIdentifier', 'GeoLocation', 'TTL', 'ResourceRecords']],
    ['failover', { SetIdentifier: 'a', Failover: 'PRIMARY', HealthCheckId: 'hc' }, ['Name', 'Type', 'SetIdentifier', 'Failover', 'TTL', 'ResourceRecords', 'HealthCheckId']],
    ['multivalue', { SetIdentifier: 'a', MultiValueAnswer: true }, ['Name', 'Type', 'SetIdentifier', 'MultiValueAnswer', 'TTL', 'ResourceRecords']],
    ['IP-based', { SetIdentifier: 'a', CidrRoutingConfig: { CollectionId: '0123abcd-0123-4567-89ab-0123456789ab', LocationName: '*' } },
      ['Name', 'Type', 'SetIdentifier', 'TTL', 'ResourceRecords', 'CidrRoutingConfig']],
    ['geoproximity', { SetIdentifier: 'a', GeoProximityLocation: { Coordinates: { Latitude: '49.22', Longitude: '-74.01' }, Bias: 10 } },
      ['Name', 'Type', 'SetIdentifier', 'TTL', 'ResourceRecords', 'GeoProximityLocation']],
    ['traffic policy', { TrafficPolicyInstanceId: 'tpi-1' }, ['Name', 'Type', 'TTL', 'ResourceRecords', 'TrafficPolicyInstanceId']],
  ];

  it.each(all)('lists a %s set in model order', (_what, extra, order) => {
    expect(names(recordSetXml(rowOf(rrset('p.example.com', 'A', ['192.0.2.1'], extra))))).toEqual(order);
  });

  it('lists nested members in model order', () => {
    const listed = recordSetXml(rowOf(rrset('p.example.com', 'A', ['192.0.2.1'],
      { SetIdentifier: 'a', GeoProximityLocation: { Coordinates: { Latitude: '49.22', Longitude: '-74.01' }, Bias: -5 } })));
    expect(listed.find(([n]) => n === 'GeoProximityLocation')).toEqual(['GeoProximityLocation',
      [['Coordinates', [['Latitude', '49.22'], ['Longitude', '-74.01']]], ['Bias', -5]]]);
  });

  // Whatever a client creates, it can DELETE by sending back what it listed (route53.md 3.4).
  const roundTrip: [string, R53RecordSet][] = [
    ['simple', rrset('www.example.com', 'A', ['192.0.2.1'])],
    ['wildcard TXT', rrset('*.example.com', 'TXT', ['"a b" "\\000\\377"'])],
    ['weighted with a health check', rrset('w.example.com', 'CNAME', ['app.example.net'], { SetIdentifier: 'blue', Weight: 70, HealthCheckId: 'hc-1' })],
    ['geolocation', rrset('g.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'eu', GeoLocation: { ContinentCode: 'EU' } })],
    ['failover alias', alias('f.example.com', 'A', 'lb.example.net', 'Z2OTHER', { SetIdentifier: 'p', Failover: 'PRIMARY', AliasTarget: { HostedZoneId: 'Z2OTHER', DNSName: 'lb.example.net', EvaluateTargetHealth: true } })],
    ['IP-based', rrset('ip.example.com', 'AAAA', ['2001:db8::1'], { SetIdentifier: 'x', CidrRoutingConfig: { CollectionId: '0123abcd-0123-4567-89ab-0123456789ab', LocationName: 'office' } })],
    ['geoproximity', rrset('gp.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'x', GeoProximityLocation: { AWSRegion: 'us-east-1', Bias: 20 } })],
    ['multivalue', rrset('m.example.com', 'A', ['192.0.2.1'], { SetIdentifier: 'x', MultiValueAnswer: true, HealthCheckId: 'hc-2' })],
  ];

  it.each(roundTrip)('%s: CREATE, list, DELETE what was listed', (_what, set) => {
    const created = planChangeBatch(ZONE, APEX, [{ action: 'CREATE', set }], '');
    if (!created.ok) throw new Error(created.messages.join('; '));
    const row = created.plan.puts[0]!;
    const listed = parseChangeBatch(parseRequest(requestFor('DELETE', recordSetXml(row)), 'ChangeResourceRecordSetsRequest'));
    const deleted = planChangeBatch(ZONE, [...APEX, row], listed.changes, '');
    expect(deleted).toEqual({ ok: true, plan: { deletes: [{ name: row.name, type: row.type, setIdentifier: row.setIdentifier }], puts: [], comment: '' } });
  });
});
