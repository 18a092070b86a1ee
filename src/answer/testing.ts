/**
 * Test support for the routing stage: zones from master-file text plus routing-policy sets
 * written as one master-file line each with their routing, and a query through lookup().
 */
import { lowerName, nameFromText, rdataToText, type Name } from '../dns/index.ts';
import { parseMasterFile } from '../zone/master-file.ts';
import { compileZone, type ZoneIndex } from '../zone/zone-index.ts';
import type { CidrCollections, ZoneSetInput } from '../zone/policy-group.ts';
import type { Routing } from '../zone/routing.ts';
import { createContext, resetContext, type Context, type Services } from './context.ts';
import type { HealthSnapshot } from './health.ts';
import { lookup, type Answer } from './lookup.ts';
import { parseIp } from '../zone/cidr-table.ts';
import { seededRng } from './rng.ts';

/** A routing-policy set: one or more master-file lines of one owner and type, and its routing. */
export type SetSpec = { lines: string[]; id?: string; routing?: Routing };

/** Compiles `text` (plain records) and `sets` (per-query sets) into a zone. */
export function zoneWith(apex: string, text: string, sets: SetSpec[], cidr: CidrCollections = new Map()): ZoneIndex {
  const origin = nameFromText(apex);
  const inputs: ZoneSetInput[] = sets.map((s) => {
    const recs = s.lines.length ? parseMasterFile(s.lines.join('\n'), { origin }) : [];
    const first = recs[0];
    const routing = s.routing ?? {};
    if (!first) throw new Error('a set needs at least one line (use a line with the owner and type for an alias)');
    return { owner: first.owner, type: first.type, ttl: first.ttl, rdatas: routing.alias ? [] : recs.map((r) => r.rdata), setIdentifier: s.id ?? '', routing };
  });
  return compileZone(origin, 1, parseMasterFile(text, { origin }), { sets: inputs, cidr, zoneId: 'ZTEST' });
}

/** Returns a context for a client at `address` (ECS when `prefix` is given), with `health`. */
export function clientContext(services: Services, health: HealthSnapshot, address?: string, prefix?: number, seed = 1): Context {
  const c = createContext(services, seededRng(seed));
  const bytes = address === undefined ? undefined : parseIp(address);
  const family = bytes === undefined ? 0 : bytes.length === 4 ? 4 : 6;
  resetContext(c, health, family, bytes, prefix ?? (family === 4 ? 32 : 128), prefix !== undefined);
  return c;
}

/** Asks `zone` for qname/qtype in context `c`; returns the answer. */
export function ask(zone: ZoneIndex, qname: string, qtype: number, c: Context): Answer {
  const name: Name = nameFromText(qname);
  c.signature = 0;
  c.scope = 0;
  return lookup(zone, name, lowerName(name), qtype, c);
}

/** The answer section's rdatas as text. */
export function values(a: Answer): string[] {
  return a.answer.flatMap((p) => p.set.rdatas.map((r) => rdataToText(p.set.type, r)));
}
