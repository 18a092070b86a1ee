/**
 * The texts of InvalidChangeBatch problems (route53.md 1.5). Names are in Route 53's output form
 * (`\052.example.com.`), types are mnemonics, zones are named by their name with a trailing dot
 * or by their bare id. Texts marked [O] were seen from the real service; the others follow their
 * pattern (README, "Errors").
 */
import { FatalProblem } from './fatal-problem.ts';
import { CONTINENTS } from './model.ts';
import type { Policy, Routing } from './routing.ts';

/** A set as Route 53 names it in messages. */
export type SetName = { name: string; type: string; setIdentifier: string };

/** `[name='…', type='…'(, set-identifier='…')]`, as in the create and delete texts. */
const bracketed = (s: SetName) =>
  `[name='${s.name}', type='${s.type}'${s.setIdentifier === '' ? '' : `, set-identifier='${s.setIdentifier}'`}]`;

/** [O] */
export const alreadyExists = (s: SetName) => `Tried to create resource record set ${bracketed(s)} but it already exists`;
/** [O] */
export const notFound = (s: SetName) => `Tried to delete resource record set ${bracketed(s)} but it was not found`;
export const valuesDiffer = (s: SetName) => `Tried to delete resource record set ${bracketed(s)} but the values provided do not match the current values`;
/** [O] */
export const cnameConflicts = (name: string, zone: string) =>
  `RRSet of type CNAME with DNS name ${name} is not permitted as it conflicts with other records with the same DNS name in zone ${zone}`;
/** [O] The two spaces before CNAME are Route 53's. */
export const conflictsWithCname = (type: string, name: string, zone: string) =>
  `RRSet of type ${type} with DNS name ${name} is not permitted because a conflicting RRSet of type  CNAME with the same DNS name already exists in zone ${zone}`;
export const cnameAtApex = (name: string, zone: string) => `RRSet of type CNAME with DNS name ${name} is not permitted at apex in zone ${zone}`;
/** [O] */
export const outsideZone = (name: string, zone: string) => `RRSet with DNS name ${name} is not permitted in zone ${zone}`;
/** [O] */
export const aliasOutsideTargetZone = (target: string, type: string, zoneId: string) =>
  `Tried to create an alias that targets ${target}, type ${type} in zone ${zoneId}, but the alias target name does not lie within the target zone`;
/** [O] */
export const aliasTargetMissing = (target: string, type: string, zoneId: string) =>
  `Tried to create an alias that targets ${target}, type ${type} in zone ${zoneId}, but that target was not found`;
/** Signpost: an alias outside its zone is answered with the target's addresses only. */
export const aliasOutsideType = (target: string, type: string) =>
  `Tried to create an alias that targets ${target}, type ${type}, outside the hosted zone: Signpost answers aliases to names outside the zone only for A and AAAA records`;
/** Signpost: Local Zone group locations are not known to this server. */
export const localZoneGroupUnknown = (s: SetName, group: string) =>
  `RRSet with DNS name ${s.name}, type ${s.type}, SetIdentifier ${s.setIdentifier} uses LocalZoneGroup ${group}: Signpost does not know the locations of Local Zone groups; use AWSRegion or Coordinates`;
export const geoProximityRegionUnknown = (s: SetName, region: string) =>
  `RRSet with DNS name ${s.name}, type ${s.type}, SetIdentifier ${s.setIdentifier} has an unknown AWSRegion ${region}`;
/** Signpost's wording: a GeoLocation that is not in Route 53's catalogue (ListGeoLocations). */
export const noSuchGeoLocation = (s: SetName, where: string) =>
  `RRSet with DNS name ${s.name}, type ${s.type}, SetIdentifier ${s.setIdentifier} has a GeoLocation that does not exist: ${where} (see ListGeoLocations)`;
/** [O] */
export const duplicateValue = (value: string) => `Duplicate Resource Record: '${value}'`;
/** [O] */
export const invalidSetOfChanges = (type: string, name: string) => `The request contains an invalid set of changes for a resource record set '${type} ${name}'`;
/** [O] */
export const APEX_NS = 'A HostedZone must contain at least one NS record for the zone itself.';
export const APEX_SOA = 'A HostedZone must contain exactly one SOA record for the zone itself.';
/** [O] since 2020; older answers had no quotes. */
export const invalidRecord = (p: FatalProblem) => `Invalid Resource Record: '${p.message}'`;
/** [?] moto's wording. */
export const TOO_MANY_RECORDS = 'Number of records limit of 1000 exceeded.';
export const TOO_MANY_CHARACTERS = 'Number of characters in values limit of 32000 exceeded.';

export const soaNotAtApex = (name: string, zone: string) => `RRSet of type SOA with DNS name ${name} is not permitted because SOA records are only allowed at the apex of zone ${zone}`;
export const singleValueOnly = (type: string, name: string, count: number) =>
  `RRSet of type ${type} with DNS name ${name} has ${count} values, but it must have exactly one`;
export const tooManyValues = (s: SetName, count: number) => `RRSet with DNS name ${s.name}, type ${s.type} has ${count} values, but at most 400 are allowed`;
export const simpleOnly = (type: string, name: string) => `RRSet of type ${type} with DNS name ${name} must use simple routing`;
export const noAliasOfType = (type: string, name: string) => `RRSet of type ${type} with DNS name ${name} cannot be an alias`;
export const wildcardNs = (name: string) => `RRSet of type NS with DNS name ${name} is not permitted: NS records cannot have a wildcard name`;
export const multivalueNot = (s: SetName, what: 'CNAME' | 'alias') =>
  `RRSet with DNS name ${s.name}, type ${s.type}, SetIdentifier ${s.setIdentifier} cannot be a multivalue answer ${what === 'CNAME' ? 'CNAME record' : 'alias record'}`;
export const trafficPolicyOnly = (s: SetName) =>
  `Tried to create resource record set ${bracketed(s)} with only a TrafficPolicyInstanceId; record sets of a traffic policy instance are created by CreateTrafficPolicyInstance`;
/** [O] for a simple set beside routing-policy sets. */
export const othersExist = (s: SetName) => `RRSet with DNS name ${s.name}, type ${s.type} cannot be created as other RRSets exist with the same name and type.`;
export const groupTooLarge = (s: SetName, policy: string, max: number) =>
  `RRSet with DNS name ${s.name}, type ${s.type}, SetIdentifier ${s.setIdentifier} cannot be created because there can be at most ${max} ${policy} RRSets with the same name and type.`;
export const sameRoutingExists = (s: SetName, routing: string) =>
  `RRSet with DNS name ${s.name}, type ${s.type}, SetIdentifier ${s.setIdentifier} cannot be created because an RRSet with the same name, type and ${routing} already exists.`;
export const otherCollection = (s: SetName) =>
  `RRSet with DNS name ${s.name}, type ${s.type}, SetIdentifier ${s.setIdentifier} cannot be created because RRSets with the same name and type use another CIDR collection.`;

/** Returns how Route 53 describes a geolocation in messages ([O] for continents). */
export function describeGeo(g: NonNullable<Routing['geoLocation']>): string {
  if (g.continentCode !== undefined) return `continent = (${g.continentCode}, ${CONTINENTS[g.continentCode] ?? g.continentCode})`;
  return `country = (${g.countryCode ?? ''})${g.subdivisionCode !== undefined ? `, subdivision = (${g.subdivisionCode})` : ''}`;
}

/**
 * Returns the problem of adding a set of `policy` beside sets of another policy at its name and
 * type ([O] for weighted, latency, geolocation and multivalue).
 */
export function policyConflict(s: SetName, policy: Policy, r: Routing): string {
  const head = `RRSet with DNS name ${s.name}, type ${s.type}, SetIdentifier`;
  const tail = 'with the same name and type already exists.';
  switch (policy) {
    case 'weighted': return `${head} ${s.setIdentifier} cannot be created as a non-weighted set exists with the same name and type.`;
    case 'latency': return `${head} ${s.setIdentifier}, and Region Name=${r.region ?? ''} cannot be created because a non-latency RRSet ${tail}`;
    case 'geolocation': return `${head} ${s.setIdentifier}, and routing to [${describeGeo(r.geoLocation ?? {})}] cannot be created because a non-GEO RRSet ${tail}`;
    case 'multivalue': return `${head} "${s.setIdentifier}" cannot be created because a non multivalue answer rrset exists with the same name and type.`;
    case 'failover': return `${head} ${s.setIdentifier} cannot be created because a non-failover RRSet ${tail}`;
    case 'cidr': return `${head} ${s.setIdentifier} cannot be created because a non-IP-based RRSet ${tail}`;
    case 'geoproximity': return `${head} ${s.setIdentifier} cannot be created because a non-geoproximity RRSet ${tail}`;
    case 'simple': return othersExist(s);
  }
}
