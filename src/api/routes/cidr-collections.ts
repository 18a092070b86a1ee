/**
 * CIDR collections (IP-based routing): CreateCidrCollection, ChangeCidrCollection,
 * ListCidrCollections, ListCidrLocations, ListCidrBlocks, DeleteCidrCollection. Parsing and
 * planning are in ../cidr/; a change is planned against the collection's blocks and applied at
 * the version it was planned at (re-planned when another change got in first).
 */
import { newCidrCollectionId, StoreConflict, VersionConflict, type CidrCollectionRow } from '../../store/index.ts';
import { apiError } from '../errors.ts';
import { changeIdOut } from '../ids.ts';
import { parseRequest, xmlDocument, type OutElement } from '../xml.ts';
import type { ApiContext, Handler } from '../context.ts';
import { collectionXml, decodeToken, encodeToken, maxResults } from '../cidr/cidr-xml.ts';
import { collectionIdParam, locationName, parseChangeCidrCollection, parseCreateCidrCollection } from '../cidr/parse-cidr-requests.ts';
import { planCidrChange } from '../cidr/plan-cidr-change.ts';

/** CIDR collections per account (Route 53's quota). */
export const MAX_CIDR_COLLECTIONS = 5;
/** How often a change without CollectionVersion is re-planned when other changes keep getting in first. */
const MAX_ATTEMPTS = 5;

/** Returns the account's collection with that id, or NoSuchCidrCollectionException. */
async function ownedCollection(ctx: ApiContext, accountId: string, id: string): Promise<CidrCollectionRow> {
  const c = await ctx.store.getCidrCollectionRow(id);
  if (!c || c.accountId !== accountId) throw apiError('NoSuchCidrCollectionException', `No CIDR collection found with ID: ${id}`);
  return c;
}

function created(c: CidrCollectionRow) {
  return {
    status: 201,
    headers: { location: `https://route53.amazonaws.com/2013-04-01/cidrcollection/${c.id}` },
    xml: xmlDocument('CreateCidrCollectionResponse', [['Collection', collectionXml(c)]]),
  };
}

export const createCidrCollection: Handler = async (ctx, req) => {
  const { name, callerReference } = parseCreateCidrCollection(parseRequest(req.body, 'CreateCidrCollectionRequest'));
  const mine = await ctx.store.listCidrCollections(req.accountId);
  const same = mine.find((c) => c.name === name);
  // A retry (same name, same caller reference) gets the collection it made.
  if (same && same.callerReference === callerReference) return created(same);
  if (same) throw apiError('CidrCollectionAlreadyExistsException', `A CIDR collection named ${name} already exists with another caller reference`);
  if (await ctx.store.callerReferenceOwner('cidrcollection', req.accountId, callerReference)) {
    throw apiError('CidrCollectionAlreadyExistsException', `A CIDR collection was already created with the caller reference ${callerReference}`);
  }
  if (mine.length >= MAX_CIDR_COLLECTIONS) throw apiError('LimitsExceeded', `An account can have at most ${MAX_CIDR_COLLECTIONS} CIDR collections`);
  try {
    return created(await ctx.store.createCidrCollection({ id: newCidrCollectionId(), accountId: req.accountId, name, callerReference, createdAt: ctx.now().toISOString() }));
  } catch (err) {
    if (err instanceof StoreConflict) throw apiError('CidrCollectionAlreadyExistsException', `A CIDR collection named ${name} or with the caller reference ${callerReference} was created meanwhile`);
    throw err;
  }
};

export const changeCidrCollection: Handler = async (ctx, req) => {
  const id = collectionIdParam(req.params.CidrCollectionId!, 'id');
  const { version, changes } = parseChangeCidrCollection(parseRequest(req.body, 'ChangeCidrCollectionRequest'));
  const mismatch = (current: number) => apiError('CidrCollectionVersionMismatchException',
    `The CIDR collection ${id} is at version ${current}, not ${version}; list it again and retry`);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const c = await ownedCollection(ctx, req.accountId, id);
    if (version !== undefined && version !== c.version) throw mismatch(c.version);
    const plan = planCidrChange(await ctx.store.listCidrBlocks(c.id), changes, await ctx.store.cidrLocationsInUse(c.id));
    try {
      const out = await ctx.store.changeCidrCollection(c.id, plan, c.version);
      if (out.zoneChanges.length > 0) ctx.onZoneChange();
      return { status: 200, xml: xmlDocument('ChangeCidrCollectionResponse', [['Id', changeIdOut(out.change.id)]]) };
    } catch (err) {
      // Record sets took up a location between the plan and the write, or a block moved.
      if (err instanceof StoreConflict) throw apiError('CidrBlockInUseException', `${err.message[0]!.toUpperCase()}${err.message.slice(1)}`);
      // Another change got in first: with CollectionVersion, the next attempt reports the mismatch.
      if (!(err instanceof VersionConflict)) throw err;
    }
  }
  throw apiError('ConcurrentModification', `The CIDR collection ${id} kept changing while this change was planned; retry it`);
};

export const listCidrCollections: Handler = async (ctx, req) => {
  const max = maxResults(req.query.maxresults);
  const after = decodeToken('collections', req.query.nexttoken);
  const all = (await ctx.store.listCidrCollections(req.accountId)).filter((c) => after === undefined || c.name > after);
  const page = all.slice(0, max);
  return { status: 200, xml: xmlDocument('ListCidrCollectionsResponse', [
    ['NextToken', all.length > max ? encodeToken('collections', page.at(-1)!.name) : undefined],
    ['CidrCollections', page.map((c) => ['member', collectionXml(c)] as OutElement)],
  ]) };
};

export const listCidrLocations: Handler = async (ctx, req) => {
  const c = await ownedCollection(ctx, req.accountId, collectionIdParam(req.params.CidrCollectionId!, 'collectionId'));
  const max = maxResults(req.query.maxresults);
  const after = decodeToken('locations', req.query.nexttoken);
  const all = (await ctx.store.listCidrLocations(c.id)).filter((l) => after === undefined || l > after);
  const page = all.slice(0, max);
  return { status: 200, xml: xmlDocument('ListCidrLocationsResponse', [
    ['NextToken', all.length > max ? encodeToken('locations', page.at(-1)!) : undefined],
    ['CidrLocations', page.map((l) => ['member', [['LocationName', l]]] as OutElement)],
  ]) };
};

export const listCidrBlocks: Handler = async (ctx, req) => {
  const c = await ownedCollection(ctx, req.accountId, collectionIdParam(req.params.CidrCollectionId!, 'collectionId'));
  const location = req.query.location === undefined ? undefined : locationName(req.query.location, { xml: 'location', member: 'locationName' });
  const max = maxResults(req.query.maxresults);
  const after = decodeToken('blocks', req.query.nexttoken);
  if (location !== undefined && !(await ctx.store.listCidrLocations(c.id)).includes(location)) {
    throw apiError('NoSuchCidrLocationException', `The CIDR collection ${c.name} (${c.id}) has no location ${location}`);
  }
  const rows = await ctx.store.listCidrBlocks(c.id, {
    ...(location !== undefined ? { location } : {}), ...(after ? { after: { location: after.location, cidr: after.cidr } } : {}), limit: max + 1,
  });
  const page = rows.slice(0, max);
  const last = page.at(-1);
  return { status: 200, xml: xmlDocument('ListCidrBlocksResponse', [
    ['NextToken', rows.length > max && last ? encodeToken('blocks', last) : undefined],
    ['CidrBlocks', page.map((b) => ['member', [['CidrBlock', b.cidr], ['LocationName', b.location]]] as OutElement)],
  ]) };
};

export const deleteCidrCollection: Handler = async (ctx, req) => {
  const c = await ownedCollection(ctx, req.accountId, collectionIdParam(req.params.CidrCollectionId!, 'id'));
  try {
    await ctx.store.deleteCidrCollection(c.id);
  } catch (err) {
    if (!(err instanceof StoreConflict)) throw err;
    throw apiError('CidrCollectionInUseException', err.what === 'cidr-collection-not-empty'
      ? `The CIDR collection ${c.name} (${c.id}) still has CIDR blocks; remove them with ChangeCidrCollection (DELETE_IF_EXISTS) first`
      : `Record sets use the CIDR collection ${c.name} (${c.id}); delete or change them first`);
  }
  return { status: 200, xml: xmlDocument('DeleteCidrCollectionResponse', []) };
};
