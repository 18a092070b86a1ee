/**
 * A DNS node: UDP and TCP listeners on every configured address, one responder, the zone feed,
 * and a heartbeat that reports the zone versions it serves (GetChange turns INSYNC from these).
 */
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Store } from '../store/types.ts';
import { formatListenAddress, type ListenAddress } from './listen-address.ts';
import { createResponder, type Responder } from './responder.ts';
import { listenTcp, type TcpListener } from './tcp.ts';
import { listenUdp, type UdpListener } from './udp.ts';
import { startZoneFeed, type ZoneFeed } from './zone-feed.ts';
import { seededRng } from '../answer/rng.ts';
import type { Services } from '../answer/context.ts';
import { createAliasResolver } from './alias-resolver.ts';
import type { Upstream } from './upstream-client.ts';
import { startHealthFeed, type HealthFeed } from '../health/feed.ts';

export type DnsNodeOptions = {
  id: string;
  store: Store;
  listen: ListenAddress[];
  reusePort: boolean;
  log: Logger;
  pollMs?: number;
  heartbeatMs?: number;
  tcpIdleTimeoutMs?: number;
  tcpMaxConnections?: number;
  maxUdpPayload?: number;
  /** Seed of the routing policies' draws (undefined: Math.random). */
  seed?: number | undefined;
  /** Geolocation and latency data for routing policies. */
  services?: Services;
  /** The resolver that answers alias targets outside the hosted zones (--upstream). */
  upstream?: Upstream | undefined;
};

export type DnsNode = {
  responder: Responder;
  feed: ZoneFeed;
  /** Health statuses from the store (src/health/feed.ts), polled every pollMs. */
  health: HealthFeed;
  /** Bound addresses as text, ports resolved (port 0 becomes the real port). */
  listeners: string[];
  /** Loads zone changes now; the new versions are reported as soon as they are served. */
  refresh(): Promise<void>;
  stop(): Promise<void>;
};

/** Starts a DNS node; resolves when every listener is bound and the zones are loaded. */
export async function startDnsNode(o: DnsNodeOptions): Promise<DnsNode> {
  const aliases = createAliasResolver({ upstream: o.upstream, log: o.log.child({ stage: 'alias-resolver' }) });
  const services: Services = { ...o.services, external: (name, qtype) => aliases.get(name, qtype) };
  const responder = createResponder({
    services,
    ...(o.maxUdpPayload !== undefined ? { maxUdpPayload: o.maxUdpPayload } : {}),
    ...(o.seed !== undefined ? { rng: seededRng(o.seed) } : {}),
    listeners: o.listen.map((l) => ({ vpcId: l.vpcId, nameServers: l.nameServers })),
    onError: (err, qkey) => o.log.error({ err, stage: 'answer', qname: JSON.stringify(qkey) }, 'query failed; answered SERVFAIL'),
  });
  const startedAt = new Date().toISOString();
  const udp: UdpListener[] = [];
  const tcp: TcpListener[] = [];
  const listeners: string[] = [];
  const report = async () => {
    if (stopped) return; // a stopped node must not write its row back
    await o.store.reportDnsNode({
      id: o.id, pid: process.pid, host: hostname(), listeners, versions: feed.served(), startedAt, heartbeatAt: new Date().toISOString(),
    }).catch((err: unknown) => o.log.warn({ err }, 'could not report DNS node status'));
  };
  let ready = false;
  let stopped = false;
  const feed = startZoneFeed(o.store, {
    pollMs: o.pollMs ?? 250,
    onCatalog: (c) => {
      responder.setCatalog(c);
      aliases.track([...c.zones.values()].flatMap((z) => z.externalAliases));
      if (ready) void report();
    },
    onError: (err, zoneId) => o.log.error({ err, zoneId }, 'zone load failed; keeping the previous version'),
    onSharedBlocks: (shared) => {
      for (const s of shared) o.log.warn({ block: s.block, vpcs: s.vpcs }, `VPCs ${s.vpcs.join(', ')} have the same block ${s.block}: its clients are taken to be in none of them (bind a DNS listener to each VPC with --dns-listen ADDR:PORT@vpc-ID)`);
    },
  });
  await feed.refresh();
  // The last known statuses before the first answer: a restart never answers "all up".
  const health = startHealthFeed(o.store, {
    pollMs: o.pollMs ?? 250,
    onSnapshot: (s) => responder.setHealth(s),
    onError: (err) => o.log.error({ err }, 'health status load failed; keeping the previous snapshot'),
  });
  await health.refresh();
  const tcpOptions = { idleTimeoutMs: o.tcpIdleTimeoutMs ?? 10_000, maxConnections: o.tcpMaxConnections ?? 1000 };
  for (const [listener, addr] of o.listen.entries()) {
    // Port 0: the kernel picks the UDP port, and TCP must get the same one; when that TCP port
    // is taken (an outgoing connection may hold it), pick again.
    for (let attempt = 1; ; attempt++) {
      const u = await listenUdp(addr, responder, { reusePort: o.reusePort, listener });
      try {
        const t = await listenTcp({ ...addr, port: u.port }, responder, { ...tcpOptions, listener });
        udp.push(u);
        tcp.push(t);
        listeners.push(formatListenAddress({ host: addr.host, port: u.port }));
        break;
      } catch (err) {
        await u.close();
        if (addr.port !== 0 || attempt >= 10 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      }
    }
  }
  ready = true;
  await report();
  const heartbeat = setInterval(() => void report(), o.heartbeatMs ?? 5000);
  heartbeat.unref();
  return {
    responder,
    feed,
    health,
    listeners,
    async refresh() {
      if (stopped) return;
      await feed.refresh(); // a new catalog reports itself (onCatalog)
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(heartbeat);
      feed.stop();
      aliases.stop();
      health.stop();
      await Promise.all([...udp.map((u) => u.close()), ...tcp.map((t) => t.close())]);
      await o.store.removeDnsNode(o.id).catch(() => undefined);
    },
  };
}
