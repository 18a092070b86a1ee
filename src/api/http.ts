/**
 * The HTTP listener of the api role: the Route 53 API under /2013-04-01/, plus /healthz and
 * /status (JSON, unauthenticated, no account data beyond zone names and versions), given a
 * registry, Prometheus /metrics (unauthenticated), and the web console's static files under /console/.
 */
import type { Registry } from 'prom-client';
import type { ListenAddress } from '../server/listen-address.ts';
import type { ApiContext } from './context.ts';
import { createApi } from './server.ts';
import { registerConsole } from './console-files.ts';

export type HttpServer = { port: number; close(): Promise<void>; console: boolean };

/**
 * Starts the HTTP listener. `metrics` returns the registry /metrics serves; it is called on the
 * first scrape, so that prom-client is loaded only when needed (see cli/start.ts).
 */
export async function startHttp(addr: ListenAddress, ctx: ApiContext, opts: { metrics?: () => Promise<Registry> } = {}): Promise<HttpServer> {
  const app = await createApi(ctx);
  const metrics = opts.metrics;
  if (metrics) {
    app.get('/metrics', async (_req, reply) => {
      const registry = await metrics();
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    });
  }
  app.get('/healthz', async (_req, reply) => reply.header('content-type', 'application/json').send({ ok: true }));
  app.get('/status', async (_req, reply) => {
    const zones = await ctx.store.listZones();
    return reply.header('content-type', 'application/json').send({
      zones: zones.map((z) => ({ id: z.id, name: z.name, version: z.version })),
      dnsNodes: await ctx.store.listDnsNodes(),
    });
  });
  const consoleBuilt = registerConsole(app);
  await app.listen({ host: addr.host, port: addr.port });
  const a = app.server.address();
  return { port: typeof a === 'object' && a ? a.port : addr.port, close: () => app.close(), console: consoleBuilt };
}
