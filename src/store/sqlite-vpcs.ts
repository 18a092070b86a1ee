/**
 * The SQLite store's VPC part: VPCs with their CIDR blocks, private zones' VPC associations
 * (each a change of the zone, so DNS nodes pick it up like any other) and cross-account
 * authorizations. Mixed into the store by sqlite.ts.
 */
import type { DatabaseSync } from 'node:sqlite';
import { StoreConflict, type ChangeRow, type Store, type VpcRow, type ZoneVpcRow } from './types.ts';

type Row = Record<string, unknown>;

/** What sqlite.ts lends: the database, its transaction helper and the change recorder. */
export type SqliteParts = {
  db: DatabaseSync;
  tx: <T>(fn: () => T) => T;
  recordChange: (zoneId: string, comment: string, summary: unknown) => ChangeRow;
};

type VpcMethods = Pick<Store, 'createVpc' | 'getVpc' | 'listVpcs' | 'setVpcCidrs' | 'deleteVpc' | 'associateVpc' | 'disassociateVpc'
  | 'listZoneVpcs' | 'createVpcAuthorization' | 'deleteVpcAuthorization' | 'listVpcAuthorizations'>;

function vpcFromRow(r: Row): VpcRow {
  return { id: String(r.id), region: String(r.region), accountId: String(r.account_id), cidrs: JSON.parse(String(r.cidrs)) as VpcRow['cidrs'], createdAt: String(r.created_at) };
}

function zoneVpcFromRow(r: Row): ZoneVpcRow {
  return { zoneId: String(r.zone_id), vpcId: String(r.vpc_id), region: String(r.region) };
}

/** Returns the VPC methods of the SQLite store. */
export function sqliteVpcMethods({ db, tx, recordChange }: SqliteParts): VpcMethods {
  return {
    async createVpc(vpc, tags = []) {
      tx(() => {
        if (db.prepare('SELECT 1 FROM vpcs WHERE id = ?').get(vpc.id)) throw new StoreConflict('vpc-id', `a VPC with id ${vpc.id} exists`);
        db.prepare('INSERT INTO vpcs (id, region, account_id, cidrs, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(vpc.id, vpc.region, vpc.accountId, JSON.stringify(vpc.cidrs), vpc.createdAt);
        const put = db.prepare('INSERT INTO tags (resource_type, resource_id, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (resource_type, resource_id, key) DO UPDATE SET value = excluded.value');
        for (const t of tags) put.run('vpc', vpc.id, t.key, t.value);
      });
    },
    async getVpc(id) {
      const r = db.prepare('SELECT * FROM vpcs WHERE id = ?').get(id);
      return r ? vpcFromRow(r) : undefined;
    },
    async listVpcs() {
      return db.prepare('SELECT * FROM vpcs ORDER BY id').all().map(vpcFromRow);
    },
    async setVpcCidrs(id, cidrs) {
      return Number(db.prepare('UPDATE vpcs SET cidrs = ? WHERE id = ?').run(JSON.stringify(cidrs), id).changes) > 0;
    },
    async deleteVpc(id) {
      return tx(() => {
        if (!db.prepare('SELECT 1 FROM vpcs WHERE id = ?').get(id)) return 'missing' as const;
        if (db.prepare('SELECT 1 FROM zone_vpcs WHERE vpc_id = ?').get(id)) return 'in-use' as const;
        db.prepare('DELETE FROM vpcs WHERE id = ?').run(id);
        db.prepare('DELETE FROM tags WHERE resource_type = ? AND resource_id = ?').run('vpc', id);
        return 'deleted' as const;
      });
    },
    async associateVpc(zoneId, vpc, comment) {
      return tx(() => {
        db.prepare('INSERT INTO zone_vpcs (zone_id, vpc_id, region) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(zoneId, vpc.vpcId, vpc.region);
        return recordChange(zoneId, comment, { op: 'associate-vpc', ...vpc });
      });
    },
    async disassociateVpc(zoneId, vpc, comment) {
      return tx(() => {
        const n = Number(db.prepare('SELECT count(*) AS n FROM zone_vpcs WHERE zone_id = ?').get(zoneId)!.n);
        const has = db.prepare('SELECT 1 FROM zone_vpcs WHERE zone_id = ? AND vpc_id = ? AND region = ?').get(zoneId, vpc.vpcId, vpc.region);
        if (!has) throw new StoreConflict('no-association', `VPC ${vpc.vpcId} (${vpc.region}) is not associated with zone ${zoneId}`);
        if (n <= 1) throw new StoreConflict('last-vpc', `VPC ${vpc.vpcId} is the last VPC of zone ${zoneId}`);
        db.prepare('DELETE FROM zone_vpcs WHERE zone_id = ? AND vpc_id = ? AND region = ?').run(zoneId, vpc.vpcId, vpc.region);
        return recordChange(zoneId, comment, { op: 'disassociate-vpc', ...vpc });
      });
    },
    async listZoneVpcs(zoneId) {
      const rows = zoneId === undefined
        ? db.prepare('SELECT * FROM zone_vpcs ORDER BY zone_id, vpc_id, region').all()
        : db.prepare('SELECT * FROM zone_vpcs WHERE zone_id = ? ORDER BY vpc_id, region').all(zoneId);
      return rows.map(zoneVpcFromRow);
    },
    async createVpcAuthorization(a) {
      return Number(db.prepare('INSERT INTO vpc_authorizations (zone_id, vpc_id, region) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(a.zoneId, a.vpcId, a.region).changes) > 0;
    },
    async deleteVpcAuthorization(a) {
      return Number(db.prepare('DELETE FROM vpc_authorizations WHERE zone_id = ? AND vpc_id = ? AND region = ?').run(a.zoneId, a.vpcId, a.region).changes) > 0;
    },
    async listVpcAuthorizations(zoneId) {
      return db.prepare('SELECT * FROM vpc_authorizations WHERE zone_id = ? ORDER BY vpc_id, region').all(zoneId).map(zoneVpcFromRow);
    },
  };
}
