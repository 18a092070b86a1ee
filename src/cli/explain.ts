/**
 * `signpost explain NAME TYPE [--client IP] [--subnet CIDR]`: what the DNS server answers for a
 * question, and why: the zone that answers, the client as the engine takes it, and for each
 * routing choice the candidates, which were withheld and why. Works on the data directory with
 * the same engine, health snapshot and geolocation data as the DNS nodes.
 */
import { lowerName, nameFromText, rrTypeFromString } from '../dns/index.ts';
import type { Store, ZoneRow } from '../store/index.ts';
import { loadZoneIndex } from '../store/load-zone-index.ts';
import { testAnswer, type SimulatedClient } from '../answer/test-answer.ts';
import type { Services } from '../answer/context.ts';
import type { HealthSnapshot } from '../answer/health.ts';
import { parseCidr, parseIp } from '../zone/cidr-table.ts';
import { UsageError } from './errors.ts';

export type ExplainOptions = { client?: string; subnet?: string; services: Services; health: HealthSnapshot };

/** Returns the zone that answers `name` for a client outside every VPC: longest suffix, oldest first. */
async function answeringZone(store: Store, name: string): Promise<ZoneRow | undefined> {
  const zones = (await store.listZones()).filter((z) => !z.privateZone).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  let best: ZoneRow | undefined;
  for (const z of zones) {
    if (!(name === z.name || name.endsWith(`.${z.name}`))) continue;
    if (!best || z.name.length > best.name.length) best = z;
  }
  return best;
}

/** Returns the explanation as text lines. */
export async function explain(store: Store, qname: string, qtype: string, o: ExplainOptions): Promise<string> {
  const type = rrTypeFromString(qtype.toUpperCase());
  if (type === undefined) throw new UsageError(`unknown record type "${qtype}"`);
  try {
    lowerName(nameFromText(qname.endsWith('.') ? qname : `${qname}.`));
  } catch (err) {
    throw new UsageError(`bad name "${qname}": ${(err as Error).message}`);
  }
  const text = qname.toLowerCase().endsWith('.') ? qname.toLowerCase() : `${qname.toLowerCase()}.`;
  const client: SimulatedClient = {};
  if (o.client !== undefined) {
    if (!parseIp(o.client)) throw new UsageError(`--client: "${o.client}" is not an IP address`);
    client.resolverIp = o.client;
  }
  if (o.subnet !== undefined) {
    const c = parseCidr(o.subnet.includes('/') ? o.subnet : `${o.subnet}/${o.subnet.includes(':') ? 128 : 32}`);
    if (!c) throw new UsageError(`--subnet: "${o.subnet}" is not a CIDR block`);
    client.subnet = { address: o.subnet.split('/')[0]!, prefix: c.length };
  }
  const zone = await answeringZone(store, text);
  if (!zone) return `${text} ${qtype.toUpperCase()}: no public hosted zone contains this name; a client outside every VPC gets REFUSED (explain does not answer as a VPC's client: use dig -b from an address in the VPC)`;
  const t = testAnswer(await loadZoneIndex(store, zone), text, type, client, o.services, o.health);
  const lines = [
    `question: ${text} ${qtype.toUpperCase()}`,
    `zone:     ${zone.name} (id ${zone.id}, version ${zone.version})`,
    `client:   ${t.client}`,
    `answer:   ${t.rcode}${t.scope > 0 ? ` (ECS scope /${t.scope})` : ''}`,
    ...t.lines.answer.map((l) => `  ${l}`),
    ...(t.lines.authority.length ? ['authority:', ...t.lines.authority.map((l) => `  ${l}`)] : []),
  ];
  for (const c of t.trace) {
    lines.push(`choice at ${c.name} ${c.type}: ${c.policy} routing${c.note ? ` (${c.note})` : ''}`);
    for (const m of c.members) lines.push(`  ${m.chosen ? '*' : '-'} ${m.setIdentifier || '(alias)'}: ${m.reason}`);
  }
  if (t.trace.length === 0) lines.push('no routing policy or alias took part: a static answer');
  return lines.join('\n');
}
