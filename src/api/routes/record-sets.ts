/**
 * ChangeResourceRecordSets and ListResourceRecordSets. A batch is parsed, planned against the
 * zone's current record sets (a pure function with Route 53's messages), then applied in one
 * store transaction that fails if the zone moved on meanwhile; the plan is then redone.
 */
import { VersionConflict } from '../../store/index.ts';
import { apiError } from '../errors.ts';
import { parseRequest, xmlDocument, type OutElement } from '../xml.ts';
import type { Handler } from '../context.ts';
import { parseChangeBatch } from '../record-sets/parse-change-batch.ts';
import { formatChangeBatchErrors, planChangeBatch } from '../record-sets/plan-change-batch.ts';
import { listRecordSets, recordSetXml } from '../record-sets/record-set-xml.ts';
import { changeInfoXml } from './changes.ts';
import { ownedZone } from './hosted-zones.ts';
import { MAX_RRSETS_BY_ZONE } from './limits.ts';
import { checkCidrRouting } from '../cidr/check-cidr-routing.ts';

/** How often a batch is re-planned when concurrent batches keep moving the zone. */
const MAX_ATTEMPTS = 5;

export const changeResourceRecordSets: Handler = async (ctx, req) => {
  const { comment, changes } = parseChangeBatch(parseRequest(req.body, 'ChangeResourceRecordSetsRequest'));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const zone = await ownedZone(ctx, req.accountId, req.params.Id!);
    await checkCidrRouting(ctx, req.accountId, changes);
    const current = await ctx.store.getRecordSets(zone.id);
    const result = planChangeBatch({ id: zone.id, name: zone.name }, current, changes, comment);
    if (!result.ok) throw apiError('InvalidChangeBatch', formatChangeBatchErrors(result.messages));
    const keyOf = (k: { name: string; type: number; setIdentifier: string }) => `${k.name}/${k.type}/${k.setIdentifier}`;
    const keys = new Set(current.map(keyOf));
    for (const d of result.plan.deletes) keys.delete(keyOf(d));
    for (const p of result.plan.puts) keys.add(keyOf(p));
    const after = keys.size;
    if (after > MAX_RRSETS_BY_ZONE) throw apiError('InvalidChangeBatch', `[The hosted zone would hold more than ${MAX_RRSETS_BY_ZONE} record sets]`);
    try {
      const change = await ctx.store.applyChange(zone.id, result.plan, zone.version);
      ctx.onZoneChange();
      return { status: 200, xml: xmlDocument('ChangeResourceRecordSetsResponse', [['ChangeInfo', changeInfoXml(change, 'PENDING')]]) };
    } catch (err) {
      if (!(err instanceof VersionConflict)) throw err;
    }
  }
  throw apiError('PriorRequestNotComplete');
};

export const listResourceRecordSets: Handler = async (ctx, req) => {
  const zone = await ownedZone(ctx, req.accountId, req.params.Id!);
  const page = listRecordSets(await ctx.store.getRecordSets(zone.id), {
    ...(req.query.name !== undefined ? { name: req.query.name } : {}),
    ...(req.query.type !== undefined ? { type: req.query.type } : {}),
    ...(req.query.identifier !== undefined ? { identifier: req.query.identifier } : {}),
    ...(req.query.maxitems !== undefined ? { maxItems: req.query.maxitems } : {}),
  });
  return { status: 200, xml: xmlDocument('ListResourceRecordSetsResponse', [
    ['ResourceRecordSets', page.items.map((row) => ['ResourceRecordSet', recordSetXml(row)] as OutElement)],
    ['IsTruncated', page.isTruncated],
    ['NextRecordName', page.next?.name],
    ['NextRecordType', page.next?.type],
    ['NextRecordIdentifier', page.next?.identifier],
    ['MaxItems', page.maxItems],
  ]) };
};
