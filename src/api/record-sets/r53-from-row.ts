/**
 * Stored record set -> the Route 53 ResourceRecordSet it lists as (members in model order, the
 * shape `aws route53 list-resource-record-sets` prints as JSON). The inverse of what a CREATE
 * stores: planning the result again gives the same row. Zone export and import use it.
 */
import { rrTypeToString } from '../../dns/index.ts';
import type { RecordSetRow } from '../../store/types.ts';
import type { R53RecordSet, R53Type } from './model.ts';
import { r53NameFromStored } from './r53-names.ts';
import { hexToR53Value } from './r53-values.ts';
import { routingFromJson } from './routing.ts';

/** Returns the ResourceRecordSet of a stored row. */
export function r53SetFromRow(row: RecordSetRow): R53RecordSet {
  const r = routingFromJson(row.routing);
  const out: R53RecordSet = { Name: r53NameFromStored(row.name), Type: rrTypeToString(row.type) as R53Type };
  if (row.setIdentifier !== '') out.SetIdentifier = row.setIdentifier;
  if (r.weight !== undefined) out.Weight = r.weight;
  if (r.region !== undefined) out.Region = r.region;
  if (r.geoLocation) {
    const g = r.geoLocation;
    out.GeoLocation = {};
    if (g.continentCode !== undefined) out.GeoLocation.ContinentCode = g.continentCode;
    if (g.countryCode !== undefined) out.GeoLocation.CountryCode = g.countryCode;
    if (g.subdivisionCode !== undefined) out.GeoLocation.SubdivisionCode = g.subdivisionCode;
  }
  if (r.failover !== undefined) out.Failover = r.failover;
  if (r.multiValueAnswer !== undefined) out.MultiValueAnswer = r.multiValueAnswer;
  if (!r.alias) out.TTL = row.ttl;
  if (!r.alias && row.rdata.length > 0) out.ResourceRecords = row.rdata.map((hex, i) => ({ Value: row.values?.[i] ?? hexToR53Value(row.type, hex) }));
  if (r.alias) out.AliasTarget = { HostedZoneId: r.alias.hostedZoneId, DNSName: r53NameFromStored(r.alias.dnsName), EvaluateTargetHealth: r.alias.evaluateTargetHealth };
  if (r.healthCheckId !== undefined) out.HealthCheckId = r.healthCheckId;
  if (r.trafficPolicyInstanceId !== undefined) out.TrafficPolicyInstanceId = r.trafficPolicyInstanceId;
  if (r.cidr) out.CidrRoutingConfig = { CollectionId: r.cidr.collectionId, LocationName: r.cidr.locationName };
  if (r.geoProximity) {
    const p = r.geoProximity;
    out.GeoProximityLocation = {};
    if (p.awsRegion !== undefined) out.GeoProximityLocation.AWSRegion = p.awsRegion;
    if (p.localZoneGroup !== undefined) out.GeoProximityLocation.LocalZoneGroup = p.localZoneGroup;
    if (p.coordinates) out.GeoProximityLocation.Coordinates = { Latitude: p.coordinates.latitude, Longitude: p.coordinates.longitude };
    if (p.bias !== undefined) out.GeoProximityLocation.Bias = p.bias;
  }
  return out;
}
