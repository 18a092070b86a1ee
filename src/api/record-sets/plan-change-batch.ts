/**
 * ChangeBatch -> ChangePlan, the pure half of "plan, then apply" (STYLE 1). The changes are
 * applied in order to a copy of the zone's sets; every problem is collected with Route 53's text,
 * and a batch with any problem yields no plan at all (route53.md 3.4: all or nothing). The plan
 * is the difference between the zone before and after: sets to delete and sets to write.
 */
import { RRType, rrTypeToString } from '../../dns/index.ts';
import type { ChangePlan, RecordSetRow } from '../../store/types.ts';
import { createBatchState, rowKey, setKey, type BatchState } from './batch-state.ts';
import { buildCandidate } from './build-candidate.ts';
import { checkPut, type Candidate, type ZoneFacts } from './check-put.ts';
import * as msg from './messages.ts';
import type { Change, ChangeAction } from './model.ts';
import { keyFromStored, r53NameFromStored, r53NameText } from './r53-names.ts';
import { canonicalRouting } from './routing.ts';
import { routingFromJson } from '../../zone/routing.ts';

/** A plan, or every problem with Route 53's texts. */
export type PlanResult = { ok: true; plan: ChangePlan } | { ok: false; messages: string[] };

/** Per batch: ResourceRecord elements and characters of values, UPSERT counting twice (route53.md 3.3). */
const MAX_BATCH_RECORDS = 1000;
const MAX_BATCH_CHARACTERS = 32000;
/** How many problems an InvalidChangeBatch message lists before "..., N more exception(s).". */
const MAX_LISTED = 10;

/** Returns the plan for `changes` against the zone's `current` sets, or every problem found. */
export function planChangeBatch(zone: { id: string; name: string }, current: RecordSetRow[], changes: Change[], comment: string,
  opts: { batchLimits?: boolean } = {}): PlanResult {
  const key = keyFromStored(zone.name);
  const z: ZoneFacts = { id: zone.id, stored: zone.name, key, text: r53NameText(key) };
  const state = createBatchState(current);
  // A zone file import is not a ChangeBatch: Route 53's per-batch limits do not apply to it.
  const problems = opts.batchLimits === false ? [] : batchLimits(changes);
  const touched = new Map<string, ChangeAction[]>();
  const written: Candidate[] = [];
  for (const { action, set } of changes) {
    const c = buildCandidate(z, set, problems);
    if (!c) continue;
    const k = rowKey(c.row);
    const before = touched.get(k) ?? [];
    touched.set(k, [...before, action]);
    // Only "DELETE, then CREATE or UPSERT" may touch a set twice (the documented replace).
    if (before.length > 1 || (before.length === 1 && (before[0] !== 'DELETE' || action === 'DELETE'))) {
      problems.push(msg.invalidSetOfChanges(c.label.type, c.label.name));
      continue;
    }
    const found = state.get(k);
    if (action === 'DELETE') {
      if (!found) problems.push(msg.notFound(c.label));
      else if (!matches(found, c)) problems.push(msg.valuesDiffer(c.label));
      else state.remove(k);
      continue;
    }
    if (action === 'CREATE' && found) {
      problems.push(msg.alreadyExists(c.label));
      continue;
    }
    const wrong = checkPut(z, state, c);
    if (wrong.length > 0) problems.push(...wrong);
    else {
      state.put(c.row);
      written.push(c);
    }
  }
  problems.push(...apexProblems(z, current, state), ...aliasProblems(z, state, written));
  if (problems.length > 0) return { ok: false, messages: problems };
  alignWeightedTtls(state, written);
  return { ok: true, plan: diff(current, state, comment) };
}

/** Returns the batch-size problems (counted before anything else, as Route 53 does). */
function batchLimits(changes: Change[]): string[] {
  let records = 0;
  let characters = 0;
  for (const { action, set } of changes) {
    const times = action === 'UPSERT' ? 2 : 1;
    const values = set.ResourceRecords ?? [];
    records += times * (set.AliasTarget ? 1 : values.length);
    for (const v of values) characters += times * v.Value.length;
  }
  const out: string[] = [];
  if (records > MAX_BATCH_RECORDS) out.push(msg.TOO_MANY_RECORDS);
  if (characters > MAX_BATCH_CHARACTERS) out.push(msg.TOO_MANY_CHARACTERS);
  return out;
}

/** True when a DELETE names the set exactly: TTL, every value, routing, alias (route53.md 3.4). */
function matches(found: RecordSetRow, c: Candidate): boolean {
  const routing = canonicalRouting(found.routing);
  // A traffic policy's set may be deleted by its instance id alone.
  if (!c.hasValues && !c.routing.alias) return c.routing.trafficPolicyInstanceId !== undefined && routing === c.row.routing;
  if (routing !== c.row.routing || found.ttl !== c.row.ttl || found.rdata.length !== c.row.rdata.length) return false;
  const want = new Set(c.row.rdata);
  return found.rdata.every((h) => want.has(h));
}

/** The apex SOA and NS may be replaced but must not go (route53.md 3.3). */
function apexProblems(z: ZoneFacts, current: RecordSetRow[], state: BatchState): string[] {
  const out: string[] = [];
  const had = (type: number) => current.some((r) => r.name === z.stored && r.type === type && r.setIdentifier === '');
  if (had(RRType.NS) && !state.get(setKey(z.stored, RRType.NS, ''))) out.push(msg.APEX_NS);
  if (had(RRType.SOA) && !state.get(setKey(z.stored, RRType.SOA, ''))) out.push(msg.APEX_SOA);
  return out;
}

/**
 * An alias into its own zone must name a set of its type that exists once the whole batch is
 * applied, so an alias and its target may come in one batch in either order.
 */
function aliasProblems(z: ZoneFacts, state: BatchState, written: Candidate[]): string[] {
  const out: string[] = [];
  for (const c of written) {
    const alias = c.routing.alias;
    if (!alias || alias.hostedZoneId !== z.id || state.get(rowKey(c.row)) !== c.row) continue;
    if (!state.at(alias.dnsName).some((r) => r.type === c.row.type)) {
      out.push(msg.aliasTargetMissing(r53NameFromStored(alias.dnsName), rrTypeToString(c.row.type), z.id));
    }
  }
  return out;
}

/**
 * A weighted group has one TTL: when members are written with different TTLs, Route 53 gives
 * every non-alias member of the group the TTL written last ("Values specific for weighted
 * records", Developer Guide).
 */
function alignWeightedTtls(state: BatchState, written: Candidate[]): void {
  const last = new Map<string, RecordSetRow>(); // by name and type: the member written last
  for (const c of written) {
    if (c.routing.weight !== undefined && !c.routing.alias && state.get(rowKey(c.row)) === c.row) last.set(setKey(c.row.name, c.row.type, ''), c.row);
  }
  for (const w of last.values()) {
    for (const r of state.at(w.name)) {
      if (r.type !== w.type || r.ttl === w.ttl) continue;
      const routing = routingFromJson(r.routing);
      if (routing.weight !== undefined && !routing.alias) state.put({ ...r, ttl: w.ttl });
    }
  }
}

/** Returns the plan that turns `current` into the state's sets. */
function diff(current: RecordSetRow[], state: BatchState, comment: string): ChangePlan {
  const before = new Map(current.map((r) => [rowKey(r), r]));
  const plan: ChangePlan = { deletes: [], puts: [], comment };
  for (const [k, r] of before) {
    if (!state.get(k)) plan.deletes.push({ name: r.name, type: r.type, setIdentifier: r.setIdentifier });
  }
  for (const r of state.rows()) {
    const old = before.get(rowKey(r));
    if (!old || !sameRow(old, r)) plan.puts.push(r);
  }
  return plan;
}

/** True when two rows store the same set content. */
function sameRow(a: RecordSetRow, b: RecordSetRow): boolean {
  return a.ttl === b.ttl && canonicalRouting(a.routing) === canonicalRouting(b.routing)
    && a.rdata.length === b.rdata.length && a.rdata.every((h, i) => h === b.rdata[i])
    && String(a.values) === String(b.values);
}

/**
 * Returns the InvalidChangeBatch message for `messages`: `[m1, m2, ...]`, the first ten, then
 * `..., N more exception(s).` (route53.md 1.5; the cut-off point is our choice).
 */
export function formatChangeBatchErrors(messages: string[]): string {
  const shown = messages.slice(0, MAX_LISTED);
  const rest = messages.length - shown.length;
  return `[${shown.join(', ')}${rest > 0 ? `, ..., ${rest} more exception(s).` : ''}]`;
}
