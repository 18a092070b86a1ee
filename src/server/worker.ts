/**
 * Entry point of a DNS worker process (forked by `signpost start` when --workers > 0). Each
 * worker opens the store, compiles the zones itself and binds its own SO_REUSEPORT UDP sockets;
 * TCP connections are shared out by the cluster module.
 */
import pino from 'pino';
import { openStore } from '../store/index.ts';
import { startDnsNode } from './dns-node.ts';
import type { ListenAddress } from './listen-address.ts';

type WorkerConfig = { dataDir: string; listen: ListenAddress[]; logLevel: string; nodeId: string };

const config = JSON.parse(process.env.SIGNPOST_WORKER_CONFIG ?? '{}') as WorkerConfig;
const log = pino({ level: config.logLevel, base: { role: 'dns', node: config.nodeId } }, pino.destination(2));
const store = openStore(config.dataDir);
const node = await startDnsNode({ id: config.nodeId, store, listen: config.listen, reusePort: true, log });
process.send?.({ type: 'ready', listeners: node.listeners });
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'refresh') void node.refresh();
});
const stop = async () => {
  await node.stop();
  await store.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
