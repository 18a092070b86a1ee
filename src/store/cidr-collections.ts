/**
 * CIDR collections on SQLite: the Store methods for collections and their blocks. A change of
 * blocks bumps, in the same transaction, every zone whose record sets name the collection, so
 * DNS nodes (which poll zone versions) recompile them with the new blocks.
 *
 * Record sets name a collection in their routing JSON (`{"cidr":{"collectionId","locationName"}}`,
 * written by api/); this file is the one place the store reads inside that JSON.
 */
import type { DatabaseSync } from 'node:sqlite';
import { newChangeId } from './ids.ts';
import { StoreConflict, VersionConflict, type ChangeRow, type CidrBlockRow, type CidrCollectionRow, type Store } from './types.ts';

type Row = Record<string, unknown>;

/** What the CIDR methods need from the SQLite store that holds them. */
export type CidrDeps = {
  db: DatabaseSync;
  tx: <T>(fn: () => T) => T;
  /** Bumps a zone's version and records a change (inside a transaction). */
  recordChange: (zoneId: string, comment: string, summary: unknown) => ChangeRow;
  now: () => string;
};

type CidrMethods = Pick<Store, 'createCidrCollection' | 'getCidrCollectionRow' | 'listCidrCollections' | 'listCidrLocations'
  | 'listCidrBlocks' | 'getCidrCollection' | 'cidrLocationsInUse' | 'changeCidrCollection' | 'deleteCidrCollection'>;

// The routing JSON of a record set, read only when it is valid JSON (anything else names nothing).
const ROUTING_COLLECTION = `CASE WHEN json_valid(routing) THEN json_extract(routing, '$.cidr.collectionId') END`;
const ROUTING_LOCATION = `CASE WHEN json_valid(routing) THEN json_extract(routing, '$.cidr.locationName') END`;

function collectionFromRow(r: Row): CidrCollectionRow {
  return {
    id: String(r.id), accountId: String(r.account_id), name: String(r.name), callerReference: String(r.caller_reference),
    version: Number(r.version), createdAt: String(r.created_at),
  };
}

const blockFromRow = (r: Row): CidrBlockRow => ({ location: String(r.location), cidr: String(r.cidr) });

/** Returns the CIDR collection methods over `deps.db`. */
export function cidrCollectionMethods(deps: CidrDeps): CidrMethods {
  const { db, tx } = deps;

  const inUse = (collectionId: string): string[] =>
    db.prepare(`SELECT DISTINCT ${ROUTING_LOCATION} AS location FROM record_sets WHERE routing IS NOT NULL AND ${ROUTING_COLLECTION} = ? ORDER BY 1`)
      .all(collectionId).map((r) => String(r.location));

  const locationsOf = (collectionId: string): string[] =>
    db.prepare('SELECT DISTINCT location FROM cidr_blocks WHERE collection_id = ? ORDER BY location').all(collectionId).map((r) => String(r.location));

  /** Applies the plan's block edits; returns whether any block was added or removed. */
  function editBlocks(id: string, deletes: CidrBlockRow[], puts: CidrBlockRow[]): boolean {
    let changed = false;
    const del = db.prepare('DELETE FROM cidr_blocks WHERE collection_id = ? AND location = ? AND cidr = ?');
    for (const b of deletes) changed = Number(del.run(id, b.location, b.cidr).changes) > 0 || changed;
    const where = db.prepare('SELECT location FROM cidr_blocks WHERE collection_id = ? AND cidr = ?');
    const put = db.prepare('INSERT INTO cidr_blocks (collection_id, location, cidr) VALUES (?, ?, ?)');
    for (const b of puts) {
      const at = where.get(id, b.cidr);
      if (at && String(at.location) === b.location) continue;
      if (at) throw new StoreConflict('cidr-block', `the CIDR block ${b.cidr} is already in location ${String(at.location)}`);
      put.run(id, b.location, b.cidr);
      changed = true;
    }
    return changed;
  }

  /** Bumps every zone whose record sets name the collection; returns their changes, by zone id. */
  function bumpZones(c: CidrCollectionRow): ChangeRow[] {
    const zones = db.prepare(`SELECT DISTINCT zone_id FROM record_sets WHERE routing IS NOT NULL AND ${ROUTING_COLLECTION} = ? ORDER BY zone_id`).all(c.id);
    return zones.map((z) => deps.recordChange(String(z.zone_id), `CIDR collection ${c.name} changed`,
      { op: 'cidr-collection', collectionId: c.id, collectionVersion: c.version }));
  }

  /** A change with no zone to wait for, kept under the collection's id (GetChange finds it). */
  function collectionChange(c: CidrCollectionRow): ChangeRow {
    const change: ChangeRow = { id: newChangeId(), zoneId: c.id, accountId: c.accountId, version: c.version, status: 'PENDING', submittedAt: deps.now(), comment: '' };
    db.prepare('INSERT INTO changes (id, zone_id, account_id, version, status, submitted_at, comment) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(change.id, change.zoneId, change.accountId, change.version, change.status, change.submittedAt, change.comment);
    return change;
  }

  return {
    async createCidrCollection(c) {
      return tx(() => {
        const used = db.prepare('SELECT 1 FROM caller_references WHERE kind = ? AND account_id = ? AND value = ?').get('cidrcollection', c.accountId, c.callerReference);
        if (used) throw new StoreConflict('caller-reference', `caller reference ${c.callerReference} was used before`);
        const named = db.prepare('SELECT 1 FROM cidr_collections WHERE account_id = ? AND name = ?').get(c.accountId, c.name);
        if (named) throw new StoreConflict('cidr-collection-name', `a CIDR collection named ${c.name} exists`);
        db.prepare('INSERT INTO caller_references (kind, account_id, value, resource_id) VALUES (?, ?, ?, ?)').run('cidrcollection', c.accountId, c.callerReference, c.id);
        db.prepare('INSERT INTO cidr_collections (id, account_id, name, caller_reference, version, created_at) VALUES (?, ?, ?, ?, 1, ?)')
          .run(c.id, c.accountId, c.name, c.callerReference, c.createdAt);
        return { ...c, version: 1 };
      });
    },
    async getCidrCollectionRow(id) {
      const r = db.prepare('SELECT * FROM cidr_collections WHERE id = ?').get(id);
      return r ? collectionFromRow(r) : undefined;
    },
    async listCidrCollections(accountId) {
      return db.prepare('SELECT * FROM cidr_collections WHERE account_id = ? ORDER BY name').all(accountId).map(collectionFromRow);
    },
    async listCidrLocations(collectionId) {
      return locationsOf(collectionId);
    },
    async listCidrBlocks(collectionId, opts = {}) {
      const where = ['collection_id = ?'];
      const args: (string | number)[] = [collectionId];
      if (opts.location !== undefined) { where.push('location = ?'); args.push(opts.location); }
      if (opts.after) { where.push('(location, cidr) > (?, ?)'); args.push(opts.after.location, opts.after.cidr); }
      const limit = opts.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(opts.limit))}`;
      return db.prepare(`SELECT location, cidr FROM cidr_blocks WHERE ${where.join(' AND ')} ORDER BY location, cidr${limit}`).all(...args).map(blockFromRow);
    },
    async getCidrCollection(id) {
      // One statement, so the version and the blocks come from one snapshot.
      const rows = db.prepare('SELECT c.version, b.location, b.cidr FROM cidr_collections c LEFT JOIN cidr_blocks b ON b.collection_id = c.id WHERE c.id = ? ORDER BY b.location, b.cidr').all(id);
      if (rows.length === 0) return undefined;
      const locations: { name: string; cidrs: string[] }[] = [];
      for (const r of rows) {
        if (r.location === null) continue;
        const last = locations.at(-1);
        if (last?.name === String(r.location)) last.cidrs.push(String(r.cidr));
        else locations.push({ name: String(r.location), cidrs: [String(r.cidr)] });
      }
      return { id, version: Number(rows[0]!.version), locations };
    },
    async cidrLocationsInUse(collectionId) {
      return inUse(collectionId);
    },
    async changeCidrCollection(id, plan, expectedVersion) {
      return tx(() => {
        const row = db.prepare('SELECT * FROM cidr_collections WHERE id = ?').get(id);
        if (!row || Number(row.version) !== expectedVersion) throw new VersionConflict(`CIDR collection ${id} changed since the plan was made`);
        const before = new Set(locationsOf(id));
        const changed = editBlocks(id, plan.deletes, plan.puts);
        const after = new Set(locationsOf(id));
        const emptied = inUse(id).filter((l) => before.has(l) && !after.has(l));
        if (emptied.length > 0) throw new StoreConflict('cidr-location-in-use', `record sets use the location ${emptied.join(', ')}, which would have no CIDR block left`);
        db.prepare('UPDATE cidr_collections SET version = version + 1 WHERE id = ?').run(id);
        const collection = { ...collectionFromRow(row), version: expectedVersion + 1 };
        const zoneChanges = changed ? bumpZones(collection) : [];
        return { collection, change: zoneChanges[0] ?? collectionChange(collection), zoneChanges };
      });
    },
    async deleteCidrCollection(id) {
      return tx(() => {
        if (!db.prepare('SELECT 1 FROM cidr_collections WHERE id = ?').get(id)) return false;
        if (db.prepare('SELECT 1 FROM cidr_blocks WHERE collection_id = ? LIMIT 1').get(id)) {
          throw new StoreConflict('cidr-collection-not-empty', `the CIDR collection ${id} still has CIDR blocks`);
        }
        if (inUse(id).length > 0) throw new StoreConflict('cidr-collection-in-use', `record sets use the CIDR collection ${id}`);
        db.prepare('DELETE FROM cidr_collections WHERE id = ?').run(id);
        return true;
      });
    },
  };
}
