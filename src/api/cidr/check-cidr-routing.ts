/**
 * The CIDR check of ChangeResourceRecordSets, run before the batch is planned: a record set
 * that is created or upserted with a CidrRoutingConfig must name a collection of the caller's
 * account (NoSuchCidrCollectionException) and, unless the location is the default `*`, a
 * location of that collection, i.e. one with blocks (NoSuchCidrLocationException). DELETEs are
 * not checked: a record set can always be deleted.
 */
import type { CidrCollectionRow } from '../../store/index.ts';
import { apiError } from '../errors.ts';
import type { ApiContext } from '../context.ts';
import type { Change } from '../record-sets/parse-change-batch.ts';

/** Throws when a CREATE or UPSERT in `changes` names a collection or location that does not exist. */
export async function checkCidrRouting(ctx: ApiContext, accountId: string, changes: readonly Change[]): Promise<void> {
  const seen = new Map<string, { collection: CidrCollectionRow | undefined; locations: Set<string> }>();
  for (const { action, set } of changes) {
    const cidr = set.CidrRoutingConfig;
    if (action === 'DELETE' || !cidr) continue;
    let known = seen.get(cidr.CollectionId);
    if (!known) {
      const row = await ctx.store.getCidrCollectionRow(cidr.CollectionId);
      const collection = row?.accountId === accountId ? row : undefined;
      known = { collection, locations: new Set(collection ? await ctx.store.listCidrLocations(collection.id) : []) };
      seen.set(cidr.CollectionId, known);
    }
    if (!known.collection) throw apiError('NoSuchCidrCollectionException', `No CIDR collection found with ID: ${cidr.CollectionId} (record set ${set.Name}, ${set.Type})`);
    if (cidr.LocationName !== '*' && !known.locations.has(cidr.LocationName)) {
      throw apiError('NoSuchCidrLocationException', `The CIDR collection ${known.collection.name} (${cidr.CollectionId}) has no location ${cidr.LocationName} (record set ${set.Name}, ${set.Type})`);
    }
  }
}
