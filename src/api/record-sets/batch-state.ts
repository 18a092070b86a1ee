/**
 * The zone's record sets while a batch is planned: a copy of the current rows that the changes
 * edit in order, indexed by set key and by name (for the CNAME and routing-policy checks).
 */
import type { RecordSetRow } from '../../store/types.ts';

/** Returns the key of a set: stored name, type and set identifier. */
export function setKey(name: string, type: number, setIdentifier: string): string {
  return `${name}\u0000${type}\u0000${setIdentifier}`;
}

/** Returns the key of a stored row. */
export const rowKey = (r: RecordSetRow) => setKey(r.name, r.type, r.setIdentifier);

/** The sets of a zone during planning. */
export type BatchState = {
  get(key: string): RecordSetRow | undefined;
  put(row: RecordSetRow): void;
  remove(key: string): void;
  /** Sets at a stored name. */
  at(name: string): RecordSetRow[];
  rows(): IterableIterator<RecordSetRow>;
};

/** Returns a state holding a copy of `rows`. */
export function createBatchState(rows: readonly RecordSetRow[]): BatchState {
  const byKey = new Map<string, RecordSetRow>();
  const byName = new Map<string, Set<string>>();
  const put = (row: RecordSetRow) => {
    const key = rowKey(row);
    byKey.set(key, row);
    let keys = byName.get(row.name);
    if (!keys) byName.set(row.name, (keys = new Set()));
    keys.add(key);
  };
  for (const r of rows) put(r);
  return {
    get: (key) => byKey.get(key),
    put,
    remove(key) {
      const row = byKey.get(key);
      if (!row) return;
      byKey.delete(key);
      byName.get(row.name)?.delete(key);
    },
    at: (name) => [...(byName.get(name) ?? [])].map((k) => byKey.get(k)!),
    rows: () => byKey.values(),
  };
}
