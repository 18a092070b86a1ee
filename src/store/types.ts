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
   * `unlessNameExists`, throws StoreConflict('zone-name') when a zone of that name exists.
   */
  createZone(zone: Omit<ZoneRow, 'version' | 'createdAt'>, sets: RecordSetRow[], delegationSet?: DelegationSetRow,
    opts?: { unlessNameExists?: boolean }): Promise<{ zone: ZoneRow; change: ChangeRow }>;
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
  reportDnsNode(node: DnsNodeRow): Promise<void>;
  listDnsNodes(): Promise<DnsNodeRow[]>;
  removeDnsNode(id: string): Promise<void>;
  /**
   * Deletes every resource in one transaction: zones, record sets, changes, delegation sets,
   * caller references, tags, accounts and keys, and whatever tables later migrations add; only
   * the DNS node reports stay. For `signpost start --dev` resets.
   */
  wipe(): Promise<void>;
  close(): Promise<void>;
};
