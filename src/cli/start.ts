/**
 * `signpost start`: runs the configured roles. The main process holds the store and the HTTP
 * listener; DNS is answered in-process (--workers 0) or by forked worker processes, each with
 * its own SO_REUSEPORT UDP sockets so the kernel spreads queries over the cores.
 */
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { existsSync, rmSync } from 'node:fs';
import pino, { type Logger } from 'pino';
import { openStore, type Store } from '../store/index.ts';
import { startDnsNode, type DnsNode } from '../server/dns-node.ts';
import { startHttp, type HttpServer } from '../api/http.ts';
import { hostname } from 'node:os';
import type { Checker } from '../health/checker.ts';
import type { HealthMetrics } from '../health/metrics.ts';
import { startMetricsHttp } from '../health/metrics-http.ts';
import { formatListenAddress } from '../server/listen-address.ts';
import { ensureAdminKey } from './keys.ts';
import { STALE_AFTER_MS } from './status.ts';
import { loadRoutingServices, loadRoutingServicesLater } from './routing-services.ts';
import { ConfigError, type Config } from './config.ts';
import { devReadyLines } from './dev-mode.ts';
import { UsageError } from './errors.ts';
import { makeDevDir, removeAbandonedDevDirs } from './dev-dirs.ts';

const DEMO_ZONE = fileURLToPath(new URL('../../examples/example.com.zone', import.meta.url));

export type Running = { stop(): Promise<void>; dnsListeners: string[]; httpPort: number | undefined };

/** Which slot (0..workers-1) each forked worker fills, so a replacement takes the same node id. */
const slots = new WeakMap<Worker, number>();

/** Signals that stop a worker on purpose; any other that kills it is a crash. */
const STOP_SIGNALS = new Set<string>(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGKILL']);

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
  // The IPC channel to a worker that is exiting fails (EPIPE, e.g. when the cluster module hands
  // it its TCP listener as it stops); without a listener that error would end this process. The
  // worker's exit is handled below and by the restart logic.
  worker.on('error', (err) => log.debug({ err, worker: index }, 'dns worker channel error'));
  return new Promise((resolve, reject) => {
    let failure: WorkerFailure | undefined;
    let stoppedBy: string | undefined; // a stop signal the worker handled (server/worker.ts)
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      const stop = stoppedBy ?? (signal && STOP_SIGNALS.has(signal) ? signal : undefined);
      if (stop) {
        // Most often a stop sent to the whole process group (systemctl stop, Ctrl-C): this
        // process gets the same signal, maybe only just after this event (main.ts waits for it).
        reject(Object.assign(new UsageError(`DNS worker ${index} was stopped by ${stop} before it was ready`), { signal: stop }));
      } else if (signal) {
        reject(new Error(`DNS worker ${index} was killed by ${signal} before it was ready`));
      } else if (failure?.code) {
        // Re-raise the worker's own error (e.g. EADDRINUSE) so the CLI reports it plainly.
        reject(Object.assign(new Error(failure.message ?? 'DNS worker failed'), failure));
      } else {
        reject(new Error(`DNS worker ${index} exited with code ${code} before it was ready${failure?.message ? `: ${failure.message}` : ''}`));
      }
    };
    worker.once('exit', onExit);
    worker.on('message', (m: { type?: string; listeners?: string[]; signal?: string } & WorkerFailure) => {
      if (m?.type === 'failed') failure = m;
      if (m?.type === 'stopped') stoppedBy = m.signal;
      if (m?.type !== 'ready') return;
      worker.off('exit', onExit);
      log.debug({ worker: index, pid: worker.process.pid }, 'dns worker ready');
      resolve({ worker, listeners: m.listeners ?? [] });
    });
  });
}

/** Starts every role in `config`; resolves when all listeners are up. */
export async function start(given: Config, out: (line: string) => void = console.log): Promise<Running> {
  // --dev: a throwaway store in a fresh temporary directory, removed at stop (and the next
  // --dev start removes those of --dev servers that were killed outright).
  if (given.dev) removeAbandonedDevDirs();
  const devDir = given.dev ? makeDevDir() : undefined;
  const config: Config = devDir ? { ...given, dataDir: devDir } : given;
  const log = pino({ level: config.logLevel, base: { process: 'main' } }, pino.destination(2));
  // A throwaway store need not reach the disk before a write is acknowledged.
  const store: Store = openStore(config.dataDir, { durable: !devDir });
  if (config.demo && (await store.listZones()).length === 0 && existsSync(DEMO_ZONE)) {
    // The zone-file code is loaded only for the demo zone.
    const { importZone } = await import('./zone-commands.ts');
    const r = await importZone(store, 'example.com.', DEMO_ZONE, { keepApexRecords: true, nameServers: config.nameServers });
    out(`created the demo zone example.com. (${r.records} records, id ${r.zone.id})`);
  }
  // Geolocation data for this process's routing decisions (DNS answers with --workers 0, and
  // TestDNSAnswer); each DNS worker loads its own.
  const wantServices = config.roles.includes('api') || (config.roles.includes('dns') && config.workers === 0);
  const services = !wantServices ? {} : config.dev
    ? loadRoutingServicesLater(config, (err) => log.error({ err }, 'geolocation data could not be loaded; clients are located nowhere'))
    : loadRoutingServices(config);
  // A listener bound to a VPC must name one that exists (a typo would silently serve no private zone).
  for (const l of config.dnsListen) {
    if (l.vpcId !== undefined && !(await store.getVpc(l.vpcId))) {
      await store.close();
      throw new ConfigError(`dns-listen ${formatListenAddress(l)}@${l.vpcId}: no VPC ${l.vpcId} (create it with 'signpost vpc create' or the EC2 API)`);
    }
  }
  let http: HttpServer | undefined;
  let dns: DnsNode | undefined;
  const workers: Worker[] = [];
  let stopping = false;
  const dnsListeners: string[] = [];
  const nudgeDns = () => {
    if (dns) void dns.refresh();
    for (const w of workers) if (w.isConnected()) w.send({ type: 'refresh' });
  };
  // prom-client (the metrics) and the health checker are loaded with import() when first used,
  // and with --dev only just after the ready line: they are about a tenth of its start-up.
  let metricsLoading: Promise<HealthMetrics> | undefined;
  const metrics = () => metricsLoading ??= import('../health/metrics.ts').then((m) => m.createHealthMetrics(store));
  let checker: Promise<Checker | undefined> = Promise.resolve(undefined);
  let startCheckerAfterReady: (() => Promise<Checker>) | undefined;
  let metricsHttp: { port: number; close(): Promise<void> } | undefined;
  if (config.roles.includes('api')) {
    http = await startHttp(config.httpListen, {
      store, nameServers: config.nameServers, log: log.child({ role: 'api' }), onZoneChange: nudgeDns,
      now: () => new Date(), liveNodeMs: STALE_AFTER_MS, rateLimit: config.apiRateLimit,
      routing: { services, health: () => store.healthStates() },
      nestingAllowed: config.dnsListen.every((l) => (l.nameServers?.length ?? 0) > 0),
      reservedZoneNames: config.reservedZoneNames,
      ...(config.dev ? { dev: { defaultAccount: config.devAccount, reset: async () => {
        await store.wipe();
        // The in-process DNS node answers from the empty state before the reset is answered.
        await dns?.refresh();
      } } } : {}),
    }, { metrics: async () => (await metrics()).registry });
    const endpoint = `http://${formatListenAddress({ host: config.httpListen.host, port: http.port })}`;
    out(`http listening on ${formatListenAddress({ host: config.httpListen.host, port: http.port })} (Route 53 API at ${endpoint})`);
    out(http.console ? `console at ${endpoint}/console/` : 'console not built (run npm run build:console, then restart)');
    const admin = config.dev ? undefined : await ensureAdminKey(store);
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
    // Stable across restarts (reports are keyed by it); distinct per source address on one host.
    const checkerId = `${hostname()}/${config.region}${config.healthSourceAddress ? `/${config.healthSourceAddress}` : ''}`;
    const startChecking = async () => {
      const [{ startChecker }, m] = await Promise.all([import('../health/checker.ts'), metrics()]);
      return startChecker({
        store, region: config.region, checkerId, log: log.child({ role: 'health' }), metrics: m,
        intervalScale: config.healthIntervalScale, ...(config.healthSourceAddress ? { localAddress: config.healthSourceAddress } : {}),
      });
    };
    const what = `health checker ${checkerId} in region ${config.region}${config.healthSourceAddress ? ` probing from ${config.healthSourceAddress}` : ''}`;
    if (config.dev) {
      // The store is new and empty, and the checker reads the checks that exist when it starts,
      // then every second: starting it a moment after the ready line picks up every check as
      // soon as starting it a moment before did.
      startCheckerAfterReady = startChecking;
      out(`${what}: starts just after the ready line`);
    } else {
      const started = await startChecking();
      checker = Promise.resolve(started);
      out(`${what} (${started.checks().length} checks)`);
    }
    if (!http) {
      metricsHttp = await startMetricsHttp(config.httpListen.host, config.httpListen.port, (await metrics()).registry);
      out(`metrics listening on ${formatListenAddress({ host: config.httpListen.host, port: metricsHttp.port })} (/metrics)`);
    }
  }
  out(`data directory ${config.dataDir} (SQLite ${store.location})${devDir ? ', removed at stop' : ''}`);
  out('signpost ready');
  if (config.dev) for (const line of devReadyLines(config, http?.port, dnsListeners)) out(line);
  if (startCheckerAfterReady) {
    checker = startCheckerAfterReady().catch((err: unknown) => {
      log.error({ err }, 'the health checker could not start');
      return undefined;
    });
  }
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
      await (await checker)?.stop();
      await metricsHttp?.close();
      // The API first, so no write in flight nudges a DNS node that has already stopped.
      await http?.close();
      await dns?.stop();
      for (let i = 0; i < config.workers; i++) await store.removeDnsNode(`${process.pid}-dns-${i}`).catch(() => undefined);
      await store.close();
      if (devDir) rmSync(devDir, { recursive: true, force: true });
    },
  };
}
