/**
 * The Store: everything Signpost persists, behind one asynchronous interface that SQLite (the
 * default, embedded) and PostgreSQL (scale-out) implement. The query path never calls it.
 *
 * Shared contract: names are absolute presentation names in lower case ("www.example.com.");
 * rdata is canonical wire form as lower-case hex; every write is one transaction.
 */

/** A hosted zone's row. */
export type ZoneRow = {
  id: string;
  name: string;
  accountId: string;
  callerReference: string;
  comment: string;
  privateZone: boolean;
  delegationSetId: string | null;
  /** Bumped by every change; DNS nodes report the version they serve. */
  version: number;
  createdAt: string;
};

/** A record set: records of one name and type (and set identifier, for routing policies). */
export type RecordSetRow = {
  name: string;
  type: number;
  setIdentifier: string;
  ttl: number;
  /** Canonical wire rdata, hex. */
  rdata: string[];
  /**
   * The values as the client wrote them (Route 53 text), one per rdata entry, which DNS never
   * reads: the API lists these. Absent: the values are what the rdata prints as.
   */
  values?: string[];
  /** Routing policy and alias fields, opaque here (JSON). */
  routing: string | null;
};

/** Identifies a record set inside a zone. */
export type RecordSetKey = { name: string; type: number; setIdentifier: string };

/** A change as recorded in the change log. */
export type ChangeRow = {
  id: string;
  zoneId: string;
  /** The account that owned the zone when the change was made. */
  accountId: string;
  version: number;
  status: 'PENDING' | 'INSYNC';
  submittedAt: string;
  comment: string;
};

/** What a DNS node reports about itself. */
export type DnsNodeRow = {
  id: string;
  pid: number;
  host: string;
  listeners: string[];
  /** Zone id -> version served. */
  versions: Record<string, number>;
  startedAt: string;
  heartbeatAt: string;
};

/** An API account; resources belong to one. */
export type AccountRow = { id: string; createdAt: string };

/** An access key: the id and secret a client signs requests with. */
export type AccessKeyRow = { id: string; secret: string; accountId: string; createdAt: string };

/** Four name servers; reusable sets are shared by up to 100 zones of one account. */
export type DelegationSetRow = {
  id: string;
  accountId: string;
  callerReference: string | null;
  nameServers: string[];
  reusable: boolean;
  createdAt: string;
};

export type TagRow = { key: string; value: string };

/** A CIDR collection (IP-based routing): named per account, versioned, holding blocks by location. */
export type CidrCollectionRow = {
  id: string;
  accountId: string;
  name: string;
  callerReference: string;
  /** 1 when created; every change of the collection adds one. */
  version: number;
  createdAt: string;
};

/** A health check; `config` is JSON owned by health/ (HealthCheckSettings), opaque here. */
export type HealthCheckRow = {
  id: string;
  accountId: string;
  callerReference: string;
  config: string;
  /** The config as first created: CreateHealthCheck with the same caller reference compares it. */
  createdConfig: string;
  /** 1 at creation, +1 per update (optimistic locking). */
  version: number;
  createdAt: string;
};

/** One CIDR block of a collection and the location it belongs to (blocks are text, e.g. "192.0.2.0/24"). */
export type CidrBlockRow = { location: string; cidr: string };

/** A collection as DNS nodes compile it: every location (sorted) with its blocks (sorted). */
export type CidrCollectionData = { id: string; version: number; locations: { name: string; cidrs: string[] }[] };

/** Block edits for changeCidrCollection; deletes run first, then puts. */
export type CidrBlocksPlan = { deletes: CidrBlockRow[]; puts: CidrBlockRow[] };
/** One checker's current view of one check, after its FailureThreshold. */
export type HealthReportRow = {
  checkId: string;
  checkerId: string;
  region: string;
  /** The checker's probe source address (HealthCheckObservation.IPAddress). */
  address: string;
  healthy: boolean;
  /** Route 53's status text of the last probe ("Success: …" / "Failure: …"). */
  status: string;
  checkedAt: string;
  lastFailure: string | null;
  lastFailureAt: string | null;
};

/** One probe result, kept in a bounded rolling history per check and checker. */
export type HealthObservationRow = {
  checkId: string;
  checkerId: string;
  at: string;
  ok: boolean;
  latencyMs: number | null;
  status: string;
  /** The checker's verdict once this result counted (FailureThreshold applied); absent in old rows. */
  healthy?: boolean;
};

/** What the aggregation sees, in one transaction: every check, report and published status. */
export type HealthInputs = {
  checks: HealthCheckRow[];
  reports: HealthReportRow[];
  /** Check id -> published healthy. */
  states: ReadonlyMap<string, boolean>;
};

/** A published status change. */
export type HealthTransition = { checkId: string; healthy: boolean; at: string };
/** One IPv4 or IPv6 block of a VPC, with its EC2 association id (vpc-cidr-assoc-…). */
export type VpcCidrRow = { associationId: string; cidrBlock: string };

/** A VPC: its id (vpc-…), region, owner and address blocks (the first is the primary one). */
export type VpcRow = { id: string; region: string; accountId: string; cidrs: VpcCidrRow[]; createdAt: string };

/** A VPC as Route 53 names it. */
export type VpcRef = { vpcId: string; region: string };

/** A private zone's association with a VPC (or an authorization to make one). */
export type ZoneVpcRow = VpcRef & { zoneId: string };

/** Thrown when a write would reuse something that must be unique (caller references). */
export class StoreConflict extends Error {
  override name = 'StoreConflict';
  readonly what: string;
  constructor(what: string, message: string) {
    super(message);
    this.what = what;
  }
}

/** Thrown when the store cannot be opened (permissions, a path that is not a directory, …). */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** Thrown by applyChange when the zone moved on since the plan was made (optimistic locking). */
export class VersionConflict extends Error {
  override name = 'VersionConflict';
}

/** A batch of record set edits applied in one transaction. */
export type ChangePlan = {
  deletes: RecordSetKey[];
  puts: RecordSetRow[];
  comment: string;
};

export type Store = {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the store lives, for status output. */
  readonly location: string;
  listZones(): Promise<ZoneRow[]>;
  getZone(id: string): Promise<ZoneRow | undefined>;
  findZonesByName(name: string): Promise<ZoneRow[]>;
  /** Zone id -> version, cheap: what DNS nodes poll. */
  zoneVersions(): Promise<Map<string, number>>;
  getRecordSets(zoneId: string): Promise<RecordSetRow[]>;
  countRecordSets(zoneId: string): Promise<number>;
  /**
   * Creates a zone with its initial record sets; returns the row and the change. Claims the
   * zone's caller reference (StoreConflict when it was ever used by the account); with
   * `delegationSet`, creates that (non-reusable) set in the same transaction. With
   * `unlessNameExists`, throws StoreConflict('zone-name') when a zone of that name exists; with
   * `vpc`, associates that VPC (a private zone's first) in the same transaction.
   */
  createZone(zone: Omit<ZoneRow, 'version' | 'createdAt'>, sets: RecordSetRow[], delegationSet?: DelegationSetRow,
    opts?: { unlessNameExists?: boolean; vpc?: VpcRef }): Promise<{ zone: ZoneRow; change: ChangeRow }>;
  /** Replaces all record sets of a zone (zone import); bumps the version. */
  replaceRecordSets(zoneId: string, sets: RecordSetRow[], comment: string): Promise<ChangeRow>;
  /**
   * Applies a plan atomically; bumps the version. With `expectedVersion`, throws VersionConflict
   * when the zone's version is another (the plan was made against older data).
   */
  applyChange(zoneId: string, plan: ChangePlan, expectedVersion?: number): Promise<ChangeRow>;
  /**
   * Deletes a zone and its record sets; returns the change, or undefined when there was no
   * zone. With `expectedVersion`, throws VersionConflict when the zone changed meanwhile.
   */
  deleteZone(zoneId: string, expectedVersion?: number): Promise<ChangeRow | undefined>;
  updateZoneComment(zoneId: string, comment: string): Promise<void>;
  /** Returns the resource that used a caller reference (even if since deleted), or undefined. */
  callerReferenceOwner(kind: string, accountId: string, value: string): Promise<string | undefined>;
  createAccount(id: string): Promise<AccountRow>;
  listAccounts(): Promise<AccountRow[]>;
  createAccessKey(key: AccessKeyRow): Promise<void>;
  getAccessKey(id: string): Promise<AccessKeyRow | undefined>;
  listAccessKeys(): Promise<AccessKeyRow[]>;
  deleteAccessKey(id: string): Promise<boolean>;
  createDelegationSet(set: DelegationSetRow): Promise<void>;
  getDelegationSet(id: string): Promise<DelegationSetRow | undefined>;
  listDelegationSets(accountId: string): Promise<DelegationSetRow[]>;
  deleteDelegationSet(id: string): Promise<boolean>;
  /** Turns a zone's own delegation set into a reusable one with a caller reference. */
  markDelegationSetReusable(id: string, callerReference: string): Promise<void>;
  changeTags(resourceType: string, resourceId: string, add: TagRow[], remove: string[]): Promise<void>;
  listTags(resourceType: string, resourceId: string): Promise<TagRow[]>;
  getChange(id: string): Promise<ChangeRow | undefined>;
  /**
   * Creates a CIDR collection at version 1, claiming its caller reference (StoreConflict
   * 'caller-reference' when the account ever used it; 'cidr-collection-name' when the account
   * has a collection of that name).
   */
  createCidrCollection(c: Omit<CidrCollectionRow, 'version'>): Promise<CidrCollectionRow>;
  getCidrCollectionRow(id: string): Promise<CidrCollectionRow | undefined>;
  /** The account's collections, by name. */
  listCidrCollections(accountId: string): Promise<CidrCollectionRow[]>;
  /** Location names of a collection (those with at least one block), sorted. */
  listCidrLocations(collectionId: string): Promise<string[]>;
  /** Blocks by location then block text; `after` starts past that block, `limit` caps the count. */
  listCidrBlocks(collectionId: string, opts?: { location?: string; after?: CidrBlockRow; limit?: number }): Promise<CidrBlockRow[]>;
  /** The collection for DNS nodes (no account check: record sets name it by id). */
  getCidrCollection(id: string): Promise<CidrCollectionData | undefined>;
  /** Locations of the collection that record sets name in their routing (`*` included), sorted. */
  cidrLocationsInUse(collectionId: string): Promise<string[]>;
  /**
   * Applies block edits at `expectedVersion` (VersionConflict otherwise) and adds one to the
   * version. When the blocks changed, every zone whose record sets name the collection gets a new
   * version and change (so DNS nodes recompile it), in the same transaction. Refuses with
   * StoreConflict 'cidr-location-in-use' when a location that record sets name would lose its
   * last block, and 'cidr-block' when a block would sit in two locations. `change` is the change
   * to follow with GetChange: the first zone's (by zone id), or one recorded under the
   * collection's id when no zone names it.
   */
  changeCidrCollection(id: string, plan: CidrBlocksPlan, expectedVersion: number):
    Promise<{ collection: CidrCollectionRow; change: ChangeRow; zoneChanges: ChangeRow[] }>;
  /**
   * Deletes a collection; false when there was none. StoreConflict 'cidr-collection-not-empty'
   * when it has blocks, 'cidr-collection-in-use' when record sets name it.
   */
  deleteCidrCollection(id: string): Promise<boolean>;
  /** Creates a VPC (StoreConflict('vpc-id') when the id exists) with its tags. */
  createVpc(vpc: VpcRow, tags?: TagRow[]): Promise<void>;
  getVpc(id: string): Promise<VpcRow | undefined>;
  listVpcs(): Promise<VpcRow[]>;
  /** Replaces a VPC's address blocks; false when there is no such VPC. */
  setVpcCidrs(id: string, cidrs: VpcCidrRow[]): Promise<boolean>;
  /** Deletes a VPC and its tags; 'in-use' (nothing deleted) while a zone is associated with it. */
  deleteVpc(id: string): Promise<'deleted' | 'missing' | 'in-use'>;
  /** Associates a VPC with a zone as a change of the zone (bumps the version). */
  associateVpc(zoneId: string, vpc: VpcRef, comment: string): Promise<ChangeRow>;
  /**
   * Removes an association as a change of the zone; StoreConflict('last-vpc') when it is the
   * zone's only one, StoreConflict('no-association') when there is none.
   */
  disassociateVpc(zoneId: string, vpc: VpcRef, comment: string): Promise<ChangeRow>;
  /** Every association (`zoneId` given: that zone's only), ordered by zone, VPC id, region. */
  listZoneVpcs(zoneId?: string): Promise<ZoneVpcRow[]>;
  /** Records an authorization; false when it existed. */
  createVpcAuthorization(a: ZoneVpcRow): Promise<boolean>;
  /** Removes an authorization; false when there was none. */
  deleteVpcAuthorization(a: ZoneVpcRow): Promise<boolean>;
  listVpcAuthorizations(zoneId: string): Promise<ZoneVpcRow[]>;
  reportDnsNode(node: DnsNodeRow): Promise<void>;
  /**
   * Creates a health check at version 1, claiming its caller reference (StoreConflict when the
   * account used it before); bumps the config version.
   */
  createHealthCheck(check: Omit<HealthCheckRow, 'version'>): Promise<HealthCheckRow>;
  getHealthCheck(id: string): Promise<HealthCheckRow | undefined>;
  /** Every health check (all accounts when `accountId` is undefined), ordered by id. */
  listHealthChecks(accountId?: string): Promise<HealthCheckRow[]>;
  /** Replaces the config and bumps the version; VersionConflict when `expectedVersion` differs. */
  updateHealthCheck(id: string, config: string, expectedVersion?: number): Promise<HealthCheckRow>;
  /** Deletes a check with its tags, reports, history and status; false when there was none. */
  deleteHealthCheck(id: string): Promise<boolean>;
  /** Record sets (zone id and name) whose routing names health check `id`. */
  recordSetsUsingHealthCheck(id: string): Promise<{ zoneId: string; name: string }[]>;
  /** Bumped by every create, update and delete: what checkers poll to reload configs. */
  healthConfigVersion(): Promise<number>;
  /**
   * Upserts checker reports and appends observations, keeping the last `historyLimit` per check
   * and checker; one transaction.
   */
  writeHealthReports(reports: HealthReportRow[], observations: HealthObservationRow[], historyLimit: number): Promise<void>;
  /** Reports of one check (or all), ordered by check and checker. */
  listHealthReports(checkId?: string): Promise<HealthReportRow[]>;
  /** The rolling history of one check, oldest first. */
  listHealthObservations(checkId: string): Promise<HealthObservationRow[]>;
  /**
   * In one transaction: reads the inputs, asks `compute` for every check's status, writes what
   * changed (dropping statuses of deleted checks) and bumps the status version when anything did.
   */
  aggregateHealth(compute: (inputs: HealthInputs) => ReadonlyMap<string, boolean>, at: string): Promise<HealthTransition[]>;
  /** Bumped by every published status change: what DNS nodes poll. */
  healthStatusVersion(): Promise<number>;
  /** Check id -> published healthy. */
  healthStates(): Promise<Map<string, boolean>>;
  listDnsNodes(): Promise<DnsNodeRow[]>;
  removeDnsNode(id: string): Promise<void>;
  /**
   * Deletes every resource in one transaction: zones, record sets, changes, delegation sets,
   * caller references, tags, accounts and keys, and whatever tables later migrations add; only
   * the DNS node reports stay, and the health versions move on (checkers and DNS nodes watch
   * them). For `signpost start --dev` resets.
   */
  wipe(): Promise<void>;
  close(): Promise<void>;
};
