/**
 * A Route 53 record set -> the row it would be stored as: the name read and checked against the
 * zone, the values turned into canonical rdata, the routing fields into routing JSON. Problems
 * are Route 53's texts; a set with any problem yields no candidate.
 */
import { RRType, isAtOrBelow, lowerName, nameToText, type LowerName } from '../../dns/index.ts';
import type { RecordSetRow } from '../../store/types.ts';
import type { Candidate, ZoneFacts } from './check-put.ts';
import { FatalProblem } from './fatal-problem.ts';
import * as msg from './messages.ts';
import type { R53RecordSet } from './model.ts';
import { parseR53Name, r53NameText } from './r53-names.ts';
import { r53ValueToHex } from './r53-values.ts';
import { bareZoneId, routingFromSet, routingToJson } from './routing.ts';

/** Returns the candidate row of `set`, or undefined after adding its problems to `problems`. */
export function buildCandidate(z: ZoneFacts, set: R53RecordSet, problems: string[]): Candidate | undefined {
  let key: LowerName;
  try {
    key = lowerName(parseR53Name(set.Name));
  } catch (e) {
    if (!(e instanceof FatalProblem)) throw e;
    problems.push(e.message);
    return undefined;
  }
  const label: msg.SetName = { name: r53NameText(key), type: set.Type, setIdentifier: set.SetIdentifier ?? '' };
  if (!isAtOrBelow(key, z.key)) {
    problems.push(msg.outsideZone(label.name, z.text));
    return undefined;
  }
  const type = RRType[set.Type];
  const before = problems.length;
  const rdata: string[] = [];
  const values: string[] = [];
  for (const { Value } of set.ResourceRecords ?? []) {
    try {
      const hex = r53ValueToHex(type, Value);
      if (rdata.includes(hex)) problems.push(msg.duplicateValue(Value));
      else {
        rdata.push(hex);
        values.push(Value);
      }
    } catch (e) {
      if (!(e instanceof FatalProblem)) throw e;
      problems.push(msg.invalidRecord(e));
    }
  }
  let aliasName: string | undefined;
  if (set.AliasTarget) {
    try {
      const target = lowerName(parseR53Name(set.AliasTarget.DNSName));
      aliasName = nameToText(target);
      // Within its own zone an alias must name a record of that zone (route53.md 4). A name of
      // this zone under another zone's id is no target Route 53 could find (aliases never cross
      // hosted zones); here it would be looked up outside, and come back to this zone.
      const zoneId = bareZoneId(set.AliasTarget.HostedZoneId);
      if (zoneId === z.id && !isAtOrBelow(target, z.key)) {
        problems.push(msg.aliasOutsideTargetZone(r53NameText(target), set.Type, z.id));
      } else if (zoneId !== z.id && isAtOrBelow(target, z.key)) {
        problems.push(msg.aliasTargetMissing(r53NameText(target), set.Type, zoneId));
      }
    } catch (e) {
      if (!(e instanceof FatalProblem)) throw e;
      problems.push(e.message);
    }
  }
  if (problems.length > before) return undefined;
  const routing = routingFromSet(set, aliasName);
  const row: RecordSetRow = {
    name: nameToText(key),
    type,
    setIdentifier: label.setIdentifier,
    // An alias has no TTL of its own: answers use the target's (route53.md 4).
    ttl: set.TTL ?? 0,
    rdata,
    routing: routingToJson(routing),
  };
  // Listed back exactly as submitted; DNS reads only the rdata.
  if (values.length > 0) row.values = values;
  return { row, routing, label, key, hasValues: set.ResourceRecords !== undefined };
}
