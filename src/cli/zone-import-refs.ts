/**
 * What an imported record set names outside itself, checked and fixed as the API would:
 * - a HealthCheckId must be a health check of the importing account (the API's
 *   NoSuchHealthCheck), and a CidrRoutingConfig must name a collection of that account and one
 *   of its locations (NoSuchCidrCollection, NoSuchCidrLocation); every such problem is reported
 *   as FILE:LINE, like any other problem of the file;
 * - an alias to a name inside the zone being imported, whose HostedZoneId is no hosted zone of
 *   this store, is an alias within the zone as exported elsewhere (another Signpost store, or
 *   Route 53 itself, whose zone ids mean nothing here): it is pointed at the importing zone.
 */
import { isAtOrBelow, lowerName, nameFromText } from '../dns/index.ts';
import type { Store } from '../store/index.ts';
import { bareZoneId } from '../api/record-sets/index.ts';
import type { SourceSet } from './zone-file-read.ts';

const where = (file: string, s: SourceSet) => `${file}${s.line === undefined ? '' : `:${s.line}`}`;

/** Returns a problem (FILE:LINE: reason) for each health check, CIDR collection or location `sets` name that `accountId` does not have. */
export async function missingReferences(store: Store, accountId: string, sets: readonly SourceSet[], file: string): Promise<string[]> {
  const problems: string[] = [];
  const checks = new Map<string, boolean>();
  const collections = new Map<string, { name: string; locations: Set<string> } | undefined>();
  for (const s of sets) {
    const id = s.set.HealthCheckId;
    if (id !== undefined) {
      if (!checks.has(id)) checks.set(id, (await store.getHealthCheck(id))?.accountId === accountId);
      if (!checks.get(id)) problems.push(`${where(file, s)}: No health check exists with the ID ${id} (create it first, or remove HealthCheckId)`);
    }
    const cidr = s.set.CidrRoutingConfig;
    if (cidr === undefined) continue;
    if (!collections.has(cidr.CollectionId)) {
      const row = await store.getCidrCollectionRow(cidr.CollectionId);
      collections.set(cidr.CollectionId, row?.accountId === accountId ? { name: row.name, locations: new Set(await store.listCidrLocations(row.id)) } : undefined);
    }
    const known = collections.get(cidr.CollectionId);
    if (!known) problems.push(`${where(file, s)}: No CIDR collection found with ID: ${cidr.CollectionId}`);
    else if (cidr.LocationName !== '*' && !known.locations.has(cidr.LocationName)) {
      problems.push(`${where(file, s)}: The CIDR collection ${known.name} (${cidr.CollectionId}) has no location ${cidr.LocationName}`);
    }
  }
  return problems;
}

/**
 * Points aliases to names inside zone `zoneName` whose HostedZoneId is no zone of this store at
 * `zoneId`; returns the sets (changed ones copied) and how many were pointed.
 */
export async function pointAliasesHere(store: Store, zoneName: string, zoneId: string, sets: readonly SourceSet[]): Promise<{ sets: SourceSet[]; pointed: number }> {
  const apex = lowerName(nameFromText(zoneName));
  const known = new Map<string, boolean>();
  let pointed = 0;
  const out: SourceSet[] = [];
  for (const s of sets) {
    const alias = s.set.AliasTarget;
    let inZone = false;
    try {
      inZone = alias !== undefined && isAtOrBelow(lowerName(nameFromText(alias.DNSName)), apex);
    } catch {
      // A bad DNSName is the planner's to report.
    }
    if (!alias || !inZone) {
      out.push(s);
      continue;
    }
    const id = bareZoneId(alias.HostedZoneId);
    if (id === zoneId) {
      out.push(s);
      continue;
    }
    if (!known.has(id)) known.set(id, (await store.getZone(id)) !== undefined);
    if (known.get(id)) {
      out.push(s);
      continue;
    }
    out.push({ ...s, set: { ...s.set, AliasTarget: { ...alias, HostedZoneId: zoneId } } });
    pointed++;
  }
  return { sets: out, pointed };
}
