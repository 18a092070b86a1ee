/**
 * Compiles a hosted zone from the store, the one way every reader does it (DNS nodes' zone feed,
 * TestDNSAnswer, `signpost explain`): static records, sets answered per query, and the CIDR
 * collections IP-based groups refer to (a missing collection has no blocks: `*` answers).
 */
import { nameFromText } from '../dns/index.ts';
import { compileZone, type ZoneIndex } from '../zone/zone-index.ts';
import type { CidrCollections } from '../zone/policy-group.ts';
import { setsToCompileInput } from './record-sets.ts';
import type { Store, ZoneRow } from './types.ts';

/** Returns the compiled index of `zone` at its stored version (throws if its data does not compile). */
export async function loadZoneIndex(store: Store, zone: ZoneRow): Promise<ZoneIndex> {
  const input = setsToCompileInput(await store.getRecordSets(zone.id));
  const cidr = new Map<string, { name: string; cidrs: string[] }[]>();
  for (const id of input.collections) {
    const c = await store.getCidrCollection(id);
    if (c) cidr.set(id, c.locations);
  }
  return compileZone(nameFromText(zone.name), zone.version, input.records, { sets: input.sets, cidr: cidr as CidrCollections, zoneId: zone.id });
}
