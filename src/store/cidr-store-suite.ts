/**
 * The Store contract for CIDR collections, run by runStoreSuite for every store: collections,
 * blocks by location, versions and optimistic locking, the zones a block change bumps, and the
 * refusals while record sets use a collection or a location.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newCidrCollectionId, newZoneId } from './ids.ts';
import { StoreConflict, VersionConflict, type CidrCollectionRow, type RecordSetRow, type Store } from './types.ts';

const ACCOUNT = '111111111111';
const A = 1;

/** Returns a collection row ready for createCidrCollection. */
function collectionInput(name: string, more: Partial<CidrCollectionRow> = {}): Omit<CidrCollectionRow, 'version'> {
  return { id: newCidrCollectionId(), accountId: ACCOUNT, name, callerReference: `ref-${name}`, createdAt: '2026-03-01T12:00:00.000Z', ...more };
}

/** An IP-based record set naming `collectionId` and `location`. */
function ipSet(name: string, setIdentifier: string, collectionId: string, location: string): RecordSetRow {
  return { name, type: A, setIdentifier, ttl: 60, rdata: ['c0000201'], routing: JSON.stringify({ cidr: { collectionId, locationName: location } }) };
}

const block = (location: string, cidr: string) => ({ location, cidr });

/** Expects `p` to reject with a StoreConflict about `what`. */
async function conflict(p: Promise<unknown>, what: string): Promise<void> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(StoreConflict);
  expect((err as StoreConflict).what).toBe(what);
}

/** Runs the CIDR collection contract against `makeStore` (a new, empty store per test). */
export function runCidrStoreSuite(name: string, makeStore: () => Promise<{ store: Store }>): void {
  describe(`Store contract, CIDR collections: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = (await makeStore()).store;
    });
    afterEach(async () => {
      await store.close();
    });

    /** A zone holding `sets` (besides nothing else); returns its id. */
    async function zoneWith(sets: RecordSetRow[]): Promise<string> {
      const id = newZoneId();
      await store.createZone({ id, name: `z${id.toLowerCase()}.example.com.`, accountId: ACCOUNT, callerReference: `ref-${id}`, comment: '', privateZone: false, delegationSetId: null }, sets);
      return id;
    }

    it('creates collections at version 1, lists them by name per account, and gets them by id', async () => {
      expect(await store.listCidrCollections(ACCOUNT)).toEqual([]);
      const b = await store.createCidrCollection(collectionInput('beta'));
      const a = await store.createCidrCollection(collectionInput('alpha'));
      await store.createCidrCollection(collectionInput('alpha', { accountId: '222222222222' }));
      expect(a.version).toBe(1);
      expect(await store.getCidrCollectionRow(a.id)).toEqual(a);
      expect((await store.listCidrCollections(ACCOUNT)).map((c) => c.name)).toEqual(['alpha', 'beta']);
      expect(await store.getCidrCollection(b.id)).toEqual({ id: b.id, version: 1, locations: [] });
      expect(await store.getCidrCollection(newCidrCollectionId())).toBeUndefined();
      expect(await store.getCidrCollectionRow(newCidrCollectionId())).toBeUndefined();
    });

    it('refuses a name the account has and a caller reference it ever used (even after a delete)', async () => {
      const a = await store.createCidrCollection(collectionInput('alpha'));
      await conflict(store.createCidrCollection(collectionInput('alpha', { callerReference: 'other' })), 'cidr-collection-name');
      await conflict(store.createCidrCollection(collectionInput('gamma', { callerReference: 'ref-alpha' })), 'caller-reference');
      expect(await store.deleteCidrCollection(a.id)).toBe(true);
      await conflict(store.createCidrCollection(collectionInput('alpha')), 'caller-reference');
      expect((await store.createCidrCollection(collectionInput('alpha', { callerReference: 'again' }))).name).toBe('alpha');
      expect((await store.listCidrCollections(ACCOUNT)).length).toBe(1);
    });

    it('changes blocks by location, one version at a time, and lists them in order and in pages', async () => {
      const c = await store.createCidrCollection(collectionInput('offices'));
      const one = await store.changeCidrCollection(c.id, { deletes: [], puts: [block('paris', '192.0.2.0/24'), block('berlin', '2001:db8::/48'), block('berlin', '198.51.100.0/24')] }, 1);
      expect(one.collection.version).toBe(2);
      expect(await store.listCidrLocations(c.id)).toEqual(['berlin', 'paris']);
      const two = await store.changeCidrCollection(c.id, { deletes: [block('berlin', '2001:db8::/48'), block('berlin', '203.0.113.0/24')], puts: [block('paris', '192.0.2.0/24')] }, 2);
      expect(two.collection.version).toBe(3);
      expect((await store.getCidrCollectionRow(c.id))!.version).toBe(3);
      expect(await store.getCidrCollection(c.id)).toEqual({ id: c.id, version: 3, locations: [{ name: 'berlin', cidrs: ['198.51.100.0/24'] }, { name: 'paris', cidrs: ['192.0.2.0/24'] }] });
      expect(await store.listCidrBlocks(c.id)).toEqual([block('berlin', '198.51.100.0/24'), block('paris', '192.0.2.0/24')]);
      expect(await store.listCidrBlocks(c.id, { location: 'paris' })).toEqual([block('paris', '192.0.2.0/24')]);
      expect(await store.listCidrBlocks(c.id, { limit: 1 })).toEqual([block('berlin', '198.51.100.0/24')]);
      expect(await store.listCidrBlocks(c.id, { after: block('berlin', '198.51.100.0/24') })).toEqual([block('paris', '192.0.2.0/24')]);
      expect(await store.listCidrBlocks(c.id, { location: 'nowhere' })).toEqual([]);
    });

    it('refuses a stale version, and a block in two locations, changing nothing', async () => {
      const c = await store.createCidrCollection(collectionInput('offices'));
      await store.changeCidrCollection(c.id, { deletes: [], puts: [block('paris', '192.0.2.0/24')] }, 1);
      await expect(store.changeCidrCollection(c.id, { deletes: [], puts: [block('rome', '198.51.100.0/24')] }, 1)).rejects.toBeInstanceOf(VersionConflict);
      await conflict(store.changeCidrCollection(c.id, { deletes: [], puts: [block('rome', '198.51.100.0/24'), block('rome', '192.0.2.0/24')] }, 2), 'cidr-block');
      expect(await store.getCidrCollection(c.id)).toEqual({ id: c.id, version: 2, locations: [{ name: 'paris', cidrs: ['192.0.2.0/24'] }] });
      await expect(store.changeCidrCollection(newCidrCollectionId(), { deletes: [], puts: [] }, 1)).rejects.toBeInstanceOf(VersionConflict);
      // A move: deletes run first, so a block can change location in one change.
      await store.changeCidrCollection(c.id, { deletes: [block('paris', '192.0.2.0/24')], puts: [block('rome', '192.0.2.0/24')] }, 2);
      expect((await store.getCidrCollection(c.id))!.locations).toEqual([{ name: 'rome', cidrs: ['192.0.2.0/24'] }]);
    });

    it('a change of blocks bumps every zone whose record sets name the collection, in the same transaction', async () => {
      const c = await store.createCidrCollection(collectionInput('offices'));
      const other = await store.createCidrCollection(collectionInput('others'));
      await store.changeCidrCollection(c.id, { deletes: [], puts: [block('paris', '192.0.2.0/24')] }, 1);
      const z1 = await zoneWith([ipSet('ip.example.com.', 'paris', c.id, 'paris'), ipSet('ip.example.com.', 'rest', c.id, '*')]);
      const z2 = await zoneWith([ipSet('ip.example.net.', 'rest', c.id, '*')]);
      const z3 = await zoneWith([ipSet('ip.example.org.', 'rest', other.id, '*'), { ...ipSet('bad.example.org.', 'x', c.id, 'x'), routing: 'not json' }]);
      const before = await store.zoneVersions();
      const out = await store.changeCidrCollection(c.id, { deletes: [], puts: [block('paris', '198.51.100.0/24')] }, 2);
      const after = await store.zoneVersions();
      const bumped = [z1, z2].sort();
      expect(out.zoneChanges.map((ch) => ch.zoneId)).toEqual(bumped);
      for (const z of bumped) expect(after.get(z)).toBe(before.get(z)! + 1);
      expect(after.get(z3)).toBe(before.get(z3));
      expect(out.change).toEqual(out.zoneChanges[0]);
      expect(await store.getChange(out.change.id)).toEqual(out.change);
      expect(out.change).toMatchObject({ accountId: ACCOUNT, version: after.get(bumped[0]!), status: 'PENDING' });
    });

    it('a change that moves no block bumps no zone; its change is kept under the collection', async () => {
      const c = await store.createCidrCollection(collectionInput('offices'));
      await store.changeCidrCollection(c.id, { deletes: [], puts: [block('paris', '192.0.2.0/24')] }, 1);
      const z = await zoneWith([ipSet('ip.example.com.', 'rest', c.id, '*')]);
      const out = await store.changeCidrCollection(c.id, { deletes: [block('rome', '203.0.113.0/24')], puts: [block('paris', '192.0.2.0/24')] }, 2);
      expect(out.collection.version).toBe(3);
      expect(out.zoneChanges).toEqual([]);
      expect(out.change).toMatchObject({ zoneId: c.id, accountId: ACCOUNT, version: 3 });
      expect(await store.getChange(out.change.id)).toEqual(out.change);
      expect((await store.zoneVersions()).get(z)).toBe(1);
    });

    it('refuses to empty a location that record sets use, and to delete a collection in use or not empty', async () => {
      const c = await store.createCidrCollection(collectionInput('offices'));
      await store.changeCidrCollection(c.id, { deletes: [], puts: [block('paris', '192.0.2.0/24'), block('paris', '198.51.100.0/24'), block('rome', '203.0.113.0/24')] }, 1);
      const z = await zoneWith([ipSet('ip.example.com.', 'paris', c.id, 'paris'), ipSet('ip.example.com.', 'rest', c.id, '*')]);
      expect(await store.cidrLocationsInUse(c.id)).toEqual(['*', 'paris']);
      await conflict(store.changeCidrCollection(c.id, { deletes: [block('paris', '192.0.2.0/24'), block('paris', '198.51.100.0/24')], puts: [] }, 2), 'cidr-location-in-use');
      expect((await store.getCidrCollection(c.id))!.version).toBe(2);
      await store.changeCidrCollection(c.id, { deletes: [block('paris', '192.0.2.0/24'), block('rome', '203.0.113.0/24')], puts: [] }, 2);
      expect(await store.listCidrLocations(c.id)).toEqual(['paris']);
      await conflict(store.deleteCidrCollection(c.id), 'cidr-collection-not-empty');
      await store.applyChange(z, { comment: '', deletes: [{ name: 'ip.example.com.', type: A, setIdentifier: 'paris' }], puts: [] });
      await store.changeCidrCollection(c.id, { deletes: [block('paris', '198.51.100.0/24')], puts: [] }, 3);
      await conflict(store.deleteCidrCollection(c.id), 'cidr-collection-in-use');
      await store.applyChange(z, { comment: '', deletes: [{ name: 'ip.example.com.', type: A, setIdentifier: 'rest' }], puts: [] });
      expect(await store.deleteCidrCollection(c.id)).toBe(true);
      expect(await store.deleteCidrCollection(c.id)).toBe(false);
      expect(await store.getCidrCollection(c.id)).toBeUndefined();
    });
  });
}
