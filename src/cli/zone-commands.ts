/**
 * `signpost zone import|export`: master files in and out of the store. An import is checked
 * whole (syntax, then zone rules) before one transaction replaces the zone's contents; any
 * problem leaves the store untouched.
 */
import { readFileSync } from 'node:fs';
import { nameFromText } from '../dns/index.ts';
import { parseMasterFile, formatMasterFile } from '../zone/master-file.ts';
import { validateZone } from '../zone/validate.ts';
import { canonicalZoneName, recordsToSets, setsToRecords } from '../store/record-sets.ts';
import { newZoneId, StoreConflict, type ChangeRow, type Store, type ZoneRow } from '../store/index.ts';
import { UsageError } from './errors.ts';

/** The admin account: owns zones imported without --account, and the first-start key. */
export const ADMIN_ACCOUNT = '000000000000';

function readZoneFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

async function findOne(store: Store, name: string): Promise<ZoneRow | undefined> {
  const zones = await store.findZonesByName(name);
  if (zones.length > 1) throw new UsageError(`${zones.length} hosted zones are named ${name}; they cannot be told apart by name`);
  return zones[0];
}

/** Imports `file` as the whole contents of zone `name` (created when missing). */
export async function importZone(store: Store, zoneName: string, file: string, text = readZoneFile(file), accountId = ADMIN_ACCOUNT):
  Promise<{ zone: ZoneRow; change: ChangeRow; records: number; created: boolean }> {
  const name = canonicalZoneName(zoneName);
  const origin = nameFromText(name);
  const records = parseMasterFile(text, { origin, fileName: file });
  const problems = validateZone(origin, records);
  if (problems.length > 0) {
    throw new UsageError(problems.map((p) => (p.startsWith('line ') ? `${file}:${p.slice(5)}` : `${file}: ${p}`)).join('\n'));
  }
  const sets = recordsToSets(records);
  const existing = await findOne(store, name);
  if (existing && existing.accountId !== accountId) {
    throw new UsageError(`the hosted zone ${name} belongs to account ${existing.accountId}, not ${accountId}; pass --account ${existing.accountId}`);
  }
  if (existing) {
    const change = await store.replaceRecordSets(existing.id, sets, `import ${file}`);
    return { zone: { ...existing, version: change.version }, change, records: records.length, created: false };
  }
  try {
    const { zone, change } = await store.createZone({
      id: newZoneId(), name, accountId, callerReference: `signpost-import-${Date.now()}-${process.pid}`,
      comment: `imported from ${file}`, privateZone: false, delegationSetId: null,
    }, sets, undefined, { unlessNameExists: true });
    return { zone, change, records: records.length, created: true };
  } catch (err) {
    // Another import created the zone meanwhile: replace its contents instead.
    if (!(err instanceof StoreConflict) || err.what !== 'zone-name') throw err;
    const now = await findOne(store, name);
    if (!now || now.accountId !== accountId) throw err;
    const change = await store.replaceRecordSets(now.id, sets, `import ${file}`);
    return { zone: { ...now, version: change.version }, change, records: records.length, created: false };
  }
}

/** Returns the master file of zone `name`. */
export async function exportZone(store: Store, zoneName: string): Promise<string> {
  const name = canonicalZoneName(zoneName);
  const zone = await findOne(store, name);
  if (!zone) throw new UsageError(`no hosted zone named ${name}`);
  const records = setsToRecords(await store.getRecordSets(zone.id)).map((r) => ({ ...r, class: 1 }));
  return formatMasterFile(nameFromText(name), records);
}
