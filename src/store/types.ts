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
  /** Routing policy and alias fields, opaque here (JSON). */
  routing: string | null;
};

/** Identifies a record set inside a zone. */
export type RecordSetKey = { name: string; type: number; setIdentifier: string };

/** A change as recorded in the change log. */
export type ChangeRow = {
  id: string;
  zoneId: string;
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
  /** Creates a zone with its initial record sets; returns the row and the change. */
  createZone(zone: Omit<ZoneRow, 'version' | 'createdAt'>, sets: RecordSetRow[]): Promise<{ zone: ZoneRow; change: ChangeRow }>;
  /** Replaces all record sets of a zone (zone import); bumps the version. */
  replaceRecordSets(zoneId: string, sets: RecordSetRow[], comment: string): Promise<ChangeRow>;
  /** Applies a plan atomically; bumps the version. */
  applyChange(zoneId: string, plan: ChangePlan): Promise<ChangeRow>;
  deleteZone(zoneId: string): Promise<boolean>;
  getChange(id: string): Promise<ChangeRow | undefined>;
  reportDnsNode(node: DnsNodeRow): Promise<void>;
  listDnsNodes(): Promise<DnsNodeRow[]>;
  removeDnsNode(id: string): Promise<void>;
  close(): Promise<void>;
};
