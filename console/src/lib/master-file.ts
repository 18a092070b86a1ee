/**
 * Export: the zone as the ListResourceRecordSets JSON (what `aws route53
 * list-resource-record-sets` prints, and what the import takes back), and an RFC 1035
 * master-file view of the records a master file can say. Record sets with a routing policy or
 * an alias target have no master-file form, so they are listed as left out, never dropped
 * silently.
 */
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { policyOf } from './records.ts';

/** Returns the zone's record sets as `aws route53 list-resource-record-sets` prints them. */
export function exportJson(sets: readonly ResourceRecordSet[]): string {
  return `${JSON.stringify({ ResourceRecordSets: sets }, null, 4)}\n`;
}

/** Returns the master-file text of the simple, non-alias record sets, and the sets left out. */
export function exportMasterFile(sets: readonly ResourceRecordSet[], zone: string): { text: string; leftOut: ResourceRecordSet[] } {
  const lines = [`$ORIGIN ${zone}`];
  const leftOut: ResourceRecordSet[] = [];
  const printable = [...sets].sort((a, b) => (a.Type === 'SOA' ? -1 : b.Type === 'SOA' ? 1 : 0));
  for (const r of printable) {
    if (r.AliasTarget || policyOf(r) !== 'simple') { leftOut.push(r); continue; }
    for (const v of r.ResourceRecords ?? []) lines.push(`${r.Name} ${r.TTL ?? 300} IN ${r.Type} ${v.Value ?? ''}`);
  }
  return { text: `${lines.join('\n')}\n`, leftOut };
}
