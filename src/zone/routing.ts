/**
 * A record set's routing: its routing policy, alias target, health check and traffic policy
 * instance, as stored beside the records (RecordSetRow.routing, JSON). The API translates Route 53
 * shapes into this (api/record-sets/routing.ts); the zone index and the answer engine read it.
 * Names in it (alias.dnsName) are stored names ("www.example.com.").
 */

export type Routing = {
  weight?: number;
  region?: string;
  geoLocation?: { continentCode?: string; countryCode?: string; subdivisionCode?: string };
  failover?: 'PRIMARY' | 'SECONDARY';
  multiValueAnswer?: boolean;
  alias?: { hostedZoneId: string; dnsName: string; evaluateTargetHealth: boolean };
  healthCheckId?: string;
  trafficPolicyInstanceId?: string;
  cidr?: { collectionId: string; locationName: string };
  geoProximity?: { awsRegion?: string; localZoneGroup?: string; coordinates?: { latitude: string; longitude: string }; bias?: number };
};

/** The routing policy of a set: what groups sets of one name and type. */
export type Policy = 'simple' | 'weighted' | 'latency' | 'geolocation' | 'failover' | 'multivalue' | 'cidr' | 'geoproximity';

/** Returns the Routing stored in a RecordSetRow (an empty one for null). */
export function routingFromJson(json: string | null): Routing {
  return json === null ? {} : (JSON.parse(json) as Routing);
}

/** Returns the routing policy of a set. */
export function policyOf(r: Routing): Policy {
  if (r.weight !== undefined) return 'weighted';
  if (r.region !== undefined) return 'latency';
  if (r.geoLocation) return 'geolocation';
  if (r.failover) return 'failover';
  if (r.multiValueAnswer) return 'multivalue';
  if (r.cidr) return 'cidr';
  if (r.geoProximity) return 'geoproximity';
  return 'simple';
}
