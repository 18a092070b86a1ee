/**
 * Stored record sets -> <ResourceRecordSet> children, in model order (botocore ResourceRecordSet):
 * Name, Type, SetIdentifier, Weight, Region, GeoLocation, Failover, MultiValueAnswer, TTL,
 * ResourceRecords, AliasTarget, HealthCheckId, TrafficPolicyInstanceId, CidrRoutingConfig,
 * GeoProximityLocation. Alias sets have no TTL and no ResourceRecords.
 */
import { rrTypeToString } from '../../dns/index.ts';
import type { RecordSetRow } from '../../store/types.ts';
import type { OutElement } from '../xml.ts';
import { r53NameFromStored } from './r53-names.ts';
import { hexToR53Value } from './r53-values.ts';
import { routingFromJson } from './routing.ts';

export { listRecordSets, type ListPage, type ListQuery } from './list-record-sets.ts';

/** Returns the elements that have a value (the XML writer skips the others anyway). */
const present = (els: OutElement[]): OutElement[] => els.filter(([, v]) => v !== undefined);

/** Returns the children of <ResourceRecordSet> for a stored set. */
export function recordSetXml(row: RecordSetRow): OutElement[] {
  const r = routingFromJson(row.routing);
  const g = r.geoLocation;
  const a = r.alias;
  const c = r.cidr;
  const p = r.geoProximity;
  const out: OutElement[] = [
    ['Name', r53NameFromStored(row.name)],
    ['Type', rrTypeToString(row.type)],
    ['SetIdentifier', row.setIdentifier === '' ? undefined : row.setIdentifier],
    ['Weight', r.weight],
    ['Region', r.region],
    ['GeoLocation', g && present([['ContinentCode', g.continentCode], ['CountryCode', g.countryCode], ['SubdivisionCode', g.subdivisionCode]])],
    ['Failover', r.failover],
    ['MultiValueAnswer', r.multiValueAnswer],
    ['TTL', a ? undefined : row.ttl],
    ['ResourceRecords', a || row.rdata.length === 0 ? undefined
      : row.rdata.map((hex, i): OutElement => ['ResourceRecord', [['Value', row.values?.[i] ?? hexToR53Value(row.type, hex)]]])],
    ['AliasTarget', a && [['HostedZoneId', a.hostedZoneId], ['DNSName', r53NameFromStored(a.dnsName)], ['EvaluateTargetHealth', a.evaluateTargetHealth]]],
    ['HealthCheckId', r.healthCheckId],
    ['TrafficPolicyInstanceId', r.trafficPolicyInstanceId],
    ['CidrRoutingConfig', c && [['CollectionId', c.collectionId], ['LocationName', c.locationName]]],
    ['GeoProximityLocation', p && present([
      ['AWSRegion', p.awsRegion],
      ['LocalZoneGroup', p.localZoneGroup],
      ['Coordinates', p.coordinates && [['Latitude', p.coordinates.latitude], ['Longitude', p.coordinates.longitude]]],
      ['Bias', p.bias],
    ])],
  ];
  return present(out);
}
