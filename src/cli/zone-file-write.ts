/**
 * `signpost zone export`: every record set the API holds, as a master file or as the JSON that
 * `aws route53 list-resource-record-sets` prints.
 *
 * The master file is plain RFC 1035 for what it can express, plus one documented extension that
 * BIND, Knot and NSD read as comments (checked with nsd-checkzone in test/zone-files.test.ts):
 * - a record of a set with Route 53 fields RFC 1035 has no words for ends in
 *   `; signpost {"set":ID,"routing":{…},"value":TEXT}`: the set identifier, the routing JSON as
 *   stored (weight, region, geoLocation, failover, multiValueAnswer, healthCheckId, cidr,
 *   geoProximity, …), and the value exactly as submitted when it differs from the rdata's text;
 *   each member only when it has something to say;
 * - a set that has no RFC 1035 form (an alias; a CNAME with a set identifier, which would be a
 *   second CNAME at its name) is one comment line of its own,
 *   `;signpost-set {"name":…,"type":…,"ttl":…,"set":…,"routing":{…},"values":[…]}`.
 * Owners and names in rdata are absolute; the apex SOA comes first, then the sets in
 * ListResourceRecordSets order.
 */
import { nameToText, rdataToText, rrTypeToString, nameFromText, RRType } from '../dns/index.ts';
import { hexToBytes } from '../dns/rdata/base-encoding.ts';
import { hexToR53Value, listRecordSets, r53SetFromRow } from '../api/record-sets/index.ts';
import type { RecordSetRow } from '../store/index.ts';

/** The comment that marks a record's Route 53 fields. */
export const RECORD_MARK = ' signpost ';
/** The comment that holds a whole set. */
export const SET_MARK = 'signpost-set ';

/** Returns `rows` in ListResourceRecordSets order. */
export function listingOrder(rows: RecordSetRow[]): RecordSetRow[] {
  const out: RecordSetRow[] = [];
  let q: { name?: string; type?: string; identifier?: string } = {};
  for (;;) {
    const page = listRecordSets(rows, { ...q, maxItems: '300' });
    out.push(...page.items);
    if (!page.next) return out;
    q = { name: page.next.name, type: page.next.type, ...(page.next.identifier !== undefined ? { identifier: page.next.identifier } : {}) };
  }
}

/** True when a set cannot be written as RFC 1035 records. */
function commentOnly(row: RecordSetRow): boolean {
  return row.rdata.length === 0 || (row.type === RRType.CNAME && row.setIdentifier !== '');
}

/** Returns the master file of a zone's record sets. */
export function formatZoneFile(zoneName: string, rows: RecordSetRow[]): string {
  const lines = [
    `; zone ${zoneName} exported by signpost. Lines ending in "; signpost {...}" and lines starting`,
    '; ";signpost-set {...}" carry Route 53 fields RFC 1035 cannot express (routing policies, health',
    '; checks, alias targets, values as submitted); other DNS servers read them as comments.',
    `$ORIGIN ${zoneName}`,
  ];
  // The apex SOA first, as RFC 1035 zone files customarily begin; then ListResourceRecordSets order.
  const ordered = listingOrder(rows);
  const soa = ordered.findIndex((r) => r.type === RRType.SOA && r.name === zoneName && r.setIdentifier === '');
  if (soa > 0) ordered.unshift(...ordered.splice(soa, 1));
  for (const row of ordered) {
    const routing = row.routing === null ? undefined : JSON.parse(row.routing) as unknown;
    const set = row.setIdentifier === '' ? undefined : row.setIdentifier;
    if (commentOnly(row)) {
      const values = r53SetFromRow(row).ResourceRecords?.map((r) => r.Value);
      lines.push(`;${SET_MARK}${JSON.stringify({ name: row.name, type: rrTypeToString(row.type), ttl: row.ttl, set, routing, values })}`);
      continue;
    }
    row.rdata.forEach((hex, i) => {
      const text = rdataToText(row.type, hexToBytes(hex));
      const given = row.values?.[i];
      const value = given !== undefined && given !== hexToR53Value(row.type, hex) ? given : undefined;
      const mark = set !== undefined || routing !== undefined || value !== undefined ? ` ;${RECORD_MARK}${JSON.stringify({ set, routing, value })}` : '';
      lines.push(`${nameToText(nameFromText(row.name))} ${row.ttl} IN ${rrTypeToString(row.type)}${text === '' ? '' : ` ${text}`}${mark}`);
    });
  }
  return lines.join('\n') + '\n';
}

/** Returns the ListResourceRecordSets JSON of a zone's record sets (as the AWS CLI prints it). */
export function formatZoneJson(rows: RecordSetRow[]): string {
  return JSON.stringify({ ResourceRecordSets: listingOrder(rows).map(r53SetFromRow) }, null, 4) + '\n';
}
