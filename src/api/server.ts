/**
 * The Route 53 REST/XML API on fastify: raw bodies (the AWS CLI sends no Content-Type), trailing
 * slashes ignored (the CLI posts to /rrset/), SigV4 on every request, per-account throttling,
 * and one error handler that renders every failure as Route 53's <ErrorResponse>.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ApiError, apiError } from './errors.ts';
import { verifySigV4 } from './sigv4.ts';
import { NAMESPACE, escapeText } from './xml.ts';
import { createThrottle } from './throttle.ts';
import type { ApiContext, Handler } from './context.ts';
import { ROUTES } from './routes/index.ts';
import { registerHealthHistory } from './routes/health-status.ts';
import { registerEc2 } from './ec2/endpoint.ts';
import { R53_OPERATIONS, pathShape } from './routes/operations.ts';
import { RESET_PATHS, devAccountOf, registerResetRoutes } from './dev.ts';

/** Largest request body accepted (Route 53 batches are at most 32,000 characters of values). */
export const BODY_LIMIT = 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    accountId: string;
    requestId: string;
  }
}

/**
 * How much of a refused oversized body is read and thrown away. A server that answers 413 and
 * closes while the client is still sending makes the kernel reset the connection, and the client
 * sees EPIPE or ECONNRESET instead of RequestEntityTooLarge. So the rest of the body is drained
 * and the connection kept, up to this many bytes in all; past it the connection is closed.
 */
export const DRAIN_LIMIT = 16 * BODY_LIMIT;

/** Lets the client finish sending a body refused as too large (see DRAIN_LIMIT). */
function drainRefusedBody(req: FastifyRequest, reply: FastifyReply): void {
  const raw = req.raw;
  if (raw.complete || Number(req.headers['content-length']) > DRAIN_LIMIT) return;
  // fastify asks for the connection to be closed after a body error; draining makes that needless.
  reply.removeHeader('connection');
  let seen = 0;
  raw.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_LIMIT) raw.socket.destroy();
  });
}

/** Renders an error as Route 53 does: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>. */
export function errorXml(err: ApiError, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${err.type}</Type>` +
    `<Code>${err.code}</Code><Message>${escapeText(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

function sendError(reply: FastifyReply, err: ApiError, requestId: string): FastifyReply {
  return reply.code(err.status).header('content-type', 'text/xml').header('x-amz-request-id', requestId).send(errorXml(err, requestId));
}

/** Returns the query parameters, refusing any that is given more than once. */
function singleValues(query: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) throw apiError('InvalidInput', `The query parameter ${k} is given more than once`);
    out[k] = v;
  }
  return out;
}

/**
 * Schema compilers for fastify that refuse to build: Signpost's routes declare no JSON schemas
 * (request bodies are XML that the handlers parse), and without these fastify would load ajv and
 * fast-json-stringify for its default compilers at every start, a tenth of `signpost start
 * --dev`'s start-up. A route given a schema fails to register with this error.
 */
const NO_SCHEMA_COMPILERS = {
  buildValidator: (): never => { throw new Error('Signpost routes declare no JSON schemas (see createApi): no validator compiler'); },
  buildSerializer: (): never => { throw new Error('Signpost routes declare no JSON schemas (see createApi): no serializer compiler'); },
};

/** Builds the API app (not yet listening). */
export async function createApi(ctx: ApiContext): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true },
    logger: false,
    schemaController: { compilersFactory: NO_SCHEMA_COMPILERS },
    // Errors fastify raises before routing (a malformed percent-escape in the path) get the
    // same XML error layout as everything else.
    frameworkErrors: (err, req, reply) => {
      const requestId = randomUUID();
      const apiErr = apiError('InvalidInput', `The request could not be read: ${err.message}`);
      void (reply as unknown as FastifyReply).code(apiErr.status).header('content-type', 'text/xml').header('x-amz-request-id', requestId).send(errorXml(apiErr, requestId));
      void req;
    },
  });
  const throttle = createThrottle(ctx.rateLimit, () => ctx.now().getTime());
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.decorateRequest('accountId', '');
  app.decorateRequest('requestId', '');
  app.addHook('onRequest', async (req) => {
    req.requestId = randomUUID();
  });
  app.addHook('preHandler', async (req) => {
    // Only the operational routes and the console's files are open; everything else (unknown
    // paths included) is signed.
    const route = req.routeOptions.url;
    // GetCheckerIpRanges needs no authorisation on AWS either; /metrics is for Prometheus.
    if (route === '/healthz' || route === '/status' || route === '/metrics' || route === '/2013-04-01/checkeripranges') return;
    // The EC2 endpoint (POST /) verifies its own signatures (service ec2) and answers EC2 errors.
    if (route === '/healthz' || route === '/status' || route === '/') return;
    // The console's static files (console-files.ts); its API calls are signed like any client's.
    if (route === '/console' || route === '/console/*') return;
    if ((RESET_PATHS as readonly (string | undefined)[]).includes(route)) return;
    if (ctx.dev) {
      // --dev: any credentials; the key id only picks the account (dev.ts).
      const accountId = devAccountOf(req.headers, req.raw.url ?? '/', ctx.dev.defaultAccount);
      if (!throttle(accountId)) throw apiError('Throttling');
      req.accountId = accountId;
      return;
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const who = await verifySigV4({ method: req.method, url: req.raw.url ?? '/', headers: req.headers, body }, async (id) => {
      const key = await ctx.store.getAccessKey(id);
      return key ? { secret: key.secret, accountId: key.accountId } : undefined;
    }, ctx.now());
    if (!throttle(who.accountId)) throw apiError('Throttling');
    req.accountId = who.accountId;
  });
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof ApiError) return sendError(reply, err, req.requestId);
    const code = (err as { code?: string }).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      drainRefusedBody(req, reply);
      return sendError(reply, apiError('RequestEntityTooLarge', `The request body is larger than ${BODY_LIMIT} bytes`), req.requestId);
    }
    ctx.log.error({ err, method: req.method, url: req.url }, 'API request failed');
    return sendError(reply, apiError('InternalFailure'), req.requestId);
  });
  registerEc2(app, ctx, throttle);
  const known = new Map<string, string[]>();
  for (const r of ROUTES) {
    const url = `/2013-04-01${r.path}`;
    known.set(pathShape(url), [...(known.get(pathShape(url)) ?? []), r.method]);
    app.route({
      method: r.method,
      url,
      handler: async (req, reply) => {
        const out = await (r.handler as Handler)(ctx, {
          accountId: req.accountId,
          params: (req.params ?? {}) as Record<string, string>,
          query: singleValues((req.query ?? {}) as Record<string, string | string[] | undefined>),
          body: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '',
          origin: `${req.protocol}://${req.host}`,
        });
        reply.code(out.status).header('content-type', 'text/xml').header('x-amz-request-id', req.requestId);
        for (const [k, v] of Object.entries(out.headers ?? {})) reply.header(k, v);
        return reply.send(out.xml);
      },
    });
  }
  registerHealthHistory(app, ctx);
  registerResetRoutes(app, ctx);
  // Route 53 operations Signpost does not offer yet say so by name; ROUTES take precedence.
  const offered = new Set(ROUTES.map((r) => `${r.method} ${pathShape(r.path)}`));
  for (const [method, path, operation] of R53_OPERATIONS) {
    if (offered.has(`${method} ${pathShape(path)}`)) continue;
    const url = `/2013-04-01${path}`;
    known.set(pathShape(url), [...(known.get(pathShape(url)) ?? []), method]);
    app.route({ method, url, handler: async () => {
      throw apiError('NotImplemented', `The Route 53 operation ${operation} is not offered by Signpost yet`);
    } });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = (req.raw.url ?? '').split('?')[0]!.replace(/\/$/, '');
    const allowed = [...known].find(([pattern]) => new RegExp(`^${pattern.replace(/:/g, '[^/]+')}$`).test(path));
    const err = allowed
      ? apiError('MethodNotAllowed', `${req.method} is not allowed on ${path}; use ${allowed[1].join(' or ')}`)
      : apiError('UnknownOperationException', `No Route 53 operation at ${req.method} ${path}`);
    return sendError(reply, err, req.requestId || randomUUID());
  });
  return app;
}
