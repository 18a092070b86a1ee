/**
 * `signpost start --dev`: a local Route 53 for test pipelines. Requests are not signature-checked:
 * the access key id in the Authorization header (or a presigned URL's X-Amz-Credential) picks the
 * account (a 12-digit key id is the account id, as moto does; any other key, or none, is the
 * default account). `POST /moto-api/reset` (the path moto's server mode and its decorators call)
 * and `POST /signpost/reset` wipe every resource and answer once the DNS server serves the empty
 * state. Without --dev both paths are 404, like any path that is not an operation.
 */
import type { FastifyInstance } from 'fastify';
import { apiError } from './errors.ts';
import type { ApiContext } from './context.ts';

/** What --dev adds to the API. */
export type DevOptions = {
  /** The account of access keys that are not 12 digits, and of unsigned requests. */
  defaultAccount: string;
  /** Wipes every resource and resolves when DNS answers from the empty state. */
  reset(): Promise<void>;
};

/** The reset paths: moto's, and Signpost's own. */
export const RESET_PATHS = ['/moto-api/reset', '/signpost/reset'] as const;

/** Returns the account a --dev request acts as, from the access key id it names (if any). */
export function devAccountOf(headers: Record<string, string | string[] | undefined>, url: string, defaultAccount: string): string {
  const auth = headers.authorization;
  const fromHeader = typeof auth === 'string' ? /Credential=([^/,\s]+)\//.exec(auth)?.[1] : undefined;
  const query = url.includes('?') ? new URLSearchParams(url.slice(url.indexOf('?') + 1)) : undefined;
  const fromQuery = query?.get('X-Amz-Credential')?.split('/')[0];
  const keyId = fromHeader ?? fromQuery;
  return keyId !== undefined && /^\d{12}$/.test(keyId) ? keyId : defaultAccount;
}

/** Adds the reset routes: working ones with --dev, 404s without. */
export function registerResetRoutes(app: FastifyInstance, ctx: ApiContext): void {
  for (const url of RESET_PATHS) {
    app.post(url, async (_req, reply) => {
      if (!ctx.dev) throw apiError('UnknownOperationException', `${url} exists only in signpost start --dev`);
      await ctx.dev.reset();
      return reply.header('content-type', 'application/json').send({ status: 'ok' });
    });
  }
}
