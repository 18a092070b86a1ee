/** CreateTags and DeleteTags, on VPCs (the only resources Signpost's EC2 endpoint has). */
import type { ApiContext } from '../context.ts';
import type { VpcRow } from '../../store/index.ts';
import { dryRun, ec2Error, onlyParams, type Params } from './protocol.ts';
import { dryRunError, MAX_TAGS, ownVpc, parseTags, type Ec2Caller, type Ec2Operation } from './vpcs.ts';

/** The caller's VPCs named by `ResourceId.N` (only VPCs carry tags here). */
async function taggedVpcs(ctx: ApiContext, p: Params, caller: Ec2Caller): Promise<VpcRow[]> {
  const ids = p.list('ResourceId');
  if (ids.length === 0) throw ec2Error('MissingParameter', 'The request must contain the parameter resourceIdSet');
  const out: VpcRow[] = [];
  for (const id of ids) {
    if (!id.startsWith('vpc-')) throw ec2Error('InvalidID', `The ID '${id}' is not valid: Signpost tags VPCs only`);
    out.push(await ownVpc(ctx, id, caller));
  }
  return out;
}

export const createTags: Ec2Operation = async (ctx, p, caller) => {
  onlyParams(p, [/^ResourceId\.\d+$/, /^Tag\.\d+\.(Key|Value)$/, /^DryRun$/]);
  const vpcs = await taggedVpcs(ctx, p, caller);
  const tags = parseTags(p, 'Tag', true).map((t) => ({ key: t.key, value: t.value ?? '' }));
  if (tags.length === 0) throw ec2Error('MissingParameter', 'The request must contain the parameter tagSet');
  for (const v of vpcs) {
    const keys = new Set([...(await ctx.store.listTags('vpc', v.id)).map((t) => t.key), ...tags.map((t) => t.key)]);
    if (keys.size > MAX_TAGS) throw ec2Error('TagLimitExceeded', `The maximum number of tags per resource is ${MAX_TAGS}`);
  }
  if (dryRun(p)) throw dryRunError();
  for (const v of vpcs) await ctx.store.changeTags('vpc', v.id, tags, []);
  return [['return', true]];
};

export const deleteTags: Ec2Operation = async (ctx, p, caller) => {
  onlyParams(p, [/^ResourceId\.\d+$/, /^Tag\.\d+\.(Key|Value)$/, /^DryRun$/]);
  const vpcs = await taggedVpcs(ctx, p, caller);
  const tags = parseTags(p, 'Tag', false);
  if (dryRun(p)) throw dryRunError();
  for (const v of vpcs) {
    const have = await ctx.store.listTags('vpc', v.id);
    // No Tag.N: every tag goes. A Value given: only a tag with that value goes.
    const remove = tags.length === 0 ? have.map((t) => t.key)
      : tags.filter((t) => have.some((h) => h.key === t.key && (t.value === undefined || h.value === t.value))).map((t) => t.key);
    await ctx.store.changeTags('vpc', v.id, [], remove);
  }
  return [['return', true]];
};

