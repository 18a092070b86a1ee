/**
 * Import of the ListResourceRecordSets JSON (as exported, or as the AWS CLI prints it): checked
 * whole before anything is sent, then sent as UPSERT batches within Route 53's limits (1,000
 * records and 32,000 characters of values per request). The zone's own SOA and apex NS are
 * left as they are: they belong to the zone, not to the file.
 */
import type { Change, ResourceRecordSet } from '@aws-sdk/client-route-53';
import { isApexRequired } from './records.ts';

/** Route 53's per-request limits for ChangeResourceRecordSets. */
export const BATCH_LIMITS = { records: 1000, chars: 32000 } as const;

export type ImportPlan = { batches: Change[][]; skipped: ResourceRecordSet[]; count: number };

/** Returns the import plan for `text`, or throws an Error naming what is wrong with it. */
export function planImport(text: string, zone: string): ImportPlan {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`The file is not JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(doc) ? doc : (doc as { ResourceRecordSets?: unknown })?.ResourceRecordSets;
  if (!Array.isArray(list)) throw new Error('Expected {"ResourceRecordSets": [...]} (as aws route53 list-resource-record-sets prints it) or a list of record sets.');
  const sets: ResourceRecordSet[] = [];
  list.forEach((item: unknown, i) => {
    const r = item as ResourceRecordSet;
    if (!r || typeof r !== 'object' || typeof r.Name !== 'string' || typeof r.Type !== 'string') {
      throw new Error(`Record set ${i + 1}: each record set needs a Name and a Type.`);
    }
    if (!r.AliasTarget && !Array.isArray(r.ResourceRecords)) throw new Error(`Record set ${i + 1} (${r.Name} ${r.Type}): needs ResourceRecords or an AliasTarget.`);
    sets.push(r);
  });
  const skipped = sets.filter((r) => isApexRequired(r, zone));
  const send = sets.filter((r) => !isApexRequired(r, zone));
  return { batches: batch(send), skipped, count: send.length };
}

function batch(sets: ResourceRecordSet[]): Change[][] {
  const out: Change[][] = [];
  let cur: Change[] = [];
  let records = 0;
  let chars = 0;
  for (const r of sets) {
    const n = Math.max(1, r.ResourceRecords?.length ?? 1);
    const c = (r.ResourceRecords ?? []).reduce((s, v) => s + (v.Value?.length ?? 0), 0);
    // An UPSERT counts twice against the record limit in Route 53 (a delete and a create).
    if (cur.length > 0 && (records + 2 * n > BATCH_LIMITS.records || chars + 2 * c > BATCH_LIMITS.chars)) {
      out.push(cur);
      cur = []; records = 0; chars = 0;
    }
    cur.push({ Action: 'UPSERT', ResourceRecordSet: r });
    records += 2 * n;
    chars += 2 * c;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
