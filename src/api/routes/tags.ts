/** Tags on hosted zones and health checks: Change, List, ListForResources. */
import { apiError } from '../errors.ts';
import { bareId } from '../ids.ts';
import { listItems, onlyElements, parseRequest, requiredText, text, xmlDocument, type OutElement } from '../xml.ts';
import type { ApiContext, Handler } from '../context.ts';
import { ownedZone } from './hosted-zones.ts';
import { ownedHealthCheck } from './health-checks.ts';

async function checkResource(ctx: ApiContext, accountId: string, type: string | undefined, id: string): Promise<string> {
  if (type === 'hostedzone') return (await ownedZone(ctx, accountId, id)).id;
  if (type === 'healthcheck') return (await ownedHealthCheck(ctx, accountId, id)).id;
  throw apiError('InvalidInput', `ResourceType must be hostedzone or healthcheck, not "${type}"`);
}

async function tagSetXml(ctx: ApiContext, type: string, id: string): Promise<OutElement[]> {
  const tags = await ctx.store.listTags(type, id);
  return [
    ['ResourceType', type],
    ['ResourceId', id],
    ['Tags', tags.map((t) => ['Tag', [['Key', t.key], ['Value', t.value]]] as OutElement)],
  ];
}

export const changeTagsForResource: Handler = async (ctx, req) => {
  const id = await checkResource(ctx, req.accountId, req.params.ResourceType, req.params.ResourceId!);
  const body = onlyElements(parseRequest(req.body, 'ChangeTagsForResourceRequest'), ['AddTags', 'RemoveTagKeys'], 'ChangeTagsForResourceRequest');
  const add = listItems(body, 'AddTags', 'Tag', 'ChangeTagsForResourceRequest').map((t) => {
    const tag = onlyElements(t, ['Key', 'Value'], 'Tag');
    const keyNode = tag.Key;
    const key = Array.isArray(keyNode) && keyNode.length === 1 && typeof keyNode[0] === 'string' ? keyNode[0] : requiredText(tag, 'Key', 'Tag');
    const value = text(tag, 'Value', 'Tag') ?? '';
    if (key.length < 1 || key.length > 128 || value.length > 256) throw apiError('InvalidInput', 'Tag keys are 1 to 128 characters and values at most 256');
    return { key, value };
  });
  const remove = listItems(body, 'RemoveTagKeys', 'Key', 'ChangeTagsForResourceRequest').map((k) => {
    if (typeof k !== 'string' || k.length < 1 || k.length > 128) throw apiError('InvalidInput', 'Tag keys are 1 to 128 characters');
    return k;
  });
  if (add.length > 10 || remove.length > 10) throw apiError('InvalidInput', 'At most 10 tags can be added and 10 removed per request');
  if (add.length === 0 && remove.length === 0) throw apiError('InvalidInput', 'AddTags or RemoveTagKeys is required');
  await ctx.store.changeTags(req.params.ResourceType!, id, add, remove);
  return { status: 200, xml: xmlDocument('ChangeTagsForResourceResponse', []) };
};

export const listTagsForResource: Handler = async (ctx, req) => {
  const id = await checkResource(ctx, req.accountId, req.params.ResourceType, req.params.ResourceId!);
  return { status: 200, xml: xmlDocument('ListTagsForResourceResponse', [['ResourceTagSet', await tagSetXml(ctx, req.params.ResourceType!, id)]]) };
};

export const listTagsForResources: Handler = async (ctx, req) => {
  const body = onlyElements(parseRequest(req.body, 'ListTagsForResourcesRequest'), ['ResourceIds'], 'ListTagsForResourcesRequest');
  const ids = listItems(body, 'ResourceIds', 'ResourceId', 'ListTagsForResourcesRequest');
  if (ids.length < 1 || ids.length > 10) throw apiError('InvalidInput', 'ResourceIds must list 1 to 10 ids');
  const sets: OutElement[] = [];
  for (const raw of ids) {
    if (typeof raw !== 'string') throw apiError('InvalidInput', 'ResourceId must be text');
    const id = await checkResource(ctx, req.accountId, req.params.ResourceType, req.params.ResourceType === 'hostedzone' ? bareId(raw, 'hostedzone', 'resourceId') : raw);
    sets.push(['ResourceTagSet', await tagSetXml(ctx, req.params.ResourceType!, id)]);
  }
  return { status: 200, xml: xmlDocument('ListTagsForResourcesResponse', [['ResourceTagSets', sets]]) };
};
