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
import { credentialScopeOf } from './credential-scope.ts';
import type { Headers } from './sigv4-claim.ts';

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
export function devAccountOf(headers: Headers, url: string, defaultAccount: string): string {
  return accountOfKey(credentialScopeOf(headers, url)?.accessKeyId, defaultAccount);
}

/** A 12-digit access key id is the account id (as moto does); any other key, or none, the default. */
function accountOfKey(keyId: string | undefined, defaultAccount: string): string {
  return keyId !== undefined && /^\d{12}$/.test(keyId) ? keyId : defaultAccount;
}

/**
 * Who an EC2 request acts as in --dev: the account as for Route 53, and the region it was signed
 * for (the VPC's region), us-east-1 when unsigned.
 */
export function devEc2CallerOf(headers: Headers, url: string, defaultAccount: string): { accountId: string; region: string } {
  const scope = credentialScopeOf(headers, url);
  return { accountId: accountOfKey(scope?.accessKeyId, defaultAccount), region: scope?.region ?? 'us-east-1' };
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
