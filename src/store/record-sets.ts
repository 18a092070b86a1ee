/**
 * Conversions between records (wire rdata per record) and stored record sets (one row per name,
 * type and set identifier, rdata as hex).
 */
import { keyFromText, lowerName, nameFromText, nameToText, type Name } from '../dns/index.ts';
import type { RecordSetRow } from './types.ts';
import type { ZoneRecordInput } from '../zone/zone-index.ts';
import { isDynamic, type ZoneSetInput } from '../zone/policy-group.ts';
import { routingFromJson } from '../zone/routing.ts';

function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

function fromHex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substring(i * 2, i * 2 + 2), 16);
  return out;
}

/** Groups records into record sets (simple routing; no set identifier). */
export function recordsToSets(records: ZoneRecordInput[]): RecordSetRow[] {
  const sets = new Map<string, RecordSetRow>();
  for (const r of records) {
    const name = nameToText(lowerName(r.owner));
    const id = `${name}/${r.type}`;
    let set = sets.get(id);
    if (!set) sets.set(id, (set = { name, type: r.type, setIdentifier: '', ttl: r.ttl, rdata: [], routing: null }));
    const hex = toHex(r.rdata);
    if (!set.rdata.includes(hex)) set.rdata.push(hex);
  }
  return [...sets.values()];
}

/** Expands stored record sets into records (every set's records, routing ignored: for export). */
export function setsToRecords(sets: RecordSetRow[]): ZoneRecordInput[] {
  const out: ZoneRecordInput[] = [];
  for (const s of sets) {
    const owner: Name = nameFromText(s.name);
    for (const hex of s.rdata) out.push({ owner, ttl: s.ttl, type: s.type, rdata: fromHex(hex) });
  }
  return out;
}

/** What compileZone takes: plain records, sets answered per query, and the CIDR collections they use. */
export type CompileInput = { records: ZoneRecordInput[]; sets: ZoneSetInput[]; collections: Set<string> };

/** Splits stored record sets into static records and sets with routing policies or alias targets. */
export function setsToCompileInput(rows: RecordSetRow[]): CompileInput {
  const out: CompileInput = { records: [], sets: [], collections: new Set() };
  for (const s of rows) {
    const routing = routingFromJson(s.routing);
    const owner: Name = nameFromText(s.name);
    if (!isDynamic(s.setIdentifier, routing)) {
      for (const hex of s.rdata) out.records.push({ owner, ttl: s.ttl, type: s.type, rdata: fromHex(hex) });
      continue;
    }
    if (routing.cidr) out.collections.add(routing.cidr.collectionId);
    out.sets.push({ owner, type: s.type, ttl: s.ttl, rdatas: s.rdata.map(fromHex), setIdentifier: s.setIdentifier, routing });
  }
  return out;
}

/** Returns the canonical stored form of a zone name ("example.com."). */
export function canonicalZoneName(text: string): string {
  return nameToText(keyFromText(text.endsWith('.') ? text : text + '.'));
}
