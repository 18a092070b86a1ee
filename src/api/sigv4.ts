/**
 * Verifies AWS Signature Version 4 on a request as it arrived, in the header form
 * (`Authorization: AWS4-HMAC-SHA256 ...`) or the presigned-URL form (`?X-Amz-Signature=...`).
 *
 * Contract: the request is verified exactly as received (path with its trailing slash, raw query,
 * lower-case header names). The payload hash is always computed from the body; an
 * `x-amz-content-sha256` header is compared with it, never trusted. Any region is accepted in
 * the credential scope (Route 53 is global and clients sign with whatever region they are
 * configured for); the service must be route53. Failures throw ApiError with AWS's codes.
 */
import { timingSafeEqual } from 'node:crypto';
import { apiError } from './errors.ts';
import {
  UNSIGNED_PAYLOAD, canonicalRequest, formatAmzDate, parseQuery, sha256Hex, signString, signingKey, splitTarget, stringToSign,
} from './sigv4-canonical.ts';
import { claimFromHeader, claimFromQuery, headerValue, isPresigned, type Headers, type SignatureClaim } from './sigv4-claim.ts';

export type SignedRequest = {
  method: string;
  /** Path and query exactly as received, percent-encoded. */
  url: string;
  /** Lower-case names, as node:http gives them. */
  headers: Headers;
  body: Buffer;
};

export type AccessKeyLookup = (accessKeyId: string) => Promise<{ secret: string; accountId: string } | undefined>;

export type VerifyOptions = { service?: string; maxSkewMs?: number };

const DEFAULT_SERVICE = 'route53';
const DEFAULT_MAX_SKEW_MS = 15 * 60_000;

/** Returns the account and key that signed `req`; throws ApiError when the signature is missing or wrong. */
export async function verifySigV4(req: SignedRequest, lookup: AccessKeyLookup, now: Date, opts: VerifyOptions = {}): Promise<{ accountId: string; accessKeyId: string; region: string }> {
  const service = opts.service ?? DEFAULT_SERVICE;
  const maxSkewMs = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const { path, rawQuery } = splitTarget(req.url);
  const query = parseQuery(rawQuery);

  const claim = readClaim(req, query);
  checkScope(claim, service);
  checkTime(claim, now, maxSkewMs);
  const payloadHashes = acceptedPayloadHashes(claim, req);

  const key = await lookup(claim.accessKeyId);
  if (!key) throw apiError('InvalidClientTokenId');

  const scope = `${claim.scope.date}/${claim.scope.region}/${claim.scope.service}/${claim.scope.terminator}`;
  const signing = signingKey(key.secret, claim.scope.date, claim.scope.region, claim.scope.service);
  const provided = /^[0-9a-f]{64}$/.test(claim.signature) ? Buffer.from(claim.signature, 'hex') : undefined;
  let matched = false;
  for (const payloadHash of payloadHashes) {
    const canonical = canonicalRequest({ method: req.method, path, query: claim.query, headers: req.headers, signedHeaders: claim.signedHeaders, payloadHash });
    const expected = Buffer.from(signString(signing, stringToSign(claim.amzDate, scope, canonical)), 'hex');
    // Compare every candidate, so the time taken does not depend on which one matched.
    if (provided && timingSafeEqual(expected, provided)) matched = true;
  }
  if (!matched) throw apiError('SignatureDoesNotMatch');
  return { accountId: key.accountId, accessKeyId: claim.accessKeyId, region: claim.scope.region };
}

function readClaim(req: SignedRequest, query: [string, string][]): SignatureClaim {
  const authorization = headerValue(req.headers, 'authorization')?.trim() || undefined;
  const claim = authorization !== undefined
    ? claimFromHeader(authorization, req.headers, query)
    : isPresigned(query) ? claimFromQuery(query) : undefined;
  if (!claim) throw apiError('MissingAuthenticationToken');
  // Without host in the signature a captured request could be replayed against another endpoint.
  if (!claim.signedHeaders.includes('host')) {
    throw apiError('IncompleteSignature', claim.form === 'header'
      ? "'Host' must be a 'SignedHeader' in the AWS Authorization."
      : "'Host' must be a 'SignedHeader' in the X-Amz-SignedHeaders query parameter.");
  }
  return claim;
}

function checkScope(claim: SignatureClaim, service: string): void {
  const { scope } = claim;
  if (scope.terminator !== 'aws4_request') {
    throw apiError('SignatureDoesNotMatch', `Credential should be scoped with a valid terminator: 'aws4_request', not '${scope.terminator}'.`);
  }
  if (scope.service !== service) {
    throw apiError('SignatureDoesNotMatch', `Credential should be scoped to correct service: '${service}', not '${scope.service}'.`);
  }
  if (!/^[a-z0-9-]+$/.test(scope.region)) {
    throw apiError('SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${scope.region}'.`);
  }
  const day = claim.amzDate.slice(0, 8);
  if (scope.date !== day) {
    throw apiError('SignatureDoesNotMatch', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${day}', from '${claim.amzDate}'.`);
  }
}

/** Header form: the request time must be within `maxSkewMs` of now. Presigned: not in the future, not expired. */
function checkTime(claim: SignatureClaim, now: Date, maxSkewMs: number): void {
  const t = claim.time.getTime();
  const minutes = `${maxSkewMs / 60_000} min.`;
  if (t > now.getTime() + maxSkewMs) {
    throw apiError('SignatureDoesNotMatch', `Signature not yet current: ${claim.amzDate} is still later than ${formatAmzDate(new Date(now.getTime() + maxSkewMs))} (${formatAmzDate(now)} + ${minutes})`);
  }
  if (claim.form === 'query') {
    if (t + claim.expiresSeconds! * 1000 < now.getTime()) throw apiError('AccessDenied', 'Request has expired');
    return;
  }
  if (t < now.getTime() - maxSkewMs) {
    throw apiError('SignatureDoesNotMatch', `Signature expired: ${claim.amzDate} is now earlier than ${formatAmzDate(new Date(now.getTime() - maxSkewMs))} (${formatAmzDate(now)} - ${minutes})`);
  }
}

/**
 * Returns the payload hashes a signature may cover: the body's own hash, and for presigned URLs
 * also UNSIGNED-PAYLOAD (smithy presigns with the body hash, S3-style signers with UNSIGNED-PAYLOAD).
 * A claimed x-amz-content-sha256 that is neither is rejected outright.
 */
function acceptedPayloadHashes(claim: SignatureClaim, req: SignedRequest): string[] {
  const computed = sha256Hex(req.body);
  const claimed = headerValue(req.headers, 'x-amz-content-sha256')
    ?? (claim.form === 'query' ? claim.query.find(([name]) => name === 'X-Amz-Content-Sha256')?.[1] : undefined);
  if (claimed !== undefined && claimed !== computed && claimed !== UNSIGNED_PAYLOAD) {
    throw apiError('XAmzContentSHA256Mismatch');
  }
  return claim.form === 'query' ? [computed, UNSIGNED_PAYLOAD] : [computed];
}
