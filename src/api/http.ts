/**
 * The HTTP listener of the api role. Today it serves /healthz and /status (JSON); the Route 53
 * REST API mounts here next.
 */
import http from 'node:http';
import type { Store } from '../store/index.ts';
import type { ListenAddress } from '../server/listen-address.ts';

export type HttpServer = { port: number; close(): Promise<void> };

/** Starts the HTTP listener. */
export function startHttp(addr: ListenAddress, store: Store): Promise<HttpServer> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body) + '\n');
    };
    if (req.method === 'GET' && req.url === '/healthz') return send(200, { ok: true });
    if (req.method === 'GET' && req.url === '/status') {
      void (async () => {
        const zones = await store.listZones();
        send(200, { zones: zones.map((z) => ({ id: z.id, name: z.name, version: z.version })), dnsNodes: await store.listDnsNodes() });
      })().catch((err: unknown) => send(500, { error: String(err) }));
      return;
    }
    send(404, { error: `no route for ${req.method} ${req.url}` });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: addr.host, port: addr.port }, () => {
      server.off('error', reject);
      const a = server.address();
      resolve({
        port: typeof a === 'object' && a ? a.port : addr.port,
        close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
      });
    });
  });
}
