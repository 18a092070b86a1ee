/**
 * Zone-level checks that a set of records must pass before it is stored (RFC 1034, RFC 2181):
 * one SOA at the apex, NS at the apex, CNAME alone at its name and never at the apex, one TTL per
 * RRset. Returns every problem found, each naming the owner; an empty list means valid.
 */
import { RRType, isAtOrBelow, lowerName, nameToText, rrTypeToString, type LowerName, type Name } from '../dns/index.ts';

/** A record to check; `line` (when known) is quoted in messages. */
export type CheckedRecord = { owner: Name; ttl: number; type: number; rdata: Uint8Array; line?: number };

/** Types that may sit beside a CNAME (RFC 2181 10.1, RFC 4035 2.5). */
const CNAME_COMPANIONS = new Set<number>([RRType.CNAME, RRType.RRSIG, RRType.NSEC]);

/** Returns the problems with `records` as the contents of the zone at `apex`. */
export function validateZone(apex: Name, records: CheckedRecord[]): string[] {
  const apexKey = lowerName(apex);
  const problems: string[] = [];
  const at = (r: CheckedRecord) => (r.line !== undefined ? `line ${r.line}: ` : '');
  const byName = new Map<LowerName, Map<number, CheckedRecord[]>>();
  for (const r of records) {
    const key = lowerName(r.owner);
    if (!isAtOrBelow(key, apexKey)) {
      problems.push(`${at(r)}${nameToText(r.owner)} is outside the zone ${nameToText(apex)}`);
      continue;
    }
    let types = byName.get(key);
    if (!types) byName.set(key, (types = new Map()));
    const list = types.get(r.type) ?? [];
    list.push(r);
    types.set(r.type, list);
  }
  const apexTypes = byName.get(apexKey);
  const soa = apexTypes?.get(RRType.SOA) ?? [];
  if (soa.length === 0) problems.push(`the zone has no SOA record at its apex ${nameToText(apex)}`);
  if (soa.length > 1) problems.push(`${at(soa[1]!)}the zone has ${soa.length} SOA records; exactly one is allowed`);
  if (!apexTypes?.get(RRType.NS)?.length) problems.push(`the zone has no NS records at its apex ${nameToText(apex)}`);
  for (const [key, types] of byName) {
    for (const [type, list] of types) {
      const first = list[0]!;
      if (type === RRType.SOA && key !== apexKey) problems.push(`${at(first)}SOA record at ${nameToText(first.owner)} is not at the zone apex`);
      const ttl = list.find((r) => r.ttl !== first.ttl);
      if (ttl) problems.push(`${at(ttl)}records of ${nameToText(first.owner)} ${rrTypeToString(type)} have different TTLs (${first.ttl} and ${ttl.ttl}); an RRset has one TTL (RFC 2181 5.2)`);
    }
    const cname = types.get(RRType.CNAME);
    if (!cname) continue;
    const owner = nameToText(cname[0]!.owner);
    if (key === apexKey) problems.push(`${at(cname[0]!)}CNAME at the zone apex ${owner} is not allowed (RFC 1912 2.4)`);
    if (cname.length > 1) problems.push(`${at(cname[1]!)}${owner} has ${cname.length} CNAME records; only one is allowed`);
    for (const type of types.keys()) {
      if (!CNAME_COMPANIONS.has(type)) {
        problems.push(`${at(types.get(type)![0]!)}${owner} has a CNAME and ${rrTypeToString(type)} data; a CNAME must be alone (RFC 1034 3.6.2)`);
      }
    }
  }
  return problems;
}
