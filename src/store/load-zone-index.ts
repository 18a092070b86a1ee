/**
 * Compiles a hosted zone from the store, the one way every reader does it (DNS nodes' zone feed,
 * TestDNSAnswer, `signpost explain`): static records, sets answered per query, and the CIDR
 * collections IP-based groups refer to (a missing collection has no blocks: `*` answers).
 * Reading (store errors: retry later) and compiling (bad data: keep the old index) are two steps.
 */
import { nameFromText } from '../dns/index.ts';
import { compileZone, type ZoneIndex } from '../zone/zone-index.ts';
import type { CidrCollections } from '../zone/policy-group.ts';
import { setsToCompileInput, type CompileInput } from './record-sets.ts';
import type { Store, ZoneRow } from './types.ts';

/** What compileStoredZone needs, read from the store (throws on store errors). */
export type StoredZoneInput = { zone: ZoneRow; input: CompileInput; cidr: CidrCollections };

/** Reads a zone's record sets and the CIDR collections they name. */
export async function readZoneInput(store: Store, zone: ZoneRow): Promise<StoredZoneInput> {
  const input = setsToCompileInput(await store.getRecordSets(zone.id));
  const cidr = new Map<string, { name: string; cidrs: string[] }[]>();
  for (const id of input.collections) {
    const c = await store.getCidrCollection(id);
    if (c) cidr.set(id, c.locations);
  }
  return { zone, input, cidr };
}

/** Compiles what readZoneInput read (throws when the data does not compile). */
export function compileStoredZone({ zone, input, cidr }: StoredZoneInput): ZoneIndex {
  return compileZone(nameFromText(zone.name), zone.version, input.records, { sets: input.sets, cidr, zoneId: zone.id, privateZone: zone.privateZone });
}

/** Returns the compiled index of `zone` at its stored version. */
export async function loadZoneIndex(store: Store, zone: ZoneRow): Promise<ZoneIndex> {
  return compileStoredZone(await readZoneInput(store, zone));
}
