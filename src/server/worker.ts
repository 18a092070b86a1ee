/**
 * Entry point of a DNS worker process (forked by `signpost start` when --workers > 0). Each
 * worker opens the store, compiles the zones itself and binds its own SO_REUSEPORT UDP sockets;
 * TCP connections are shared out by the cluster module.
 *
 * Start-up failures go to the primary as a message (so "address in use" reaches the user as
 * such). Whatever ends the worker (SIGTERM, SIGINT to the whole process group, the primary
 * vanishing), its DNS node row is removed on the way out so it never lingers as a stale node.
 */
import pino from 'pino';
import { openStore } from '../store/index.ts';
import { startDnsNode, type DnsNode } from './dns-node.ts';
import { loadRoutingServices } from '../cli/routing-services.ts';
import type { ListenAddress } from './listen-address.ts';

type WorkerConfig = { dataDir: string; listen: ListenAddress[]; logLevel: string; nodeId: string; seed?: number; geoipDb: string[]; latencyTable: string; upstream?: ListenAddress };

const config = JSON.parse(process.env.SIGNPOST_WORKER_CONFIG ?? '{}') as WorkerConfig;
const log = pino({ level: config.logLevel, base: { role: 'dns', node: config.nodeId } }, pino.destination(2));
let node: DnsNode | undefined;
let ready = false;
let stopping = false;
const store = openStore(config.dataDir);

/** Sends `message` to the primary; resolves once it is written (or at once without a channel). */
function tell(message: object): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

const stop = async (signal?: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  // Stopped before ready: say so, or the primary takes the clean exit for a failed start.
  if (signal && !ready) await tell({ type: 'stopped', signal });
  await node?.stop();
  await store.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
process.on('disconnect', () => void stop());
// The cluster module exits a worker at once when the primary goes away; 'exit' handlers still
// run, and the store's writes are synchronous underneath, so the row goes before the process.
process.on('exit', () => {
  void store.removeDnsNode(config.nodeId).catch(() => undefined);
});
try {
  const services = loadRoutingServices(config);
  node = await startDnsNode({ id: config.nodeId, store, listen: config.listen, reusePort: true, log, seed: config.seed, services, upstream: config.upstream });
} catch (err) {
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
  process.send?.({ type: 'failed', code: e.code, message: e.message, address: e.address, port: e.port, syscall: e.syscall });
  process.exit(1);
}
if (stopping) await node.stop();
else {
  ready = true;
  process.send?.({ type: 'ready', listeners: node.listeners });
}
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'refresh' && !stopping) void node?.refresh();
});
