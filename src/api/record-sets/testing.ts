/** Test helpers: record sets and changes written the way a Route 53 client writes them. */
import { RRType } from '../../dns/index.ts';
import type { RecordSetRow } from '../../store/types.ts';
import { buildCandidate } from './build-candidate.ts';
import { keyFromStored, r53NameText } from './r53-names.ts';
import type { Change, ChangeAction, R53RecordSet, R53Type } from './model.ts';

export const ZONE = { id: 'Z1EXAMPLE', name: 'example.com.' };

/** Returns a Route 53 record set with values (TTL 300 unless `extra` says otherwise). */
export function rrset(name: string, type: R53Type, values: string[], extra: Partial<R53RecordSet> = {}): R53RecordSet {
  return { Name: name, Type: type, TTL: 300, ResourceRecords: values.map((Value) => ({ Value })), ...extra };
}

/** Returns an alias record set. */
export function alias(name: string, type: R53Type, target: string, zoneId = ZONE.id, extra: Partial<R53RecordSet> = {}): R53RecordSet {
  return { Name: name, Type: type, AliasTarget: { HostedZoneId: zoneId, DNSName: target, EvaluateTargetHealth: false }, ...extra };
}

export const change = (action: ChangeAction, set: R53RecordSet): Change => ({ action, set });

/** Returns the stored row of a Route 53 record set (as a CREATE would store it). */
export function rowOf(set: R53RecordSet): RecordSetRow {
  const key = keyFromStored(ZONE.name);
  const problems: string[] = [];
  const c = buildCandidate({ id: ZONE.id, stored: ZONE.name, key, text: r53NameText(key) }, set, problems);
  if (!c) throw new Error(problems.join('; '));
  return c.row;
}

/** The apex NS and SOA a new zone has. */
export const APEX: RecordSetRow[] = [
  rowOf(rrset('example.com.', 'NS', ['ns1.example.net.', 'ns2.example.net.', 'ns3.example.org.', 'ns4.example.org.'], { TTL: 172800 })),
  rowOf(rrset('example.com.', 'SOA', ['ns1.example.net. hostmaster.example.net. 1 7200 900 1209600 86400'], { TTL: 900 })),
];

export { RRType };
