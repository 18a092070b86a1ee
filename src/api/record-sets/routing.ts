/**
 * RecordSetRow.routing: a record set's routing policy, alias target, health check and traffic
 * policy instance as JSON. The store keeps it opaque; answer/ reads it. Keys are always written
 * in one order (model order) so that equal routing gives equal text: DELETE compares it, and a
 * listing prints back exactly what was stored. A simple, non-alias set has `null`.
 *
 * Names in it (alias.dnsName) are in the stored form, like RecordSetRow.name.
 */
import type { R53RecordSet } from './model.ts';
import { routingFromJson, type Routing } from '../../zone/routing.ts';

export type { Routing, Policy } from '../../zone/routing.ts';
export { routingFromJson, policyOf } from '../../zone/routing.ts';

/** Returns the Routing of a Route 53 record set; `aliasName` is its AliasTarget.DNSName, stored form. */
export function routingFromSet(s: R53RecordSet, aliasName?: string): Routing {
  const r: Routing = {};
  if (s.Weight !== undefined) r.weight = s.Weight;
  if (s.Region !== undefined) r.region = s.Region;
  if (s.GeoLocation) {
    const g = s.GeoLocation;
    r.geoLocation = {};
    if (g.ContinentCode !== undefined) r.geoLocation.continentCode = g.ContinentCode;
    if (g.CountryCode !== undefined) r.geoLocation.countryCode = g.CountryCode;
    if (g.SubdivisionCode !== undefined) r.geoLocation.subdivisionCode = g.SubdivisionCode;
  }
  if (s.Failover !== undefined) r.failover = s.Failover;
  // false is the same as absent: no multivalue policy (and nothing to list back).
  if (s.MultiValueAnswer === true) r.multiValueAnswer = true;
  if (s.AliasTarget && aliasName !== undefined) {
    r.alias = { hostedZoneId: bareZoneId(s.AliasTarget.HostedZoneId), dnsName: aliasName, evaluateTargetHealth: s.AliasTarget.EvaluateTargetHealth };
  }
  if (s.HealthCheckId !== undefined) r.healthCheckId = s.HealthCheckId;
  if (s.TrafficPolicyInstanceId !== undefined) r.trafficPolicyInstanceId = s.TrafficPolicyInstanceId;
  if (s.CidrRoutingConfig) r.cidr = { collectionId: s.CidrRoutingConfig.CollectionId, locationName: s.CidrRoutingConfig.LocationName };
  if (s.GeoProximityLocation) {
    const g = s.GeoProximityLocation;
    r.geoProximity = {};
    if (g.AWSRegion !== undefined) r.geoProximity.awsRegion = g.AWSRegion;
    if (g.LocalZoneGroup !== undefined) r.geoProximity.localZoneGroup = g.LocalZoneGroup;
    if (g.Coordinates) r.geoProximity.coordinates = { latitude: g.Coordinates.Latitude, longitude: g.Coordinates.Longitude };
    if (g.Bias !== undefined) r.geoProximity.bias = g.Bias;
  }
  return r;
}

/** Returns a hosted zone id without its `/hostedzone/` prefix. */
export function bareZoneId(id: string): string {
  return id.startsWith('/hostedzone/') ? id.slice('/hostedzone/'.length) : id;
}

const ORDER = {
  top: ['weight', 'region', 'geoLocation', 'failover', 'multiValueAnswer', 'alias', 'healthCheckId', 'trafficPolicyInstanceId', 'cidr', 'geoProximity'],
  geoLocation: ['continentCode', 'countryCode', 'subdivisionCode'],
  alias: ['hostedZoneId', 'dnsName', 'evaluateTargetHealth'],
  cidr: ['collectionId', 'locationName'],
  geoProximity: ['awsRegion', 'localZoneGroup', 'coordinates', 'bias'],
  coordinates: ['latitude', 'longitude'],
} as const;

/** Returns `o` with only the keys of `order`, in that order (nested objects by their own order). */
function ordered(o: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) {
    const v = o[k];
    if (v === undefined) continue;
    const inner = (ORDER as Record<string, readonly string[]>)[k];
    out[k] = inner && typeof v === 'object' && v !== null ? ordered(v as Record<string, unknown>, inner) : v;
  }
  return out;
}

/** Returns the JSON text of routing, keys in model order; null when there is nothing in it. */
export function routingToJson(r: Routing): string | null {
  const o = ordered(r, ORDER.top);
  return Object.keys(o).length === 0 ? null : JSON.stringify(o);
}

/** Returns the canonical JSON of stored routing text (so texts from any writer compare equal). */
export function canonicalRouting(json: string | null): string | null {
  return routingToJson(routingFromJson(json));
}
