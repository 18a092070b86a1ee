/**
 * One suite for every store (STYLE 7): `runStoreSuite` checks the Store contract of types.ts
 * against any implementation. SQLite runs it in sqlite.test.ts; PostgreSQL will call it too.
 *
 * Shared contract of the suite: `makeStore` returns a new, empty store for each test, and
 * `openAgain` (when the backend has one) a second connection to the same data. The suite closes
 * every store it is given. Orders the contract does not state (zones, record sets, nodes) are
 * compared after sorting.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newZoneId } from './ids.ts';
import { runCidrStoreSuite } from './cidr-store-suite.ts';
import { healthStoreCases } from './store-suite-health.ts';
import { StoreConflict, VersionConflict, type ChangePlan, type DelegationSetRow, type DnsNodeRow, type RecordSetRow, type Store, type VpcRow, type ZoneRow } from './types.ts';

/** A fresh store, and (when the backend can) a way to open a second connection to its data. */
export type StoreFixture = { store: Store; openAgain?: () => Promise<Store> };

/** Returns a zone row ready for `createZone`. */
export function zoneInput(name: string, id = newZoneId()): Omit<ZoneRow, 'version' | 'createdAt'> {
  return { id, name, accountId: '000000000000', callerReference: `ref-${newZoneId()}`, comment: `zone ${name}`, privateZone: false, delegationSetId: null };
}

/** Returns a delegation set row of `accountId`. */
export function delegationSet(id: string, more: Partial<DelegationSetRow> = {}): DelegationSetRow {
  return {
    id, accountId: '000000000000', callerReference: null, reusable: false, createdAt: '2024-01-02T03:04:05.000Z',
    nameServers: ['ns-1.example.net', 'ns-2.example.net', 'ns-3.example.net', 'ns-4.example.net'], ...more,
  };
}

/** Returns a simple record set; `rdata` is opaque hex to the store. */
export function recordSet(name: string, type: number, rdata: string[], more: Partial<RecordSetRow> = {}): RecordSetRow {
  return { name, type, setIdentifier: '', ttl: 300, rdata, routing: null, ...more };
}

const A = 1;
const NS = 2;
const SOA = 6;
const TXT = 16;
const APEX_SETS = (apex: string): RecordSetRow[] => [
  recordSet(apex, SOA, ['00aa'], { ttl: 900 }),
  recordSet(apex, NS, ['01', '02'], { ttl: 172800 }),
];

const keyOf = (s: { name: string; type: number; setIdentifier: string }) => `${s.name}/${s.type}/${s.setIdentifier}`;
const sortSets = (sets: RecordSetRow[]) => [...sets].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));

/** Runs the Store contract against `makeStore` under the heading `name`. */
export function runStoreSuite(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fx: StoreFixture;
    let store: Store;
    const extra: Store[] = [];
    beforeEach(async () => {
      fx = await makeStore();
      store = fx.store;
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await store.close();
    });

    /** Creates example.com. with its apex sets plus `sets`; returns the zone row. */
    async function makeZone(zoneName = 'example.com.', sets: RecordSetRow[] = []): Promise<ZoneRow> {
      return (await store.createZone(zoneInput(zoneName), [...APEX_SETS(zoneName), ...sets])).zone;
    }

    describe('an empty store', () => {
      it('has no zones, versions, changes or nodes', async () => {
        expect(['sqlite', 'postgres']).toContain(store.kind);
        expect(typeof store.location).toBe('string');
        expect(await store.listZones()).toEqual([]);
        expect(await store.zoneVersions()).toEqual(new Map());
        expect(await store.listDnsNodes()).toEqual([]);
        expect(await store.getZone('ZNOSUCHZONE')).toBeUndefined();
        expect(await store.findZonesByName('example.com.')).toEqual([]);
        expect(await store.getChange('CNOSUCHCHANGE')).toBeUndefined();
        expect(await store.getRecordSets('ZNOSUCHZONE')).toEqual([]);
        expect(await store.countRecordSets('ZNOSUCHZONE')).toBe(0);
      });
    });

    describe('zones', () => {
      it('createZone stores the row at version 1 with its record sets and one PENDING change', async () => {
        const input = { ...zoneInput('example.com.'), comment: 'hello', privateZone: true, delegationSetId: 'NDELEGATION1' };
        const sets = [...APEX_SETS('example.com.'), recordSet('www.example.com.', A, ['c0000201', 'c0000202'])];
        const { zone, change } = await store.createZone(input, sets);
        expect(zone).toEqual({ ...input, version: 1, createdAt: zone.createdAt });
        expect(Number.isNaN(Date.parse(zone.createdAt))).toBe(false);
        expect(change).toEqual({ id: change.id, zoneId: input.id, accountId: input.accountId, version: 1, status: 'PENDING', submittedAt: change.submittedAt, comment: 'hello' });
        expect(change.id).toMatch(/^C[A-Z0-9]+$/);
        expect(await store.getZone(input.id)).toEqual(zone);
        expect(await store.listZones()).toEqual([zone]);
        expect(await store.getChange(change.id)).toEqual(change);
        expect(sortSets(await store.getRecordSets(input.id))).toEqual(sortSets(sets));
        expect(await store.countRecordSets(input.id)).toBe(3);
        expect(await store.zoneVersions()).toEqual(new Map([[input.id, 1]]));
      });

      it('keeps every field of a record set: rdata order, ttl, set identifier, routing JSON', async () => {
        const sets = [
          recordSet('www.example.com.', A, ['c0000203', 'c0000201', 'c0000202'], { ttl: 0 }),
          recordSet('geo.example.com.', A, ['c0000201'], { setIdentifier: 'eu', routing: '{"region":"eu-west-1"}' }),
          recordSet('geo.example.com.', A, ['c0000202'], { setIdentifier: 'us', routing: '{"region":"us-east-1"}', ttl: 2147483647 }),
          recordSet('txt.example.com.', TXT, ['']),
        ];
        const zone = await makeZone('example.com.', sets);
        expect(sortSets(await store.getRecordSets(zone.id))).toEqual(sortSets([...APEX_SETS('example.com.'), ...sets]));
      });

      it('keeps the submitted values beside the rdata, and reads rows without them as before', async () => {
        const sets = [
          recordSet('mx.example.com.', 15, ['000a046d61696c00'], { values: ['10 mail'] }),
          recordSet('a.example.com.', A, ['c0000201']),
        ];
        const zone = await makeZone('example.com.', sets);
        const got = await store.getRecordSets(zone.id);
        expect(got.find((s) => s.name === 'mx.example.com.')).toEqual(sets[0]);
        expect(got.find((s) => s.name === 'a.example.com.')).not.toHaveProperty('values');
        await store.applyChange(zone.id, { comment: '', deletes: [], puts: [recordSet('mx.example.com.', 15, ['000a046d61696c00'], { values: ['10 MAIL.'] })] });
        expect((await store.getRecordSets(zone.id)).find((s) => s.name === 'mx.example.com.')?.values).toEqual(['10 MAIL.']);
        await expect(store.applyChange(zone.id, { comment: '', deletes: [], puts: [recordSet('b.example.com.', A, ['c0000201'], { values: [] })] }))
          .rejects.toThrow(/values/);
      });

      it('findZonesByName returns every zone of that name and no other', async () => {
        const a = await makeZone('example.com.');
        const b = await makeZone('example.com.');
        const c = await makeZone('example.org.');
        const byId = (zs: ZoneRow[]) => zs.map((z) => z.id).sort();
        expect(byId(await store.findZonesByName('example.com.'))).toEqual([a.id, b.id].sort());
        expect(byId(await store.findZonesByName('example.org.'))).toEqual([c.id]);
        expect(await store.findZonesByName('example.net.')).toEqual([]);
        expect(byId(await store.listZones())).toEqual([a.id, b.id, c.id].sort());
      });

      it('createZone with an id already in use is refused and stores nothing', async () => {
        const zone = await makeZone('example.com.');
        await expect(store.createZone(zoneInput('example.org.', zone.id), [recordSet('www.example.org.', A, ['c0000201'])])).rejects.toThrow();
        expect(await store.listZones()).toEqual([zone]);
        expect(await store.countRecordSets(zone.id)).toBe(2);
        expect(await store.zoneVersions()).toEqual(new Map([[zone.id, 1]]));
      });

      it('deleteZone removes the zone and its record sets, once, and leaves other zones alone', async () => {
        const gone = await makeZone('example.com.', [recordSet('www.example.com.', A, ['c0000201'])]);
        const kept = await makeZone('example.org.', [recordSet('www.example.org.', A, ['c0000202'])]);
        const change = await store.deleteZone(gone.id);
        expect(change).toEqual({ id: change?.id, zoneId: gone.id, accountId: gone.accountId, version: 2, status: 'PENDING', submittedAt: change?.submittedAt, comment: '' });
        expect(await store.getChange(change!.id)).toEqual(change);
        expect(await store.deleteZone(gone.id)).toBeUndefined();
        expect(await store.deleteZone('ZNOSUCHZONE')).toBeUndefined();
        expect(await store.getZone(gone.id)).toBeUndefined();
        expect(await store.getRecordSets(gone.id)).toEqual([]);
        expect(await store.countRecordSets(gone.id)).toBe(0);
        expect(await store.findZonesByName('example.com.')).toEqual([]);
        expect(await store.zoneVersions()).toEqual(new Map([[kept.id, 1]]));
        expect(await store.listZones()).toEqual([kept]);
        expect(await store.countRecordSets(kept.id)).toBe(3);
      });

      it('a zone created again under a deleted id starts empty (the delete cascaded)', async () => {
        const gone = await makeZone('example.com.', [recordSet('www.example.com.', A, ['c0000201'])]);
        await store.deleteZone(gone.id);
        const { zone } = await store.createZone(zoneInput('example.com.', gone.id), []);
        expect(zone.version).toBe(1);
        expect(await store.getRecordSets(gone.id)).toEqual([]);
      });
    });

    describe('changes', () => {
      it('applyChange deletes, adds and upserts record sets in one change', async () => {
        const zone = await makeZone('example.com.', [
          recordSet('www.example.com.', A, ['c0000201']),
          recordSet('old.example.com.', A, ['c0000202']),
          recordSet('geo.example.com.', A, ['c0000203'], { setIdentifier: 'eu', routing: '{"w":1}' }),
          recordSet('geo.example.com.', A, ['c0000204'], { setIdentifier: 'us', routing: '{"w":2}' }),
        ]);
        const plan: ChangePlan = {
          comment: 'edit',
          deletes: [{ name: 'old.example.com.', type: A, setIdentifier: '' }, { name: 'geo.example.com.', type: A, setIdentifier: 'eu' }],
          puts: [
            recordSet('www.example.com.', A, ['c0000209', 'c000020a'], { ttl: 60, routing: '{"alias":false}' }),
            recordSet('new.example.com.', TXT, ['0568656c6c6f']),
          ],
        };
        const change = await store.applyChange(zone.id, plan);
        expect(change).toEqual({ id: change.id, zoneId: zone.id, accountId: zone.accountId, version: 2, status: 'PENDING', submittedAt: change.submittedAt, comment: 'edit' });
        expect(await store.getChange(change.id)).toEqual(change);
        expect(sortSets(await store.getRecordSets(zone.id))).toEqual(sortSets([
          ...APEX_SETS('example.com.'),
          recordSet('geo.example.com.', A, ['c0000204'], { setIdentifier: 'us', routing: '{"w":2}' }),
          ...plan.puts,
        ]));
        expect((await store.getZone(zone.id))?.version).toBe(2);
      });

      it('a delete and a put of the same key in one plan replace the set (deletes come first)', async () => {
        const zone = await makeZone('example.com.', [recordSet('www.example.com.', A, ['c0000201'])]);
        const put = recordSet('www.example.com.', A, ['c0000202'], { ttl: 30 });
        await store.applyChange(zone.id, { comment: '', deletes: [{ name: 'www.example.com.', type: A, setIdentifier: '' }], puts: [put] });
        expect((await store.getRecordSets(zone.id)).filter((s) => s.name === 'www.example.com.')).toEqual([put]);
      });

      it('versions go up by exactly one per change, per zone, and every change is kept', async () => {
        const zone = await makeZone('example.com.');
        const other = await makeZone('example.org.');
        const versions: number[] = [];
        const ids: string[] = [];
        for (let i = 0; i < 3; i++) {
          const c = await store.applyChange(zone.id, { comment: `c${i}`, deletes: [], puts: [recordSet(`h${i}.example.com.`, A, ['c0000201'])] });
          versions.push(c.version);
          ids.push(c.id);
        }
        const replaced = await store.replaceRecordSets(zone.id, APEX_SETS('example.com.'), 'replace');
        versions.push(replaced.version);
        ids.push(replaced.id);
        const empty = await store.applyChange(zone.id, { comment: 'nothing', deletes: [], puts: [] });
        versions.push(empty.version);
        ids.push(empty.id);
        expect(versions).toEqual([2, 3, 4, 5, 6]);
        expect(new Set(ids).size).toBe(ids.length);
        for (const [i, id] of ids.entries()) expect((await store.getChange(id))?.version).toBe(versions[i]);
        expect(await store.zoneVersions()).toEqual(new Map([[zone.id, 6], [other.id, 1]]));
        expect((await store.getZone(zone.id))?.version).toBe(6);
      });

      it('replaceRecordSets swaps the whole contents and records a change', async () => {
        const zone = await makeZone('example.com.', [recordSet('www.example.com.', A, ['c0000201']), recordSet('ftp.example.com.', A, ['c0000202'])]);
        const next = [...APEX_SETS('example.com.'), recordSet('www.example.com.', A, ['c0000203'], { ttl: 5 }), recordSet('mail.example.com.', A, ['c0000204'])];
        const change = await store.replaceRecordSets(zone.id, next, 'import db.example.com');
        expect(change).toMatchObject({ zoneId: zone.id, version: 2, status: 'PENDING', comment: 'import db.example.com' });
        expect(await store.getChange(change.id)).toEqual(change);
        expect(sortSets(await store.getRecordSets(zone.id))).toEqual(sortSets(next));
        await store.replaceRecordSets(zone.id, [], 'empty');
        expect(await store.countRecordSets(zone.id)).toBe(0);
        expect((await store.getZone(zone.id))?.version).toBe(3);
      });

      it('changes to a zone that does not exist are refused and create nothing', async () => {
        await expect(store.applyChange('ZNOSUCHZONE', { comment: '', deletes: [], puts: [recordSet('www.example.com.', A, ['c0000201'])] })).rejects.toThrow();
        await expect(store.applyChange('ZNOSUCHZONE', { comment: '', deletes: [], puts: [] })).rejects.toThrow();
        await expect(store.replaceRecordSets('ZNOSUCHZONE', [recordSet('www.example.com.', A, ['c0000201'])], '')).rejects.toThrow();
        await expect(store.replaceRecordSets('ZNOSUCHZONE', [], '')).rejects.toThrow();
        expect(await store.getRecordSets('ZNOSUCHZONE')).toEqual([]);
        expect(await store.listZones()).toEqual([]);
        expect(await store.zoneVersions()).toEqual(new Map());
      });

      it('concurrent changes to one zone each get their own version, and none is lost', async () => {
        const zone = await makeZone('example.com.');
        const changes = await Promise.all(Array.from({ length: 20 }, (_, i) =>
          store.applyChange(zone.id, { comment: `c${i}`, deletes: [], puts: [recordSet(`h${i}.example.com.`, A, ['c0000201'])] })));
        expect(changes.map((c) => c.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
        expect(await store.countRecordSets(zone.id)).toBe(22);
        expect((await store.getZone(zone.id))?.version).toBe(21);
      });
    });

    describe('atomicity: a write that fails part way leaves nothing changed', () => {
      // A NULL TTL violates the schema; the cast stands in for any row the database refuses.
      const badSet = (name: string) => ({ ...recordSet(name, A, ['c0000299']), ttl: null as unknown as number });

      it('applyChange', async () => {
        const zone = await makeZone('example.com.', [recordSet('www.example.com.', A, ['c0000201']), recordSet('ftp.example.com.', A, ['c0000202'])]);
        const before = sortSets(await store.getRecordSets(zone.id));
        const plan: ChangePlan = {
          comment: 'bad',
          deletes: [{ name: 'ftp.example.com.', type: A, setIdentifier: '' }],
          puts: [recordSet('www.example.com.', A, ['c0000209']), recordSet('new.example.com.', A, ['c0000203']), badSet('bad.example.com.'), recordSet('late.example.com.', A, ['c0000204'])],
        };
        await expect(store.applyChange(zone.id, plan)).rejects.toThrow();
        expect(sortSets(await store.getRecordSets(zone.id))).toEqual(before);
        expect(await store.getZone(zone.id)).toEqual(zone);
        expect(await store.zoneVersions()).toEqual(new Map([[zone.id, 1]]));
        // The next good change takes the next version: the failed one left no trace.
        expect((await store.applyChange(zone.id, { comment: '', deletes: [], puts: [] })).version).toBe(2);
      });

      it('replaceRecordSets', async () => {
        const zone = await makeZone('example.com.', [recordSet('www.example.com.', A, ['c0000201'])]);
        const before = sortSets(await store.getRecordSets(zone.id));
        await expect(store.replaceRecordSets(zone.id, [...APEX_SETS('example.com.'), badSet('bad.example.com.')], 'bad')).rejects.toThrow();
        expect(sortSets(await store.getRecordSets(zone.id))).toEqual(before);
        expect(await store.getZone(zone.id)).toEqual(zone);
      });

      it('createZone', async () => {
        const input = zoneInput('example.com.');
        await expect(store.createZone(input, [...APEX_SETS('example.com.'), badSet('bad.example.com.')])).rejects.toThrow();
        expect(await store.getZone(input.id)).toBeUndefined();
        expect(await store.listZones()).toEqual([]);
        expect(await store.getRecordSets(input.id)).toEqual([]);
        expect(await store.zoneVersions()).toEqual(new Map());
        // The id is free again.
        expect((await store.createZone(input, APEX_SETS('example.com.'))).zone.version).toBe(1);
      });
    });

    describe('optimistic locking (applyChange with expectedVersion)', () => {
      it('applies when the version matches and refuses with VersionConflict when it does not', async () => {
        const zone = await makeZone('example.com.');
        const put = (h: string) => ({ comment: h, deletes: [], puts: [recordSet(`${h}.example.com.`, A, ['c0000201'])] });
        expect((await store.applyChange(zone.id, put('a'), 1)).version).toBe(2);
        await expect(store.applyChange(zone.id, put('b'), 1)).rejects.toBeInstanceOf(VersionConflict);
        await expect(store.applyChange(zone.id, put('c'), 3)).rejects.toBeInstanceOf(VersionConflict);
        await expect(store.applyChange('ZNOSUCHZONE', put('d'), 1)).rejects.toBeInstanceOf(VersionConflict);
        expect((await store.getRecordSets(zone.id)).map((s) => s.name).sort()).toEqual(['a.example.com.', 'example.com.', 'example.com.']);
        expect((await store.getZone(zone.id))?.version).toBe(2);
        expect((await store.applyChange(zone.id, put('e'), 2)).version).toBe(3);
      });
    });

    describe('zone extras: comment, caller references, the zone\'s own delegation set, tags', () => {
      it('updateZoneComment changes the comment and nothing else', async () => {
        const zone = await makeZone('example.com.');
        await store.updateZoneComment(zone.id, 'new comment');
        expect(await store.getZone(zone.id)).toEqual({ ...zone, comment: 'new comment' });
      });

      it('a caller reference is claimed by createZone, for good, per account', async () => {
        const input = zoneInput('example.com.');
        const { zone } = await store.createZone(input, []);
        expect(await store.callerReferenceOwner('hostedzone', input.accountId, input.callerReference)).toBe(zone.id);
        expect(await store.callerReferenceOwner('hostedzone', input.accountId, 'never-used')).toBeUndefined();
        expect(await store.callerReferenceOwner('hostedzone', '111111111111', input.callerReference)).toBeUndefined();
        const again = { ...zoneInput('example.org.'), callerReference: input.callerReference };
        await expect(store.createZone(again, [])).rejects.toBeInstanceOf(StoreConflict);
        expect(await store.getZone(again.id)).toBeUndefined();
        // Still used after the zone is gone (Route 53 never reuses a caller reference).
        await store.deleteZone(zone.id);
        expect(await store.callerReferenceOwner('hostedzone', input.accountId, input.callerReference)).toBe(zone.id);
        await expect(store.createZone(again, [])).rejects.toBeInstanceOf(StoreConflict);
        // Another account may use the same value.
        const other = { ...again, accountId: '111111111111' };
        expect((await store.createZone(other, [])).zone.accountId).toBe('111111111111');
      });

      it('createZone with a delegation set creates it in the same transaction; deleteZone removes it', async () => {
        const set = delegationSet('NOWN1');
        const { zone } = await store.createZone({ ...zoneInput('example.com.'), delegationSetId: set.id }, APEX_SETS('example.com.'), set);
        expect(await store.getDelegationSet(set.id)).toEqual(set);
        expect(await store.listDelegationSets(set.accountId)).toEqual([]); // not reusable
        await store.deleteZone(zone.id);
        expect(await store.getDelegationSet(set.id)).toBeUndefined();
      });

      it('a failed createZone leaves no delegation set behind', async () => {
        const set = delegationSet('NOWN2');
        const bad = { ...recordSet('bad.example.com.', A, ['00']), ttl: null as unknown as number };
        await expect(store.createZone({ ...zoneInput('example.com.'), delegationSetId: set.id }, [bad], set)).rejects.toThrow();
        expect(await store.getDelegationSet(set.id)).toBeUndefined();
      });

      it('deleteZone keeps a reusable delegation set the zone used', async () => {
        const set = delegationSet('NSHARED1', { reusable: true, callerReference: 'ds-ref' });
        await store.createDelegationSet(set);
        const { zone } = await store.createZone({ ...zoneInput('example.com.'), delegationSetId: set.id }, []);
        await store.deleteZone(zone.id);
        expect(await store.getDelegationSet(set.id)).toEqual(set);
      });

      it('changeTags adds, overwrites and removes; listTags sorts by key; deleteZone drops the zone\'s tags', async () => {
        const zone = await makeZone('example.com.');
        const other = await makeZone('example.org.');
        await store.changeTags('hostedzone', zone.id, [{ key: 'team', value: 'dns' }, { key: 'env', value: 'test' }], []);
        await store.changeTags('hostedzone', other.id, [{ key: 'env', value: 'prod' }], []);
        await store.changeTags('hostedzone', zone.id, [{ key: 'env', value: 'staging' }, { key: 'cost', value: '7' }], ['team', 'absent']);
        expect(await store.listTags('hostedzone', zone.id)).toEqual([{ key: 'cost', value: '7' }, { key: 'env', value: 'staging' }]);
        expect(await store.listTags('healthcheck', zone.id)).toEqual([]);
        await store.deleteZone(zone.id);
        expect(await store.listTags('hostedzone', zone.id)).toEqual([]);
        expect(await store.listTags('hostedzone', other.id)).toEqual([{ key: 'env', value: 'prod' }]);
      });
    });

    describe('accounts and access keys', () => {
      it('createAccount adds an account once; listAccounts lists them', async () => {
        const a = await store.createAccount('111111111111');
        expect(a.id).toBe('111111111111');
        expect(Number.isNaN(Date.parse(a.createdAt))).toBe(false);
        await store.createAccount('222222222222');
        await store.createAccount('111111111111');
        expect((await store.listAccounts()).map((x) => x.id).sort()).toEqual(['111111111111', '222222222222']);
      });

      it('access keys: create (making the account), get, list, delete; an id is used once', async () => {
        const key = { id: 'AKIAEXAMPLE1', secret: 's3cret', accountId: '333333333333', createdAt: '2024-01-02T03:04:05.000Z' };
        const key2 = { ...key, id: 'AKIAEXAMPLE2', secret: 'other' };
        await store.createAccessKey(key);
        await store.createAccessKey(key2);
        expect(await store.getAccessKey(key.id)).toEqual(key);
        expect(await store.getAccessKey('AKIANOSUCHKEY')).toBeUndefined();
        expect((await store.listAccounts()).map((a) => a.id)).toEqual(['333333333333']);
        await expect(store.createAccessKey({ ...key, secret: 'replaced?' })).rejects.toBeInstanceOf(StoreConflict);
        expect((await store.getAccessKey(key.id))?.secret).toBe('s3cret');
        expect([...(await store.listAccessKeys())].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([key, key2]);
        expect(await store.deleteAccessKey(key.id)).toBe(true);
        expect(await store.deleteAccessKey(key.id)).toBe(false);
        expect(await store.listAccessKeys()).toEqual([key2]);
      });
    });

    describe('reusable delegation sets', () => {
      it('create, get, list by account (reusable only), delete', async () => {
        const a = delegationSet('NSET1', { reusable: true, callerReference: 'r1' });
        const b = delegationSet('NSET2', { reusable: true, callerReference: null });
        const c = delegationSet('NSET3', { reusable: true, callerReference: 'r1', accountId: '111111111111' });
        const own = delegationSet('NSET4');
        for (const s of [a, b, c, own]) await store.createDelegationSet(s);
        expect(await store.getDelegationSet(a.id)).toEqual(a);
        expect(await store.getDelegationSet('NNOSUCHSET')).toBeUndefined();
        expect([...(await store.listDelegationSets('000000000000'))].sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual([a, b]);
        expect(await store.listDelegationSets('111111111111')).toEqual([c]);
        expect(await store.deleteDelegationSet(a.id)).toBe(true);
        expect(await store.deleteDelegationSet(a.id)).toBe(false);
        expect(await store.getDelegationSet(a.id)).toBeUndefined();
      });

      it('a caller reference is used once per account, even after the set is deleted', async () => {
        await store.createDelegationSet(delegationSet('NSET1', { reusable: true, callerReference: 'r1' }));
        expect(await store.callerReferenceOwner('delegationset', '000000000000', 'r1')).toBe('NSET1');
        await expect(store.createDelegationSet(delegationSet('NSET2', { reusable: true, callerReference: 'r1' }))).rejects.toBeInstanceOf(StoreConflict);
        expect(await store.getDelegationSet('NSET2')).toBeUndefined();
        await store.deleteDelegationSet('NSET1');
        await expect(store.createDelegationSet(delegationSet('NSET3', { reusable: true, callerReference: 'r1' }))).rejects.toBeInstanceOf(StoreConflict);
      });

      it('markDelegationSetReusable turns a zone\'s own set reusable, claiming a caller reference', async () => {
        const own = delegationSet('NOWN3');
        const { zone } = await store.createZone({ ...zoneInput('example.com.'), delegationSetId: own.id }, [], own);
        await store.markDelegationSetReusable(own.id, 'made-reusable');
        expect(await store.getDelegationSet(own.id)).toEqual({ ...own, reusable: true, callerReference: 'made-reusable' });
        expect(await store.listDelegationSets(own.accountId)).toEqual([{ ...own, reusable: true, callerReference: 'made-reusable' }]);
        await store.createDelegationSet(delegationSet('NSET9', { reusable: true, callerReference: 'taken' }));
        await store.createZone({ ...zoneInput('example.org.'), delegationSetId: 'NOWN4' }, [], delegationSet('NOWN4'));
        await expect(store.markDelegationSetReusable('NOWN4', 'taken')).rejects.toBeInstanceOf(StoreConflict);
        expect((await store.getDelegationSet('NOWN4'))?.reusable).toBe(false);
        await expect(store.markDelegationSetReusable('NNOSUCHSET', 'x')).rejects.toThrow();
        // Now reusable, it outlives its zone.
        await store.deleteZone(zone.id);
        expect((await store.getDelegationSet(own.id))?.reusable).toBe(true);
      });
    });

    describe('VPCs, private zones\' associations and authorizations', () => {
      const vpc = (id: string, cidrs: string[], more: Partial<VpcRow> = {}): VpcRow => ({
        id, region: 'us-east-1', accountId: '000000000000', createdAt: '2024-01-02T03:04:05.000Z',
        cidrs: cidrs.map((c, i) => ({ associationId: `vpc-cidr-assoc-${id.slice(4)}${i}`, cidrBlock: c })), ...more,
      });
      const ref = (vpcId: string, region = 'us-east-1') => ({ vpcId, region });

      it('create, get, list, change blocks, delete (with tags)', async () => {
        const a = vpc('vpc-0000000000000000a', ['10.1.0.0/16']);
        const b = vpc('vpc-0000000000000000b', ['10.2.0.0/16', 'fd00::/56'], { region: 'eu-west-1', accountId: '111111111111' });
        await store.createVpc(a, [{ key: 'Name', value: 'a' }]);
        await store.createVpc(b);
        await expect(store.createVpc(a)).rejects.toBeInstanceOf(StoreConflict);
        expect(await store.getVpc(a.id)).toEqual(a);
        expect(await store.getVpc('vpc-00000000000000000')).toBeUndefined();
        expect(await store.listVpcs()).toEqual([a, b]);
        expect(await store.listTags('vpc', a.id)).toEqual([{ key: 'Name', value: 'a' }]);
        const more = [...a.cidrs, { associationId: 'vpc-cidr-assoc-x', cidrBlock: '10.9.0.0/16' }];
        expect(await store.setVpcCidrs(a.id, more)).toBe(true);
        expect(await store.setVpcCidrs('vpc-00000000000000000', more)).toBe(false);
        expect((await store.getVpc(a.id))?.cidrs).toEqual(more);
        expect(await store.deleteVpc(a.id)).toBe('deleted');
        expect(await store.deleteVpc(a.id)).toBe('missing');
        expect(await store.listTags('vpc', a.id)).toEqual([]);
      });

      it('a private zone is created with its first VPC; associations are zone changes', async () => {
        await store.createVpc(vpc('vpc-0000000000000000a', ['10.1.0.0/16']));
        const { zone, change } = await store.createZone({ ...zoneInput('example.com.'), privateZone: true }, APEX_SETS('example.com.'), undefined, { vpc: ref('vpc-0000000000000000a') });
        expect(await store.listZoneVpcs(zone.id)).toEqual([{ zoneId: zone.id, ...ref('vpc-0000000000000000a') }]);
        const c2 = await store.associateVpc(zone.id, ref('vpc-0000000000000000b', 'eu-west-1'), 'second');
        expect(c2.version).toBe(change.version + 1);
        expect((await store.getZone(zone.id))?.version).toBe(c2.version);
        expect((await store.listZoneVpcs()).map((r) => r.vpcId)).toEqual(['vpc-0000000000000000a', 'vpc-0000000000000000b']);
        // A VPC with an association cannot go.
        expect(await store.deleteVpc('vpc-0000000000000000a')).toBe('in-use');
        expect(await store.getVpc('vpc-0000000000000000a')).toBeDefined();
        const c3 = await store.disassociateVpc(zone.id, ref('vpc-0000000000000000a'), '');
        expect(c3.version).toBe(c2.version + 1);
        await expect(store.disassociateVpc(zone.id, ref('vpc-0000000000000000a'), '')).rejects.toMatchObject({ what: 'no-association' });
        await expect(store.disassociateVpc(zone.id, ref('vpc-0000000000000000b', 'eu-west-1'), '')).rejects.toMatchObject({ what: 'last-vpc' });
        expect(await store.listZoneVpcs(zone.id)).toEqual([{ zoneId: zone.id, ...ref('vpc-0000000000000000b', 'eu-west-1') }]);
        expect(await store.deleteVpc('vpc-0000000000000000a')).toBe('deleted');
        // Deleting the zone removes its associations.
        await store.deleteZone(zone.id);
        expect(await store.listZoneVpcs()).toEqual([]);
      });

      it('authorizations: create once, list, delete; they go with their zone', async () => {
        const { zone } = await store.createZone({ ...zoneInput('example.com.'), privateZone: true }, [], undefined, { vpc: ref('vpc-0000000000000000a') });
        const auth = { zoneId: zone.id, ...ref('vpc-0000000000000000b') };
        expect(await store.createVpcAuthorization(auth)).toBe(true);
        expect(await store.createVpcAuthorization(auth)).toBe(false);
        expect(await store.listVpcAuthorizations(zone.id)).toEqual([auth]);
        expect(await store.deleteVpcAuthorization(auth)).toBe(true);
        expect(await store.deleteVpcAuthorization(auth)).toBe(false);
        await store.createVpcAuthorization(auth);
        await store.deleteZone(zone.id);
        expect(await store.listVpcAuthorizations(zone.id)).toEqual([]);
      });
    });

    describe('DNS nodes', () => {
      const node = (id: string, more: Partial<DnsNodeRow> = {}): DnsNodeRow => ({
        id, pid: 1234, host: 'ns1.example.net', listeners: ['127.0.0.1:5300', '[::1]:5300'], versions: { ZONEA: 3, ZONEB: 1 },
        startedAt: '2024-01-02T03:04:05.000Z', heartbeatAt: '2024-01-02T03:04:06.000Z', ...more,
      });

      it('reportDnsNode stores a node; listDnsNodes returns it as reported', async () => {
        await store.reportDnsNode(node('n1'));
        await store.reportDnsNode(node('n2', { listeners: [], versions: {} }));
        const nodes = [...(await store.listDnsNodes())].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(nodes).toEqual([node('n1'), node('n2', { listeners: [], versions: {} })]);
      });

      it('a second report of the same node updates it (heartbeat, versions, listeners, pid)', async () => {
        await store.reportDnsNode(node('n1'));
        const later = node('n1', { pid: 999, listeners: ['127.0.0.1:53'], versions: { ZONEA: 4 }, heartbeatAt: '2024-01-02T03:05:00.000Z' });
        await store.reportDnsNode(later);
        expect(await store.listDnsNodes()).toEqual([later]);
      });

      it('removeDnsNode removes one node; removing an unknown node is not an error', async () => {
        await store.reportDnsNode(node('n1'));
        await store.reportDnsNode(node('n2'));
        await store.removeDnsNode('n1');
        await store.removeDnsNode('n-unknown');
        expect((await store.listDnsNodes()).map((n) => n.id)).toEqual(['n2']);
      });
    });

    healthStoreCases(() => store);
    describe('wipe (signpost start --dev resets)', () => {
      it('removes every resource, caller references and keys included, and keeps the DNS node reports', async () => {
        const zone = await makeZone('example.com.', [recordSet('www.example.com.', A, ['c0000201'])]);
        await store.createDelegationSet(delegationSet('NSET1', { reusable: true, callerReference: 'set-ref' }));
        await store.changeTags('hostedzone', zone.id, [{ key: 'k', value: 'v' }], []);
        await store.createAccessKey({ id: 'AKIAWIPE', secret: 's', accountId: '111111111111', createdAt: '2024-01-02T03:04:05.000Z' });
        const node: DnsNodeRow = { id: 'n1', pid: 1, host: 'h', listeners: [], versions: { [zone.id]: 1 }, startedAt: '2024-01-02T03:04:05.000Z', heartbeatAt: '2024-01-02T03:04:05.000Z' };
        await store.reportDnsNode(node);
        await store.wipe();
        expect(await store.listZones()).toEqual([]);
        expect(await store.getRecordSets(zone.id)).toEqual([]);
        expect(await store.getDelegationSet('NSET1')).toBeUndefined();
        expect(await store.listTags('hostedzone', zone.id)).toEqual([]);
        expect(await store.listAccessKeys()).toEqual([]);
        expect(await store.listAccounts()).toEqual([]);
        expect(await store.callerReferenceOwner('hostedzone', '000000000000', zoneInput('x').callerReference)).toBeUndefined();
        expect(await store.listDnsNodes()).toEqual([node]);
        // The same caller reference can be used again after a wipe.
        const input = { ...zoneInput('example.com.'), callerReference: 'again' };
        await store.createZone(input, []);
        await store.wipe();
        await store.createZone({ ...input, id: newZoneId() }, []);
        expect((await store.listZones()).length).toBe(1);
      });

      // A reset once emptied the health versions' own table: no later health change was seen
      // by the checkers or the DNS nodes, so failover never happened after a reset.
      it('moves the health versions on, and they keep moving with later changes', async () => {
        const config = await store.healthConfigVersion();
        const status = await store.healthStatusVersion();
        await store.wipe();
        const afterWipe = [await store.healthConfigVersion(), await store.healthStatusVersion()];
        expect(afterWipe[0]).toBeGreaterThan(config);
        expect(afterWipe[1]).toBeGreaterThan(status);
        await store.createHealthCheck({ id: 'hc-after-wipe', accountId: '000000000000', callerReference: 'r', config: '{"type":"TCP"}', createdConfig: '{"type":"TCP"}', createdAt: '2024-01-02T03:04:05.000Z' });
        expect(await store.healthConfigVersion()).toBeGreaterThan(afterWipe[0]!);
      });
    });

    describe('a second connection to the same data', () => {
      it('sees committed writes, and its own writes are seen', async (ctx) => {
        if (!fx.openAgain) return ctx.skip('this backend has no second connection (e.g. SQLite :memory:)');
        const zone = await makeZone('example.com.', [recordSet('www.example.com.', A, ['c0000201'])]);
        const other = await fx.openAgain();
        extra.push(other);
        expect(await other.getZone(zone.id)).toEqual(zone);
        const change = await other.applyChange(zone.id, { comment: 'from the other', deletes: [], puts: [recordSet('ftp.example.com.', A, ['c0000202'])] });
        expect(await store.getChange(change.id)).toEqual(change);
        expect(await store.countRecordSets(zone.id)).toBe(4);
        expect(await store.zoneVersions()).toEqual(new Map([[zone.id, 2]]));
      });

      it('keeps everything after close and reopen', async (ctx) => {
        if (!fx.openAgain) return ctx.skip('this backend has no second connection (e.g. SQLite :memory:)');
        const zone = await makeZone('example.com.', [recordSet('www.example.com.', A, ['c0000201'])]);
        const change = await store.applyChange(zone.id, { comment: 'x', deletes: [], puts: [recordSet('ftp.example.com.', A, ['c0000202'])] });
        const sets = sortSets(await store.getRecordSets(zone.id));
        await store.close();
        await store.close(); // closing twice is harmless
        store = await fx.openAgain();
        expect(await store.getZone(zone.id)).toEqual({ ...zone, version: 2 });
        expect(await store.getChange(change.id)).toEqual(change);
        expect(sortSets(await store.getRecordSets(zone.id))).toEqual(sets);
      });
    });
  });
  runCidrStoreSuite(name, makeStore);
}
