/**
 * Reusable delegation sets (Create, Get, List, Delete, GetReusableDelegationSetLimit) and the
 * allocation of name servers: the deployment's pool is cut into sets of four; a zone gets the
 * first set that no other zone of the same name uses (DelegationSetNotAvailable when none).
 */
import { newDelegationSetId, StoreConflict, type DelegationSetRow } from '../../store/index.ts';
import { apiError } from '../errors.ts';
import { bareId, delegationSetIdOut } from '../ids.ts';
import { listOf, onlyElements, parseRequest, requiredText, text, xmlDocument, type OutElement } from '../xml.ts';
import { resourceLocation, type ApiContext, type Handler } from '../context.ts';
import { pageSize } from './paging.ts';

/** Limits from Route 53's defaults (route53.md 11). */
export const MAX_REUSABLE_SETS = 100;
export const MAX_ZONES_PER_SET = 100;

/** The pool cut into sets of four. */
export function poolSets(pool: string[]): string[][] {
  const sets: string[][] = [];
  for (let i = 0; i + 4 <= pool.length; i += 4) sets.push(pool.slice(i, i + 4));
  return sets;
}

/** True when `a` equals `b` or one lies below the other (stored names, 'example.com.'). */
function related(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/**
 * Returns the name servers of every zone named `name`, or its parent or child: a new zone must
 * share none of them (Route 53: same-name and parent/child zones never share a name server).
 */
export async function takenNameServers(ctx: ApiContext, name: string): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const z of await ctx.store.listZones()) {
    if (!related(z.name, name) || z.delegationSetId === null) continue;
    const set = await ctx.store.getDelegationSet(z.delegationSetId);
    for (const ns of set?.nameServers ?? []) taken.add(ns);
  }
  return taken;
}

/**
 * Refuses a zone named `name` for `accountId` when a zone of another account contains it or
 * lies inside it. Every zone here is answered by the same servers, so a nested zone of another
 * account would take over names of the outer one (Route 53 keeps them apart on different
 * name servers; this deployment cannot).
 */
export async function checkNoForeignNesting(ctx: ApiContext, name: string, accountId: string): Promise<void> {
  const other = (await ctx.store.listZones()).find((z) => z.accountId !== accountId && z.name !== name && related(z.name, name));
  if (other) {
    throw apiError('ConflictingDomainExists', `${name} conflicts with ${other.name}, a hosted zone of another account: nested zones of different accounts cannot share this deployment's name servers`);
  }
}

/** Picks four name servers for a new zone named `name` that no same-name, parent or child zone uses. */
export async function allocateNameServers(ctx: ApiContext, name: string): Promise<string[]> {
  const taken = await takenNameServers(ctx, name);
  const free = poolSets(ctx.nameServers).find((s) => s.every((ns) => !taken.has(ns)));
  if (!free) throw apiError('DelegationSetNotAvailable', `No delegation set with name servers distinct from the zones named ${name}, its parents and children is left; add name servers to the pool`);
  return free;
}

/** The <DelegationSet> element; non-reusable sets carry no Id or CallerReference. */
export function delegationSetXml(set: DelegationSetRow): OutElement[] {
  return [
    ['Id', set.reusable ? delegationSetIdOut(set.id) : undefined],
    ['CallerReference', set.reusable ? set.callerReference ?? undefined : undefined],
    ['NameServers', listOf('NameServer', set.nameServers)],
  ];
}

async function ownedSet(ctx: ApiContext, accountId: string, id: string): Promise<DelegationSetRow> {
  const bare = bareId(id, 'delegationset');
  const set = await ctx.store.getDelegationSet(bare);
  if (!set || set.accountId !== accountId) throw apiError('NoSuchDelegationSet', `No reusable delegation set found with ID: ${bare}`);
  if (!set.reusable) throw apiError('DelegationSetNotReusable', `The delegation set ${bare} is not reusable`);
  return set;
}

async function zonesUsing(ctx: ApiContext, id: string): Promise<number> {
  return (await ctx.store.listZones()).filter((z) => z.delegationSetId === id).length;
}

export const createReusableDelegationSet: Handler = async (ctx, req) => {
  const body = onlyElements(parseRequest(req.body, 'CreateReusableDelegationSetRequest'), ['CallerReference', 'HostedZoneId'], 'CreateReusableDelegationSetRequest');
  const callerReference = requiredText(body, 'CallerReference', 'CreateReusableDelegationSetRequest');
  if (callerReference.length < 1 || callerReference.length > 128) throw apiError('InvalidInput', 'CallerReference must be 1 to 128 characters');
  if (await ctx.store.callerReferenceOwner('delegationset', req.accountId, callerReference)) throw apiError('DelegationSetAlreadyCreated');
  if ((await ctx.store.listDelegationSets(req.accountId)).length >= MAX_REUSABLE_SETS) {
    throw apiError('LimitsExceeded', `An account can have at most ${MAX_REUSABLE_SETS} reusable delegation sets`);
  }
  const zoneId = text(body, 'HostedZoneId', 'CreateReusableDelegationSetRequest');
  let set: DelegationSetRow;
  try {
    if (zoneId !== undefined) {
      const zone = await ctx.store.getZone(bareId(zoneId, 'hostedzone', 'hostedZoneId'));
      if (!zone || zone.accountId !== req.accountId) throw apiError('HostedZoneNotFound', `No hosted zone found with ID: ${zoneId}`);
      const current = zone.delegationSetId === null ? undefined : await ctx.store.getDelegationSet(zone.delegationSetId);
      if (!current) throw apiError('HostedZoneNotFound', `The hosted zone ${zone.id} has no delegation set`);
      if (current.reusable) throw apiError('DelegationSetAlreadyReusable');
      await ctx.store.markDelegationSetReusable(current.id, callerReference);
      set = { ...current, reusable: true, callerReference };
    } else {
      const count = (await ctx.store.listDelegationSets(req.accountId)).length;
      const sets = poolSets(ctx.nameServers);
      set = {
        id: newDelegationSetId(), accountId: req.accountId, callerReference, nameServers: sets[count % sets.length]!,
        reusable: true, createdAt: ctx.now().toISOString(),
      };
      await ctx.store.createDelegationSet(set);
    }
  } catch (err) {
    if (err instanceof StoreConflict) throw apiError('DelegationSetAlreadyCreated');
    throw err;
  }
  return {
    status: 201,
    headers: { location: resourceLocation(req, `delegationset/${set.id}`) },
    xml: xmlDocument('CreateReusableDelegationSetResponse', [['DelegationSet', delegationSetXml(set)]]),
  };
};

export const getReusableDelegationSet: Handler = async (ctx, req) => {
  const set = await ownedSet(ctx, req.accountId, req.params.Id!);
  return { status: 200, xml: xmlDocument('GetReusableDelegationSetResponse', [['DelegationSet', delegationSetXml(set)]]) };
};

export const listReusableDelegationSets: Handler = async (ctx, req) => {
  const max = pageSize(req.query.maxitems, 100);
  const sets = (await ctx.store.listDelegationSets(req.accountId)).sort((a, b) => (a.id < b.id ? -1 : 1));
  let start = 0;
  if (req.query.marker) {
    start = sets.findIndex((s) => s.id === bareId(req.query.marker!, 'delegationset', 'marker'));
    if (start < 0) throw apiError('InvalidInput', `The marker ${req.query.marker} does not name a delegation set of this listing`);
  }
  const next = sets[start + max];
  return { status: 200, xml: xmlDocument('ListReusableDelegationSetsResponse', [
    ['DelegationSets', sets.slice(start, start + max).map((s) => ['DelegationSet', delegationSetXml(s)] as OutElement)],
    ['Marker', req.query.marker],
    ['IsTruncated', next !== undefined],
    ['NextMarker', next?.id],
    ['MaxItems', String(max)],
  ]) };
};

export const deleteReusableDelegationSet: Handler = async (ctx, req) => {
  const set = await ownedSet(ctx, req.accountId, req.params.Id!);
  if ((await zonesUsing(ctx, set.id)) > 0) throw apiError('DelegationSetInUse', `The delegation set ${set.id} is used by hosted zones`);
  await ctx.store.deleteDelegationSet(set.id);
  return { status: 200, xml: xmlDocument('DeleteReusableDelegationSetResponse', []) };
};

export const getReusableDelegationSetLimit: Handler = async (ctx, req) => {
  if (req.params.Type !== 'MAX_ZONES_BY_REUSABLE_DELEGATION_SET') throw apiError('InvalidInput', `Unknown limit type ${req.params.Type}`);
  const set = await ownedSet(ctx, req.accountId, req.params.Id!);
  return { status: 200, xml: xmlDocument('GetReusableDelegationSetLimitResponse', [
    ['Limit', [['Type', 'MAX_ZONES_BY_REUSABLE_DELEGATION_SET'], ['Value', MAX_ZONES_PER_SET]]],
    ['Count', await zonesUsing(ctx, set.id)],
  ]) };
};
