/**
 * The HTTP listener of the api role: the Route 53 API under /2013-04-01/, plus /healthz and
 * /status (JSON, unauthenticated, no account data beyond zone names and versions), and the web
 * console's static files under /console/.
 */
import type { ListenAddress } from '../server/listen-address.ts';
import type { ApiContext } from './context.ts';
import { createApi } from './server.ts';
import { registerConsole } from './console-files.ts';

export type HttpServer = { port: number; close(): Promise<void>; console: boolean };

/** Starts the HTTP listener. */
export async function startHttp(addr: ListenAddress, ctx: ApiContext): Promise<HttpServer> {
  const app = await createApi(ctx);
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
