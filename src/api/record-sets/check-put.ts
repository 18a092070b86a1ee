/**
 * The checks a set must pass to be created or replaced, against the zone as the batch has left
 * it so far (route53.md 3.3): where SOA and CNAME may be, how many values, which types take
 * routing policies and aliases, CNAME exclusivity, and one routing policy per name and type.
 */
import { RRType, firstLabel, type LowerName } from '../../dns/index.ts';
import type { RecordSetRow } from '../../store/types.ts';
import type { BatchState } from './batch-state.ts';
import * as msg from './messages.ts';
import { R53_REGIONS } from './model.ts';
import { geoLocationExists } from '../../geo/index.ts';
import { policyOf, routingFromJson, type Policy, type Routing } from './routing.ts';

/** A set about to be written, with what the checks need to know about it. */
export type Candidate = {
  row: RecordSetRow;
  routing: Routing;
  /** The set as messages name it. */
  label: msg.SetName;
  key: LowerName;
  /** Whether the change gave record values (false for TrafficPolicyInstanceId alone). */
  hasValues: boolean;
};

/** The zone: stored name and Route 53 text. */
export type ZoneFacts = { id: string; stored: string; key: LowerName; text: string };

const MAX_VALUES = 400;
/** Records of one name and type per policy (route53.md 3.3, 11). */
const GROUP_LIMIT: Partial<Record<Policy, number>> = { weighted: 100, latency: 100, geolocation: 100, multivalue: 100, cidr: 100, geoproximity: 30 };

/** Returns the problems with writing `c` into `state`. */
export function checkPut(z: ZoneFacts, state: BatchState, c: Candidate): string[] {
  const { row, routing, label } = c;
  if (!routing.alias && !c.hasValues) return [msg.trafficPolicyOnly(label)];
  const out: string[] = [];
  const apex = row.name === z.stored;
  const policy = policyOf(routing);
  if (row.type === RRType.SOA && !apex) out.push(msg.soaNotAtApex(label.name, z.text));
  if (row.type === RRType.CNAME && apex) out.push(msg.cnameAtApex(label.name, z.text));
  if ((row.type === RRType.CNAME || row.type === RRType.SOA) && row.rdata.length > 1) out.push(msg.singleValueOnly(label.type, label.name, row.rdata.length));
  if (row.rdata.length > MAX_VALUES) out.push(msg.tooManyValues(label, row.rdata.length));
  if (row.type === RRType.NS || row.type === RRType.SOA) {
    if (policy !== 'simple') out.push(msg.simpleOnly(label.type, label.name));
    if (routing.alias) out.push(msg.noAliasOfType(label.type, label.name));
  }
  // RFC 4592 4.2 allows it, but Route 53 refuses wildcard delegations.
  if (row.type === RRType.NS && firstLabel(c.key) === '*') out.push(msg.wildcardNs(label.name));
  if (policy === 'multivalue' && row.type === RRType.CNAME) out.push(msg.multivalueNot(label, 'CNAME'));
  if (policy === 'multivalue' && routing.alias) out.push(msg.multivalueNot(label, 'alias'));
  if (routing.alias && routing.alias.hostedZoneId !== z.id && row.type !== RRType.A && row.type !== RRType.AAAA && row.type !== RRType.NS && row.type !== RRType.SOA) {
    out.push(msg.aliasOutsideType(routing.alias.dnsName, label.type));
  }
  if (routing.geoLocation && routing.geoLocation.countryCode !== '*' && !geoLocationExists(routing.geoLocation)) {
    out.push(msg.noSuchGeoLocation(label, msg.describeGeo(routing.geoLocation)));
  }
  const gp = routing.geoProximity;
  if (gp?.localZoneGroup !== undefined) out.push(msg.localZoneGroupUnknown(label, gp.localZoneGroup));
  if (gp?.awsRegion !== undefined && !(R53_REGIONS as readonly string[]).includes(gp.awsRegion)) out.push(msg.geoProximityRegionUnknown(label, gp.awsRegion));

  const here = state.at(row.name).filter((r) => r.type !== row.type || r.setIdentifier !== row.setIdentifier);
  // A CNAME owns its name (RFC 1034 3.6.2); alias sets count as records here too.
  if (row.type === RRType.CNAME && here.some((r) => r.type !== RRType.CNAME)) out.push(msg.cnameConflicts(label.name, z.text));
  if (row.type !== RRType.CNAME && here.some((r) => r.type === RRType.CNAME)) out.push(msg.conflictsWithCname(label.type, label.name, z.text));

  const group = here.filter((r) => r.type === row.type);
  if (group.length === 0) return out;
  if (policy === 'simple') {
    out.push(msg.othersExist(label));
  } else if (group.some((r) => r.setIdentifier === '' || policyOf(routingFromJson(r.routing)) !== policy)) {
    out.push(msg.policyConflict(label, policy, routing));
  } else {
    out.push(...checkGroup(label, policy, routing, group.map((r) => routingFromJson(r.routing))));
  }
  return out;
}

/** Checks a set against the other members of its routing-policy group. */
function checkGroup(label: msg.SetName, policy: Policy, r: Routing, others: Routing[]): string[] {
  const limit = GROUP_LIMIT[policy];
  if (limit !== undefined && others.length + 1 > limit) return [msg.groupTooLarge(label, policy, limit)];
  const same = (what: string, f: (o: Routing) => unknown) =>
    others.some((o) => JSON.stringify(f(o)) === JSON.stringify(f(r))) ? [msg.sameRoutingExists(label, what)] : [];
  switch (policy) {
    case 'failover': return same(`Failover=${r.failover}`, (o) => o.failover);
    case 'latency': return same(`Region Name=${r.region}`, (o) => o.region);
    case 'geolocation': return same(`routing to [${msg.describeGeo(r.geoLocation ?? {})}]`, (o) => msg.describeGeo(o.geoLocation ?? {}));
    case 'cidr':
      if (others.some((o) => o.cidr?.collectionId !== r.cidr?.collectionId)) return [msg.otherCollection(label)];
      return same(`CIDR location ${r.cidr?.locationName}`, (o) => o.cidr?.locationName);
    case 'geoproximity': {
      const where = (o: Routing) => ({ ...o.geoProximity, bias: undefined });
      return same('geoproximity location', where);
    }
    default: return [];
  }
}
