/**
 * GetChange, and the <ChangeInfo> element every write returns. A change is INSYNC once every
 * live DNS node reports that it serves the zone version the change made (or, for a deleted
 * zone, that no live node serves the zone any more); until then it is PENDING.
 */
import type { ChangeRow, DnsNodeRow } from '../../store/index.ts';
import { apiError } from '../errors.ts';
import { bareId, changeIdOut } from '../ids.ts';
import { xmlDocument, type OutElement } from '../xml.ts';
import type { ApiContext, Handler } from '../context.ts';

/** The <ChangeInfo> element. */
export function changeInfoXml(c: ChangeRow, status: 'PENDING' | 'INSYNC'): OutElement[] {
  return [['Id', changeIdOut(c.id)], ['Status', status], ['SubmittedAt', c.submittedAt], ['Comment', c.comment || undefined]];
}

/** Returns whether every live DNS node serves the change. */
export async function changeStatus(ctx: ApiContext, c: ChangeRow): Promise<'PENDING' | 'INSYNC'> {
  const now = ctx.now().getTime();
  const live = (await ctx.store.listDnsNodes()).filter((n: DnsNodeRow) => now - Date.parse(n.heartbeatAt) <= ctx.liveNodeMs);
  if (live.length === 0) return 'PENDING';
  const zone = await ctx.store.getZone(c.zoneId);
  if (!zone) return live.every((n) => n.versions[c.zoneId] === undefined) ? 'INSYNC' : 'PENDING';
  return live.every((n) => (n.versions[c.zoneId] ?? 0) >= c.version) ? 'INSYNC' : 'PENDING';
}

export const getChange: Handler = async (ctx, req) => {
  const id = bareId(req.params.Id!, 'change');
  const change = await ctx.store.getChange(id);
  if (!change) throw apiError('NoSuchChange', `A change with the specified change ID does not exist: ${id}`);
  if (change.accountId !== req.accountId) throw apiError('NoSuchChange', `A change with the specified change ID does not exist: ${id}`);
  return { status: 200, xml: xmlDocument('GetChangeResponse', [['ChangeInfo', changeInfoXml(change, await changeStatus(ctx, change))]]) };
};
