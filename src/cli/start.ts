/**
 * `signpost start`: runs the configured roles. The main process holds the store and the HTTP
 * listener; DNS is answered in-process (--workers 0) or by forked worker processes, each with
 * its own SO_REUSEPORT UDP sockets so the kernel spreads queries over the cores.
 */
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import pino, { type Logger } from 'pino';
import { openStore, type Store } from '../store/index.ts';
import { startDnsNode, type DnsNode } from '../server/dns-node.ts';
import { startHttp, type HttpServer } from '../api/http.ts';
import { formatListenAddress } from '../server/listen-address.ts';
import { importZone } from './zone-commands.ts';
import { ensureAdminKey } from './keys.ts';
import { STALE_AFTER_MS } from './status.ts';
import type { Config } from './config.ts';
import { loadRoutingServices } from './routing-services.ts';
import { ALL_HEALTHY } from '../answer/health.ts';

const DEMO_ZONE = fileURLToPath(new URL('../../examples/example.com.zone', import.meta.url));

export type Running = { stop(): Promise<void>; dnsListeners: string[]; httpPort: number | undefined };

/** Which slot (0..workers-1) each forked worker fills, so a replacement takes the same node id. */
const slots = new WeakMap<Worker, number>();

/** A worker's start-up failure as the worker reported it (see server/worker.ts). */
type WorkerFailure = { code?: string; message?: string; address?: string; port?: number; syscall?: string };

function forkWorker(config: Config, index: number, log: Logger): Promise<{ worker: Worker; listeners: string[] }> {
  const worker = cluster.fork({
    SIGNPOST_WORKER_CONFIG: JSON.stringify({
      dataDir: config.dataDir, listen: config.dnsListen, logLevel: config.logLevel, nodeId: `${process.pid}-dns-${index}`, seed: config.seed,
      geoipDb: config.geoipDb, latencyTable: config.latencyTable, upstream: config.upstream,
    }),
  });
  slots.set(worker, index);
  return new Promise((resolve, reject) => {
    let failure: WorkerFailure | undefined;
    const onExit = (code: number) => {
      if (failure?.code) {
        // Re-raise the worker's own error (e.g. EADDRINUSE) so the CLI reports it plainly.
        reject(Object.assign(new Error(failure.message ?? 'DNS worker failed'), failure));
      } else {
        reject(new Error(`DNS worker ${index} exited with code ${code} before it was ready${failure?.message ? `: ${failure.message}` : ''}`));
      }
    };
    worker.once('exit', onExit);
    worker.on('message', (m: { type?: string; listeners?: string[] } & WorkerFailure) => {
      if (m?.type === 'failed') failure = m;
      if (m?.type !== 'ready') return;
      worker.off('exit', onExit);
      log.debug({ worker: index, pid: worker.process.pid }, 'dns worker ready');
      resolve({ worker, listeners: m.listeners ?? [] });
    });
  });
}

/** Starts every role in `config`; resolves when all listeners are up. */
export async function start(config: Config, out: (line: string) => void = console.log): Promise<Running> {
  const log = pino({ level: config.logLevel, base: { role: 'main' } }, pino.destination(2));
  const store: Store = openStore(config.dataDir);
  if (config.demo && (await store.listZones()).length === 0 && existsSync(DEMO_ZONE)) {
    const r = await importZone(store, 'example.com.', DEMO_ZONE);
    out(`created the demo zone example.com. (${r.records} records, id ${r.zone.id})`);
  }
  // Geolocation data for this process's routing decisions (DNS answers with --workers 0, and
  // TestDNSAnswer); each DNS worker loads its own.
  const services = config.roles.includes('api') || (config.roles.includes('dns') && config.workers === 0) ? loadRoutingServices(config) : {};
  let http: HttpServer | undefined;
  let dns: DnsNode | undefined;
  const workers: Worker[] = [];
  let stopping = false;
  const dnsListeners: string[] = [];
  const nudgeDns = () => {
    if (dns) void dns.refresh();
    for (const w of workers) if (w.isConnected()) w.send({ type: 'refresh' });
  };
  if (config.roles.includes('api')) {
    http = await startHttp(config.httpListen, {
      store, nameServers: config.nameServers, log: log.child({ role: 'api' }), onZoneChange: nudgeDns,
      now: () => new Date(), liveNodeMs: STALE_AFTER_MS, rateLimit: config.apiRateLimit,
      routing: { services, health: async () => ALL_HEALTHY },
    });
    const endpoint = `http://${formatListenAddress({ host: config.httpListen.host, port: http.port })}`;
    out(`http listening on ${formatListenAddress({ host: config.httpListen.host, port: http.port })} (Route 53 API at ${endpoint})`);
    const admin = await ensureAdminKey(store);
    if (admin) {
      out(`created the admin access key for account ${admin.accountId} (shown once; list keys with 'signpost keys list'):`);
      out(`  AWS_ACCESS_KEY_ID=${admin.accessKeyId} AWS_SECRET_ACCESS_KEY=${admin.secret} AWS_DEFAULT_REGION=us-east-1 \\`);
      out(`    aws route53 list-hosted-zones --endpoint-url ${endpoint}`);
    }
  }
  if (config.roles.includes('dns')) {
    if (config.workers === 0) {
      dns = await startDnsNode({ id: `${process.pid}-dns`, store, listen: config.dnsListen, reusePort: false, log: log.child({ role: 'dns' }), seed: config.seed, services, upstream: config.upstream });
      dnsListeners.push(...dns.listeners);
    } else {
      cluster.setupPrimary({ exec: fileURLToPath(new URL('../server/worker.ts', import.meta.url)), args: [], silent: false });
      const started = await Promise.all(Array.from({ length: config.workers }, (_, i) => forkWorker(config, i, log)));
      for (const s of started) workers.push(s.worker);
      dnsListeners.push(...started[0]!.listeners);
      cluster.on('exit', (w, code, signal) => {
        if (stopping) return;
        const i = slots.get(w) ?? 0;
        log.error({ pid: w.process.pid, code, signal }, 'dns worker died; starting a new one');
        // Its node row would read as a live node for 15 s and hold changes PENDING.
        void store.removeDnsNode(`${process.pid}-dns-${i}`).catch(() => undefined);
        setTimeout(() => {
          if (stopping) return;
          forkWorker(config, i, log).then((s) => { workers[i] = s.worker; }).catch((err: unknown) => log.error({ err }, 'dns worker restart failed'));
        }, 1000);
      });
    }
    out(`dns listening on ${dnsListeners.map((l) => `udp+tcp ${l}`).join(', ')}${config.workers > 0 ? ` (${config.workers} worker processes)` : ''}`);
  }
  if (config.roles.includes('health')) {
    out('health role: health checks are not built yet; nothing to check');
  }
  out(`data directory ${config.dataDir} (SQLite ${store.location})`);
  out('signpost ready');
  return {
    dnsListeners,
    httpPort: http?.port,
    async stop() {
      stopping = true;
      await Promise.all(workers.map((w) => new Promise<void>((r) => {
        if (w.isDead()) return r();
        w.once('exit', () => r());
        w.process.kill('SIGTERM');
      })));
      // The API first, so no write in flight nudges a DNS node that has already stopped.
      await http?.close();
      await dns?.stop();
      for (let i = 0; i < config.workers; i++) await store.removeDnsNode(`${process.pid}-dns-${i}`).catch(() => undefined);
      await store.close();
    },
  };
}
