/**
 * Versioned schema migrations for the SQLite store, tracked in PRAGMA user_version. Each entry
 * runs once, in order, inside one transaction; never edit an entry that has shipped, add one.
 */
import type { DatabaseSync } from 'node:sqlite';

export const migrations: string[] = [
  // 1: zones, record sets, changes, the change log, DNS node reports.
  `CREATE TABLE zones (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     account_id TEXT NOT NULL,
     caller_reference TEXT NOT NULL,
     comment TEXT NOT NULL DEFAULT '',
     private INTEGER NOT NULL DEFAULT 0,
     delegation_set_id TEXT,
     version INTEGER NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX zones_by_name ON zones (name);
   CREATE TABLE record_sets (
     zone_id TEXT NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     type INTEGER NOT NULL,
     set_identifier TEXT NOT NULL DEFAULT '',
     ttl INTEGER NOT NULL,
     rdata TEXT NOT NULL,
     routing TEXT,
     PRIMARY KEY (zone_id, name, type, set_identifier)
   );
   CREATE TABLE changes (
     id TEXT PRIMARY KEY,
     zone_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     status TEXT NOT NULL,
     submitted_at TEXT NOT NULL,
     comment TEXT NOT NULL DEFAULT ''
   );
   CREATE TABLE change_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     zone_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     change_id TEXT,
     at TEXT NOT NULL,
     summary TEXT NOT NULL
   );
   CREATE TABLE dns_nodes (
     id TEXT PRIMARY KEY,
     pid INTEGER NOT NULL,
     host TEXT NOT NULL,
     listeners TEXT NOT NULL,
     versions TEXT NOT NULL,
     started_at TEXT NOT NULL,
     heartbeat_at TEXT NOT NULL
   );`,
  // 2: accounts and access keys, reusable delegation sets, caller references, tags.
  `CREATE TABLE accounts (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL
   );
   CREATE TABLE access_keys (
     id TEXT PRIMARY KEY,
     secret TEXT NOT NULL,
     account_id TEXT NOT NULL REFERENCES accounts (id),
     created_at TEXT NOT NULL
   );
   CREATE TABLE delegation_sets (
     id TEXT PRIMARY KEY,
     account_id TEXT NOT NULL,
     caller_reference TEXT,
     name_servers TEXT NOT NULL,
     reusable INTEGER NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE caller_references (
     kind TEXT NOT NULL,
     account_id TEXT NOT NULL,
     value TEXT NOT NULL,
     resource_id TEXT NOT NULL,
     PRIMARY KEY (kind, account_id, value)
   );
   CREATE TABLE tags (
     resource_type TEXT NOT NULL,
     resource_id TEXT NOT NULL,
     key TEXT NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (resource_type, resource_id, key)
   );`,
  // 3: the account of each change, so GetChange stays private after its zone is deleted.
  `ALTER TABLE changes ADD COLUMN account_id TEXT;
   UPDATE changes SET account_id = (SELECT account_id FROM zones WHERE zones.id = changes.zone_id);`,
  // 4: CIDR collections (IP-based routing): collections per account, their blocks by location. A
  // block is in at most one location of a collection.
  `CREATE TABLE cidr_collections (
     id TEXT PRIMARY KEY,
     account_id TEXT NOT NULL,
     name TEXT NOT NULL,
     caller_reference TEXT NOT NULL,
     version INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     UNIQUE (account_id, name)
   );
   CREATE TABLE cidr_blocks (
     collection_id TEXT NOT NULL REFERENCES cidr_collections (id) ON DELETE CASCADE,
     location TEXT NOT NULL,
     cidr TEXT NOT NULL,
     PRIMARY KEY (collection_id, cidr)
   );
   CREATE INDEX cidr_blocks_by_location ON cidr_blocks (collection_id, location, cidr);`,
  // 4 (health checks): the checks, each checker's thresholded report per check, a bounded
  // history of observations, the published status per check and version counters that checkers
  // (config) and DNS nodes (status) poll.
  `CREATE TABLE health_checks (
     id TEXT PRIMARY KEY,
     account_id TEXT NOT NULL,
     caller_reference TEXT NOT NULL,
     config TEXT NOT NULL,
     created_config TEXT NOT NULL,
     version INTEGER NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE health_reports (
     check_id TEXT NOT NULL,
     checker_id TEXT NOT NULL,
     region TEXT NOT NULL,
     address TEXT NOT NULL,
     healthy INTEGER NOT NULL,
     status TEXT NOT NULL,
     checked_at TEXT NOT NULL,
     last_failure TEXT,
     last_failure_at TEXT,
     PRIMARY KEY (check_id, checker_id)
   );
   CREATE TABLE health_observations (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     check_id TEXT NOT NULL,
     checker_id TEXT NOT NULL,
     at TEXT NOT NULL,
     ok INTEGER NOT NULL,
     latency_ms REAL,
     status TEXT NOT NULL
   );
   CREATE INDEX health_observations_by_check ON health_observations (check_id, checker_id, seq);
   CREATE TABLE health_states (
     check_id TEXT PRIMARY KEY,
     healthy INTEGER NOT NULL,
     changed_at TEXT NOT NULL
   );
   CREATE TABLE health_meta (
     key TEXT PRIMARY KEY,
     value INTEGER NOT NULL
   );
   INSERT INTO health_meta (key, value) VALUES ('config', 0), ('status', 0);`,
  // VPCs (their CIDR blocks decide which clients are inside), private zones' VPC associations,
  // and cross-account association authorizations.
  `CREATE TABLE vpcs (
     id TEXT PRIMARY KEY,
     region TEXT NOT NULL,
     account_id TEXT NOT NULL,
     cidrs TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE zone_vpcs (
     zone_id TEXT NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
     vpc_id TEXT NOT NULL,
     region TEXT NOT NULL,
     PRIMARY KEY (zone_id, vpc_id, region)
   );
   CREATE INDEX zone_vpcs_by_vpc ON zone_vpcs (vpc_id);
   CREATE TABLE vpc_authorizations (
     zone_id TEXT NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
     vpc_id TEXT NOT NULL,
     region TEXT NOT NULL,
     PRIMARY KEY (zone_id, vpc_id, region)
   );`,
  // (fidelity) record values as the client submitted them (JSON list beside rdata). Existing
  // rows keep NULL, which reads as the values their wire rdata prints as.
  `ALTER TABLE record_sets ADD COLUMN r53_values TEXT;`,
  // The checker's verdict after each observation (its FailureThreshold applied), which the
  // console's health graph shows; NULL in rows written before.
  `ALTER TABLE health_observations ADD COLUMN healthy INTEGER;`,
];

/**
 * Brings the database schema up to date; refuses a database newer than this program. The
 * version is read inside the write transaction, so processes starting together on a fresh data
 * directory do not run the same migration twice.
 */
export function migrate(db: DatabaseSync): void {
  const version = () => Number(db.prepare('PRAGMA user_version').get()!.user_version);
  if (version() >= migrations.length) {
    if (version() > migrations.length) throw newerSchema(version());
    return;
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    const current = version();
    if (current > migrations.length) throw newerSchema(current);
    for (let v = current; v < migrations.length; v++) {
      db.exec(migrations[v]!);
      db.exec(`PRAGMA user_version = ${v + 1}`);
    }
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

function newerSchema(current: number): Error {
  return new Error(`the database schema (version ${current}) is newer than this Signpost (${migrations.length}); upgrade Signpost`);
}
