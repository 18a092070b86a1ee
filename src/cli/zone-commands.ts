/**
 * `signpost zone import|export`: zone files in and out of the store, losing nothing the API
 * holds. An import is read whole (every problem reported, FILE:LINE: reason, up to a cap), checked
 * with the RFC rules of zone/validate.ts and planned with Route 53's (api/record-sets), then
 * applied in one transaction; record sets the file does not mention are deleted only with
 * --replace, and --dry-run only shows the difference. A zone created by import is a hosted zone
 * like any other: name servers from the pool or a reusable delegation set, Route 53's apex SOA
 * and NS (unless --keep-apex-records), an owner account.
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { RRType, lowerName, nameFromText, rrTypeToString } from '../dns/index.ts';
import { hexToBytes } from '../dns/rdata/base-encoding.ts';
import { validateZone } from '../zone/validate.ts';
import { canonicalZoneName } from '../store/record-sets.ts';
import { newDelegationSetId, newZoneId, StoreConflict, type DelegationSetRow, type RecordSetRow, type Store, type ZoneRow } from '../store/index.ts';
import { planChangeBatch, r53NameFromStored, storedNameFromR53, type Change } from '../api/record-sets/index.ts';
import { apexRecordSets } from '../api/routes/hosted-zones.ts';
import { allocateNameServers } from '../api/routes/delegation-sets.ts';
import { ADMIN_ACCOUNT_ID, type ApiContext } from '../api/context.ts';
import { UsageError } from './errors.ts';
import { DEFAULTS } from './config.ts';
import { readZoneText, type SourceSet } from './zone-file-read.ts';
import { missingReferences, pointAliasesHere } from './zone-import-refs.ts';
import { formatZoneFile, formatZoneJson } from './zone-file-write.ts';

/** The admin account: owns zones imported without --account, and the first-start key. */
export const ADMIN_ACCOUNT = ADMIN_ACCOUNT_ID;
/** At most this many problems are listed; the rest are counted. */
export const MAX_REPORTED = 50;

export type ImportOptions = {
  text?: string;
  accountId?: string;
  /** `auto`: JSON when the file starts with `{` or `[`. */
  format?: 'master' | 'json' | 'auto';
  replace?: boolean;
  dryRun?: boolean;
  keepApexRecords?: boolean;
  delegationSetId?: string;
  nameServers?: string[];
};

export type ImportResult = {
  /** The zone (for a dry run of a new zone, the row it would get, id "(new)"). */
  zone: ZoneRow; created: boolean; records: number; dryRun: boolean;
  /** The difference with the zone before: `+ name type [set]`, `- …`, `~ …`. */
  diff: string[];
  /** Aliases to names in the zone whose HostedZoneId was no zone of this store, pointed at this zone. */
  aliasesPointed: number;
};

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

function report(problems: string[]): never {
  const shown = problems.slice(0, MAX_REPORTED);
  if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more problems`);
  throw new UsageError(shown.join('\n'));
}

const keyOf = (r: { name: string; type: number; setIdentifier: string }) => `${r.name}/${r.type}/${r.setIdentifier}`;
const label = (r: RecordSetRow) => `${r53NameFromStored(r.name)} ${rrTypeToString(r.type)}${r.setIdentifier ? ` [${r.setIdentifier}]` : ''}`;
const isApex = (zone: string, r: { name: string; type: number; setIdentifier: string }) => r.name === zone && (r.type === RRType.SOA || r.type === RRType.NS) && r.setIdentifier === '';

/** Returns the stored form of a Route 53 name, or '' when it is not one (the planner reports it). */
function storedOrEmpty(r53: string): string {
  try {
    return storedNameFromR53(r53);
  } catch {
    return '';
  }
}

/** Returns `:LINE` of the first set a planner message names, or ''. */
function lineOf(message: string, sets: SourceSet[]): string {
  const hit = sets.find((s) => s.line !== undefined && (message.includes(`'${s.set.Name}'`) || message.includes(`name='${storedOrEmpty(s.set.Name) && r53NameFromStored(storedOrEmpty(s.set.Name))}'`) || message.includes(` ${r53NameFromStored(storedOrEmpty(s.set.Name) || '.')} `)
    // A bad value is named by itself ("encountered with '192.0.2.999'").
    || (s.set.ResourceRecords ?? []).some((r) => message.includes(`encountered with '${r.Value}'`))));
  return hit ? `:${hit.line}` : '';
}

/** Returns the master file (or, with `json`, the ListResourceRecordSets JSON) of zone `name`. */
export async function exportZone(store: Store, zoneName: string, format: 'master' | 'json' = 'master'): Promise<string> {
  const name = canonicalZoneName(zoneName);
  const zone = await findOne(store, name);
  if (!zone) throw new UsageError(`no hosted zone named ${name}`);
  const rows = await store.getRecordSets(zone.id);
  return format === 'json' ? formatZoneJson(rows) : formatZoneFile(name, rows);
}

/** Imports `file` into zone `zoneName` (created when missing); see the file comment. */
export async function importZone(store: Store, zoneName: string, file: string, given: ImportOptions | string = {}): Promise<ImportResult> {
  // The text alone (older callers): the file's own apex records, as imports always had.
  const opts: ImportOptions = typeof given === 'string' ? { text: given, keepApexRecords: true } : given;
  const accountId = opts.accountId ?? ADMIN_ACCOUNT;
  const name = canonicalZoneName(zoneName);
  const origin = nameFromText(name);
  const text = opts.text ?? readZoneFile(file);
  const format = opts.format === 'json' || opts.format === 'master' ? opts.format : /^\s*[[{]/.test(text) ? 'json' : 'master';
  const read = readZoneText(text, file, origin, format);
  const existing = await findOne(store, name);
  if (existing && existing.accountId !== accountId) {
    throw new UsageError(`the hosted zone ${name} belongs to account ${existing.accountId}, not ${accountId}; pass --account ${existing.accountId}`);
  }
  if (existing && opts.delegationSetId !== undefined) throw new UsageError(`--delegation-set-id applies to a new zone only; ${name} exists (id ${existing.id})`);
  const current = existing ? await store.getRecordSets(existing.id) : [];
  // The apex SOA and NS: the zone's own (Route 53's for a new zone), unless the file's are kept.
  let newSet: DelegationSetRow | undefined;
  let set: DelegationSetRow | undefined;
  if (!existing) {
    const ctx = { store, nameServers: opts.nameServers ?? [...DEFAULTS.nameServers], log: pino({ level: 'silent' }) } as unknown as ApiContext;
    if (opts.delegationSetId !== undefined) {
      set = await store.getDelegationSet(opts.delegationSetId.replace(/^\/delegationset\//, ''));
      if (!set || set.accountId !== accountId || !set.reusable) throw new UsageError(`no reusable delegation set ${opts.delegationSetId} in account ${accountId}`);
    } else {
      newSet = set = { id: newDelegationSetId(), accountId, callerReference: null, nameServers: await allocateNameServers(ctx, name).catch((e: Error) => { throw new UsageError(e.message); }), reusable: false, createdAt: new Date().toISOString() };
    }
  }
  const apex = opts.keepApexRecords ? [] : existing ? current.filter((r) => isApex(name, r)) : apexRecordSets(name, set!.nameServers);
  const zoneId = existing?.id ?? newZoneId();
  const { sets, pointed } = await pointAliasesHere(store, name, zoneId, opts.keepApexRecords ? read.sets : read.sets.filter((s) => !isApex(name, { name: storedOrEmpty(s.set.Name), type: RRType[s.set.Type], setIdentifier: s.set.SetIdentifier ?? '' })));
  const problems = [...read.errors, ...await missingReferences(store, accountId, sets, file)];
  if (format === 'master') {
    const plain = opts.keepApexRecords ? read.plain : [
      ...read.plain.filter((r) => !(lowerName(r.owner) === lowerName(origin) && (r.type === RRType.SOA || r.type === RRType.NS))),
      ...apex.map((r) => ({ owner: origin, ttl: r.ttl, type: r.type, rdata: hexToBytes(r.rdata[0]!) })),
    ];
    for (const p of validateZone(origin, plain)) problems.push(p.startsWith('line ') ? `${file}:${p.slice(5)}` : `${file}: ${p}`);
  }
  if (problems.length > 0) report(problems);
  const changes: Change[] = sets.map((s) => ({ action: isApex(name, { name: storedOrEmpty(s.set.Name), type: RRType[s.set.Type], setIdentifier: s.set.SetIdentifier ?? '' }) ? 'UPSERT' : 'CREATE', set: s.set }));
  const plan = planChangeBatch({ id: zoneId, name }, apex, changes, `import ${file}`, { batchLimits: false });
  if (!plan.ok) report(plan.messages.map((m) => `${file}${lineOf(m, sets)}: ${m}`));
  const finalRows = [...apex.filter((a) => !plan.plan.puts.some((p) => keyOf(p) === keyOf(a))), ...plan.plan.puts];
  const records = finalRows.reduce((n, r) => n + r.rdata.length, 0);
  const before = new Map(current.map((r) => [keyOf(r), r]));
  const after = new Map(finalRows.map((r) => [keyOf(r), r]));
  const deletes = current.filter((r) => !after.has(keyOf(r)));
  const puts = finalRows.filter((r) => { const b = before.get(keyOf(r)); return !b || JSON.stringify(b) !== JSON.stringify(r); });
  const diff = [...deletes.map((r) => `- ${label(r)}`), ...puts.map((r) => `${before.has(keyOf(r)) ? '~' : '+'} ${label(r)}`)];
  if (opts.dryRun) {
    const zone = existing ?? { id: '(new)', name, accountId, callerReference: '', comment: '', privateZone: false, delegationSetId: set!.id, version: 0, createdAt: '' };
    return { zone, created: !existing, records, dryRun: true, diff, aliasesPointed: pointed };
  }
  if (deletes.length > 0 && !opts.replace) {
    throw new UsageError([`the import would delete ${deletes.length} record set(s) of ${name} that ${file} does not mention:`, ...deletes.slice(0, MAX_REPORTED).map((r) => `  - ${label(r)}`),
      'pass --replace to delete them, or --dry-run to see the whole difference'].join('\n'));
  }
  // Nothing differs: no change, so the zone's version (and the DNS nodes) stay as they are.
  if (existing && diff.length === 0) return { zone: existing, created: false, records, dryRun: false, diff, aliasesPointed: pointed };
  if (existing) {
    const change = await store.applyChange(existing.id, { deletes, puts, comment: `import ${file}` }, existing.version);
    return { zone: { ...existing, version: change.version }, created: false, records, dryRun: false, diff, aliasesPointed: pointed };
  }
  try {
    const { zone } = await store.createZone({
      id: zoneId, name, accountId, callerReference: `signpost-import-${Date.now()}-${process.pid}`,
      comment: `imported from ${file}`, privateZone: false, delegationSetId: set!.id,
    }, finalRows, newSet, { unlessNameExists: true });
    return { zone, created: true, records, dryRun: false, diff, aliasesPointed: pointed };
  } catch (err) {
    // Another import created the zone meanwhile: import into it instead.
    if (err instanceof StoreConflict && err.what === 'zone-name') return importZone(store, zoneName, file, { ...opts, text });
    throw err;
  }
}
