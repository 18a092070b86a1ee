/**
 * /metrics (and /healthz) for a process that runs the health role without the api role: a
 * plain node:http listener on the configured HTTP address.
 */
import { createServer } from 'node:http';
import type { Registry } from 'prom-client';

/** Starts the listener; resolves with the bound port and a close function. */
export async function startMetricsHttp(host: string, port: number, registry: Registry): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text), (err: Error) => res.writeHead(500).end(err.message));
    } else if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: this process serves /metrics and /healthz only\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const a = server.address();
  return { port: typeof a === 'object' && a ? a.port : port, close: () => new Promise((r) => server.close(() => r())) };
}
