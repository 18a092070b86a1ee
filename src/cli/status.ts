/** `signpost status`: zones with record counts and versions, and the DNS nodes serving them. */
import type { Store } from '../store/index.ts';

/** A DNS node whose last heartbeat is older than this is reported as stale. */
export const STALE_AFTER_MS = 15_000;

/** Returns the status report as text lines. */
export async function statusReport(store: Store, now = Date.now()): Promise<string> {
  const lines: string[] = [`store: ${store.kind} ${store.location}`];
  const zones = await store.listZones();
  lines.push(`zones: ${zones.length}`);
  for (const z of zones) {
    lines.push(`  ${z.name}  id ${z.id}  version ${z.version}  record sets ${await store.countRecordSets(z.id)}${z.privateZone ? '  private' : ''}`);
  }
  const nodes = await store.listDnsNodes();
  lines.push(`dns nodes: ${nodes.length}`);
  for (const n of nodes) {
    const age = now - Date.parse(n.heartbeatAt);
    const state = age > STALE_AFTER_MS ? `stale (last seen ${Math.round(age / 1000)} s ago)` : 'up';
    const behind = zones.filter((z) => n.versions[z.id] !== z.version).map((z) => z.name);
    lines.push(`  ${n.id}  pid ${n.pid}  ${state}  listening on ${n.listeners.join(', ')}  ${behind.length ? `behind on ${behind.join(', ')}` : 'all zones current'}`);
  }
  return lines.join('\n');
}
