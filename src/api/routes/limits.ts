/** GetHostedZoneLimit and GetAccountLimit, with Route 53's default quotas (route53.md 11). */
import { apiError } from '../errors.ts';
import { xmlDocument } from '../xml.ts';
import type { Handler } from '../context.ts';
import { ownedZone } from './hosted-zones.ts';
import { MAX_REUSABLE_SETS } from './delegation-sets.ts';
import { MAX_VPCS_PER_ZONE } from './vpc-associations.ts';

export const ACCOUNT_LIMITS: Record<string, number> = {
  MAX_HEALTH_CHECKS_BY_OWNER: 200,
  MAX_HOSTED_ZONES_BY_OWNER: 500,
  MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER: 5,
  MAX_REUSABLE_DELEGATION_SETS_BY_OWNER: MAX_REUSABLE_SETS,
  MAX_TRAFFIC_POLICIES_BY_OWNER: 50,
};
export const MAX_RRSETS_BY_ZONE = 10_000;

export const getHostedZoneLimit: Handler = async (ctx, req) => {
  const zone = await ownedZone(ctx, req.accountId, req.params.Id!);
  const type = req.params.Type;
  if (type === 'MAX_VPCS_ASSOCIATED_BY_ZONE') {
    if (!zone.privateZone) throw apiError('HostedZoneNotPrivate', `The hosted zone ${zone.id} is a public hosted zone, not a private hosted zone`);
    return { status: 200, xml: xmlDocument('GetHostedZoneLimitResponse', [
      ['Limit', [['Type', type], ['Value', MAX_VPCS_PER_ZONE]]],
      ['Count', (await ctx.store.listZoneVpcs(zone.id)).length],
    ]) };
  }
  if (type !== 'MAX_RRSETS_BY_ZONE') throw apiError('InvalidInput', `Unknown limit type ${type}`);
  return { status: 200, xml: xmlDocument('GetHostedZoneLimitResponse', [
    ['Limit', [['Type', type], ['Value', MAX_RRSETS_BY_ZONE]]],
    ['Count', await ctx.store.countRecordSets(zone.id)],
  ]) };
};

export const getAccountLimit: Handler = async (ctx, req) => {
  const type = req.params.Type!;
  const value = ACCOUNT_LIMITS[type];
  if (value === undefined) throw apiError('InvalidInput', `Unknown limit type ${type}`);
  let count = 0;
  if (type === 'MAX_HOSTED_ZONES_BY_OWNER') count = (await ctx.store.listZones()).filter((z) => z.accountId === req.accountId).length;
  if (type === 'MAX_REUSABLE_DELEGATION_SETS_BY_OWNER') count = (await ctx.store.listDelegationSets(req.accountId)).length;
  if (type === 'MAX_HEALTH_CHECKS_BY_OWNER') count = (await ctx.store.listHealthChecks(req.accountId)).length;
  return { status: 200, xml: xmlDocument('GetAccountLimitResponse', [['Limit', [['Type', type], ['Value', value]]], ['Count', count]]) };
};
