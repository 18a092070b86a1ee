/**
 * ChangeResourceRecordSetsRequest -> changes: the shape checks of the model (members, enums,
 * ranges, lengths, patterns) and the member combinations Route 53 refuses as InvalidInput. What
 * depends on the zone (names, values, existing sets) is the planner's, as InvalidChangeBatch.
 * Element order is not enforced (Route 53 enforces model order; every SDK sends it).
 */
import { apiError } from '../errors.ts';
import { onlyElements } from '../xml.ts';
import {
  CHANGE_ACTIONS, CONTINENTS, FAILOVER, POLICY_MEMBERS, R53_REGIONS, R53_TYPES,
  type Change, type R53GeoLocation, type R53GeoProximityLocation, type R53RecordSet,
} from './model.ts';
import {
  booleanOf, checkLength, child, enumOf, integerIn, matching, missing, mustText, optionalText, type At,
} from './xml-fields.ts';

export type { Change, ChangeAction, R53RecordSet, R53Type } from './model.ts';

const ROOT: At = { xml: 'ChangeResourceRecordSetsRequest', member: '' };
const SET_MEMBERS = [
  'Name', 'Type', 'SetIdentifier', 'Weight', 'Region', 'GeoLocation', 'Failover', 'MultiValueAnswer', 'TTL',
  'ResourceRecords', 'AliasTarget', 'HealthCheckId', 'TrafficPolicyInstanceId', 'CidrRoutingConfig', 'GeoProximityLocation',
];
const UUID = '[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}';

/** Returns the comment and changes of a parsed <ChangeResourceRecordSetsRequest>; InvalidInput otherwise. */
export function parseChangeBatch(root: Record<string, unknown>): { comment: string; changes: Change[] } {
  const request = onlyElements(root, ['ChangeBatch'], ROOT.xml);
  if (request.ChangeBatch === undefined) throw missing(ROOT, 'ChangeBatch');
  const batchAt: At = { xml: `${ROOT.xml}/ChangeBatch`, member: 'changeBatch' };
  const batch = onlyElements(request.ChangeBatch, ['Comment', 'Changes'], batchAt.xml);
  const commentText = optionalText(batch, 'Comment', batchAt);
  const comment = commentText === undefined ? '' : checkLength(commentText, child(batchAt, 'Comment'), 0, 256);
  const changesAt = child(batchAt, 'Changes');
  if (batch.Changes === undefined) throw missing(batchAt, 'Changes');
  const items = listOf(batch.Changes, 'Change', changesAt);
  return { comment, changes: items.map((item, i) => parseChange(item, { xml: `${changesAt.xml}/Change`, member: `${changesAt.member}.${i + 1}.member` })) };
}

/** Returns the items of a list element that must hold at least one `item`. */
function listOf(node: unknown, item: string, at: At): unknown[] {
  const inner = onlyElements(node, [item], at.xml);
  const items = inner[item];
  const list = Array.isArray(items) ? items : items === undefined ? [] : [items];
  if (list.length === 0) throw missing(at, item);
  return list;
}

function parseChange(item: unknown, at: At): Change {
  const node = onlyElements(item, ['Action', 'ResourceRecordSet'], at.xml);
  const action = enumOf(mustText(node, 'Action', at), child(at, 'Action'), CHANGE_ACTIONS);
  if (node.ResourceRecordSet === undefined) throw missing(at, 'ResourceRecordSet');
  const set = parseRecordSet(node.ResourceRecordSet, child(at, 'ResourceRecordSet'));
  checkCombination(action, set);
  return { action, set };
}

function parseRecordSet(item: unknown, at: At): R53RecordSet {
  const n = onlyElements(item, SET_MEMBERS, at.xml);
  const str = (name: string) => optionalText(n, name, at);
  const set: R53RecordSet = {
    Name: checkLength(mustText(n, 'Name', at), child(at, 'Name'), 0, 1024),
    Type: enumOf(mustText(n, 'Type', at), child(at, 'Type'), R53_TYPES),
  };
  const v = { id: str('SetIdentifier'), weight: str('Weight'), region: str('Region'), failover: str('Failover'),
    multi: str('MultiValueAnswer'), ttl: str('TTL'), hc: str('HealthCheckId'), tpi: str('TrafficPolicyInstanceId') };
  if (v.id !== undefined) set.SetIdentifier = checkLength(v.id, child(at, 'SetIdentifier'), 1, 128);
  if (v.weight !== undefined) set.Weight = integerIn(v.weight, child(at, 'Weight'), 0, 255);
  if (v.region !== undefined) set.Region = enumOf(v.region, child(at, 'Region'), R53_REGIONS);
  if (n.GeoLocation !== undefined) set.GeoLocation = parseGeoLocation(n.GeoLocation, child(at, 'GeoLocation'));
  if (v.failover !== undefined) set.Failover = enumOf(v.failover, child(at, 'Failover'), FAILOVER);
  if (v.multi !== undefined) set.MultiValueAnswer = booleanOf(v.multi, child(at, 'MultiValueAnswer'));
  if (v.ttl !== undefined) set.TTL = integerIn(v.ttl, child(at, 'TTL'), 0, 2147483647);
  if (n.ResourceRecords !== undefined) {
    const rrAt = child(at, 'ResourceRecords');
    set.ResourceRecords = listOf(n.ResourceRecords, 'ResourceRecord', rrAt).map((rr, i) => {
      const itemAt: At = { xml: `${rrAt.xml}/ResourceRecord`, member: `${rrAt.member}.${i + 1}.member` };
      const value = mustText(onlyElements(rr, ['Value'], itemAt.xml), 'Value', itemAt);
      return { Value: checkLength(value, child(itemAt, 'Value'), 0, 4000) };
    });
  }
  if (n.AliasTarget !== undefined) {
    const aAt = child(at, 'AliasTarget');
    const a = onlyElements(n.AliasTarget, ['HostedZoneId', 'DNSName', 'EvaluateTargetHealth'], aAt.xml);
    set.AliasTarget = {
      HostedZoneId: checkLength(mustText(a, 'HostedZoneId', aAt), child(aAt, 'HostedZoneId'), 0, 32),
      DNSName: checkLength(mustText(a, 'DNSName', aAt), child(aAt, 'DNSName'), 0, 1024),
      EvaluateTargetHealth: booleanOf(mustText(a, 'EvaluateTargetHealth', aAt), child(aAt, 'EvaluateTargetHealth')),
    };
  }
  if (v.hc !== undefined) set.HealthCheckId = checkLength(v.hc, child(at, 'HealthCheckId'), 0, 64);
  if (v.tpi !== undefined) set.TrafficPolicyInstanceId = checkLength(v.tpi, child(at, 'TrafficPolicyInstanceId'), 1, 36);
  if (n.CidrRoutingConfig !== undefined) {
    const cAt = child(at, 'CidrRoutingConfig');
    const c = onlyElements(n.CidrRoutingConfig, ['CollectionId', 'LocationName'], cAt.xml);
    set.CidrRoutingConfig = {
      CollectionId: matching(mustText(c, 'CollectionId', cAt), child(cAt, 'CollectionId'), UUID),
      LocationName: matching(checkLength(mustText(c, 'LocationName', cAt), child(cAt, 'LocationName'), 1, 16),
        child(cAt, 'LocationName'), '[0-9A-Za-z_\\-\\*]+'),
    };
  }
  if (n.GeoProximityLocation !== undefined) set.GeoProximityLocation = parseGeoProximity(n.GeoProximityLocation, child(at, 'GeoProximityLocation'));
  return set;
}

function parseGeoLocation(item: unknown, at: At): R53GeoLocation {
  const g = onlyElements(item, ['ContinentCode', 'CountryCode', 'SubdivisionCode'], at.xml);
  const out: R53GeoLocation = {};
  const continent = optionalText(g, 'ContinentCode', at);
  const country = optionalText(g, 'CountryCode', at);
  const subdivision = optionalText(g, 'SubdivisionCode', at);
  if (continent !== undefined) out.ContinentCode = checkLength(continent, child(at, 'ContinentCode'), 2, 2);
  if (country !== undefined) out.CountryCode = checkLength(country, child(at, 'CountryCode'), 1, 2);
  if (subdivision !== undefined) out.SubdivisionCode = checkLength(subdivision, child(at, 'SubdivisionCode'), 1, 3);
  // route53.md 5, "Geolocation details".
  if (continent === undefined && country === undefined) throw apiError('InvalidInput', 'Invalid request: A GeoLocation needs a ContinentCode or a CountryCode');
  if (continent !== undefined && country !== undefined) throw apiError('InvalidInput', 'Invalid request: A GeoLocation has either a ContinentCode or a CountryCode, not both');
  if (subdivision !== undefined && country === undefined) throw apiError('InvalidInput', 'Invalid request: A GeoLocation SubdivisionCode needs a CountryCode');
  if (continent !== undefined && CONTINENTS[continent] === undefined) throw apiError('InvalidInput', `Invalid request: Unknown ContinentCode '${continent}' (known: ${Object.keys(CONTINENTS).join(', ')})`);
  return out;
}

function parseGeoProximity(item: unknown, at: At): R53GeoProximityLocation {
  const g = onlyElements(item, ['AWSRegion', 'LocalZoneGroup', 'Coordinates', 'Bias'], at.xml);
  const out: R53GeoProximityLocation = {};
  const region = optionalText(g, 'AWSRegion', at);
  const group = optionalText(g, 'LocalZoneGroup', at);
  const bias = optionalText(g, 'Bias', at);
  if (region !== undefined) out.AWSRegion = checkLength(region, child(at, 'AWSRegion'), 1, 64);
  if (group !== undefined) out.LocalZoneGroup = checkLength(group, child(at, 'LocalZoneGroup'), 1, 64);
  if (g.Coordinates !== undefined) {
    const cAt = child(at, 'Coordinates');
    const c = onlyElements(g.Coordinates, ['Latitude', 'Longitude'], cAt.xml);
    const lat = checkLength(mustText(c, 'Latitude', cAt), child(cAt, 'Latitude'), 1, 6);
    const lon = checkLength(mustText(c, 'Longitude', cAt), child(cAt, 'Longitude'), 1, 7);
    out.Coordinates = {
      Latitude: matching(lat, child(cAt, 'Latitude'), '[-+]?[0-9]{1,2}(\\.[0-9]{0,2})?'),
      Longitude: matching(lon, child(cAt, 'Longitude'), '[-+]?[0-9]{1,3}(\\.[0-9]{0,2})?'),
    };
  }
  if (bias !== undefined) out.Bias = integerIn(bias, child(at, 'Bias'), -99, 99);
  const forms = [region, group, out.Coordinates].filter((x) => x !== undefined).length;
  if (forms !== 1) {
    throw apiError('InvalidInput', `Invalid request: Expected exactly one of [AWSRegion, LocalZoneGroup, or Coordinates] in GeoProximityLocation, but found ${forms === 0 ? 'none' : 'more than one'}`);
  }
  return out;
}

/** The member combinations Route 53 refuses before looking at the zone. */
function checkCombination(action: string, s: R53RecordSet): void {
  const where = `in Change with [Action=${action}, Name=${s.Name}, Type=${s.Type}, SetIdentifier=${s.SetIdentifier ?? 'null'}]`;
  const alias = s.AliasTarget !== undefined;
  const anyData = s.TTL !== undefined || s.ResourceRecords !== undefined;
  const data = s.TTL !== undefined && s.ResourceRecords !== undefined;
  // A traffic policy's own records carry TrafficPolicyInstanceId beside their data (as listed).
  const found = alias && anyData ? 'more than one' : !alias && !data && s.TrafficPolicyInstanceId === undefined ? 'none' : '';
  if (found !== '') {
    throw apiError('InvalidInput', `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found ${found} ${where}`);
  }
  const policies = POLICY_MEMBERS.filter((m) => m === 'MultiValueAnswer' ? s.MultiValueAnswer === true : s[m] !== undefined);
  if (policies.length > 1) {
    throw apiError('InvalidInput', `Invalid request: Expected at most one of [${POLICY_MEMBERS.join(', ')}], but found more than one ${where}`);
  }
  if (policies.length === 1 && s.SetIdentifier === undefined) throw apiError('InvalidInput', `Invalid request: Missing field 'SetIdentifier' ${where}`);
  if (policies.length === 0 && s.SetIdentifier !== undefined) {
    throw apiError('InvalidInput', `Invalid request: Unexpected field 'SetIdentifier' without a routing policy (one of [${POLICY_MEMBERS.join(', ')}]) ${where}`);
  }
}
