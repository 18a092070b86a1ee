/** store/: persistence behind the Store type. Only SQLite exists today; PostgreSQL is next. */
import { join } from 'node:path';
import { openSqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';
import type { OpenOptions } from './sqlite-open.ts';

export * from './types.ts';
export { newZoneId, newChangeId, newDelegationSetId, newCidrCollectionId, newHealthCheckId } from './ids.ts';
export { openSqliteStore } from './sqlite.ts';
export { newVpcId, newCidrAssociationId, isVpcId } from './vpc-ids.ts';

/** The SQLite file inside a data directory. */
export function storeFile(dataDir: string): string {
  return join(dataDir, 'signpost.db');
}

/** Opens the store for a data directory (SQLite). */
export function openStore(dataDir: string, opts: OpenOptions = {}): Store {
  return openSqliteStore(storeFile(dataDir), opts);
}
