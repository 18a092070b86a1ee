/**
 * verifySigV4 against an independent signer: every request here is signed by @smithy/signature-v4
 * (what the JS SDK uses), then optionally tampered with on its way in, then verified. Real
 * clients (the SDK over HTTP, the AWS CLI) are in sigv4-clients.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { ApiError, type ErrorCode } from './errors.ts';
import { verifySigV4, type SignedRequest } from './sigv4.ts';
import { canonicalPath, canonicalQuery, parseQuery, splitTarget } from './sigv4-canonical.ts';

const KEY = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const ACCOUNT = '123456789012';
const lookup = async (id: string) => (id === KEY.accessKeyId ? { secret: KEY.secretAccessKey, accountId: ACCOUNT } : undefined);
const SIGNED_AT = new Date('2026-03-01T12:00:00Z');
const MIN = 60_000;
const at = (offsetMs: number) => new Date(SIGNED_AT.getTime() + offsetMs);
const CHANGE_BODY = '<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch><Changes><Change><Action>UPSERT</Action><ResourceRecordSet><Name>www.example.com.</Name><Type>A</Type><TTL>300</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>';

/** How the oracle signs a request. */
type Spec = {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: string | undefined;
  region: string;
  service: string;
  /** Send x-amz-content-sha256 (smithy's applyChecksum). */
  checksum: boolean;
  /** Presign for this many seconds instead of signing the Authorization header. */
  presign?: number;
  /** Headers left out of the signature. */
  unsignable?: string[];
};

const BASE: Spec = {
  method: 'GET', path: '/2013-04-01/hostedzone', query: {}, headers: {}, body: undefined,
  region: 'us-east-1', service: 'route53', checksum: true,
};

/** Encodes a query the way a lax client might (encodeURIComponent leaves !'()* alone), in insertion order. */
function encodeQuery(query: Record<string, string | string[]>): string {
  return Object.entries(query)
    .flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`))
    .join('&');
}

/** Returns the request as the server would receive it after the oracle signed it. */
async function sign(overrides: Partial<Spec> = {}): Promise<SignedRequest> {
  const spec = { ...BASE, ...overrides };
  const signer = new SignatureV4({ service: spec.service, region: spec.region, credentials: KEY, sha256: Sha256, applyChecksum: spec.checksum });
  const request = {
    method: spec.method, protocol: 'http:', hostname: '127.0.0.1', port: 9053, path: spec.path,
    query: spec.query, headers: { host: '127.0.0.1:9053', ...spec.headers }, body: spec.body,
  };
  const signed = spec.presign !== undefined
    ? await signer.presign(request, { signingDate: SIGNED_AT, expiresIn: spec.presign })
    : await signer.sign(request, { signingDate: SIGNED_AT, ...(spec.unsignable ? { unsignableHeaders: new Set(spec.unsignable) } : {}) });
  const query = encodeQuery(signed.query as Record<string, string | string[]>);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  return { method: spec.method, url: `${spec.path}${query ? `?${query}` : ''}`, headers, body: Buffer.from(spec.body ?? '') };
}

type Want = 'ok' | { code: ErrorCode; status?: number; message?: string | RegExp };
type Case = {
  name: string;
  spec?: Partial<Spec>;
  /** What happens to the request between the signer and the server. */
  tamper?: (r: SignedRequest) => void;
  /** The server's clock; one minute after signing unless given. */
  now?: Date;
  want: Want;
};

const setAuth = (f: (auth: string) => string) => (r: SignedRequest) => { r.headers.authorization = f(String(r.headers.authorization)); };
const flipLastHex = (s: string) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');

const cases: Case[] = [
  // Accepted
  { name: 'GET, header form, with x-amz-content-sha256', want: 'ok' },
  { name: 'GET without x-amz-content-sha256', spec: { checksum: false }, want: 'ok' },
  ...['us-east-2', 'eu-west-1', 'global', 'cn-northwest-1'].map((region): Case => ({ name: `region ${region}`, spec: { region }, want: 'ok' })),
  { name: 'POST with an XML body to /rrset/ (trailing slash)', spec: { method: 'POST', path: '/2013-04-01/hostedzone/Z1/rrset/', headers: { 'content-type': 'application/xml' }, body: CHANGE_BODY }, want: 'ok' },
  { name: 'POST without Content-Type or checksum (as aws-cli sends)', spec: { method: 'POST', path: '/2013-04-01/hostedzone/Z1/rrset/', body: CHANGE_BODY, checksum: false }, want: 'ok' },
  { name: 'query: unsorted, repeated, empty, reserved characters', spec: { path: '/2013-04-01/hostedzone/Z1/rrset', query: { type: 'A', name: '*.example.com.', identifier: "a b+c/d~e!'()", k: ['b', 'a'], empty: '' } }, want: 'ok' },
  { name: 'path with encoded characters (double-encoded when signed)', spec: { path: '/2013-04-01/healthcheck/a%20b%2Fc%2A' }, want: 'ok' },
  { name: 'root path', spec: { path: '/' }, want: 'ok' },
  { name: 'signed header with inner and outer spaces', spec: { headers: { 'x-custom': '  a   b\tc  ' } }, want: 'ok' },
  { name: 'unsigned header changed in transit', spec: { headers: { 'user-agent': 'a' } }, tamper: (r) => { r.headers['user-agent'] = 'b'; }, want: 'ok' },
  {
    name: 'Date header instead of X-Amz-Date', spec: { unsignable: ['x-amz-date'] },
    tamper: (r) => { delete r.headers['x-amz-date']; r.headers.date = SIGNED_AT.toUTCString(); }, want: 'ok',
  },
  { name: 'clock 15 min ahead of the request (limit)', now: at(15 * MIN), want: 'ok' },
  { name: 'clock 15 min behind the request (limit)', now: at(-15 * MIN), want: 'ok' },
  { name: 'presigned GET', spec: { presign: 300 }, want: 'ok' },
  { name: 'presigned in region global', spec: { presign: 300, region: 'global' }, want: 'ok' },
  { name: 'presigned with UNSIGNED-PAYLOAD', spec: { presign: 300, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, want: 'ok' },
  { name: 'presigned, used 4 minutes later (within X-Amz-Expires)', spec: { presign: 300 }, now: at(4 * MIN), want: 'ok' },

  // Tampered in transit
  { name: 'method changed', tamper: (r) => { r.method = 'DELETE'; }, want: { code: 'SignatureDoesNotMatch', status: 403 } },
  { name: 'path changed', spec: { path: '/2013-04-01/hostedzone/Z1' }, tamper: (r) => { r.url = '/2013-04-01/hostedzone/Z2'; }, want: { code: 'SignatureDoesNotMatch' } },
  { name: 'trailing slash added', tamper: (r) => { r.url += '/'; }, want: { code: 'SignatureDoesNotMatch' } },
  { name: 'query value changed', spec: { query: { maxitems: '1' } }, tamper: (r) => { r.url = r.url.replace('maxitems=1', 'maxitems=2'); }, want: { code: 'SignatureDoesNotMatch' } },
  { name: 'query parameter added', tamper: (r) => { r.url += '?maxitems=1'; }, want: { code: 'SignatureDoesNotMatch' } },
  {
    name: 'body changed (no x-amz-content-sha256)', spec: { method: 'POST', body: CHANGE_BODY, checksum: false },
    tamper: (r) => { r.body = Buffer.from(CHANGE_BODY.replace('192.0.2.1', '192.0.2.66')); }, want: { code: 'SignatureDoesNotMatch' },
  },
  {
    name: 'body changed while x-amz-content-sha256 carries the original hash', spec: { method: 'POST', body: CHANGE_BODY },
    tamper: (r) => { r.body = Buffer.from(CHANGE_BODY.replace('192.0.2.1', '192.0.2.66')); },
    want: { code: 'XAmzContentSHA256Mismatch', status: 400, message: "The provided 'x-amz-content-sha256' header does not match what was computed." },
  },
  {
    name: 'body changed and x-amz-content-sha256 replaced with its hash', spec: { method: 'POST', body: CHANGE_BODY },
    tamper: (r) => {
      r.body = Buffer.from('<x/>');
      r.headers['x-amz-content-sha256'] = createHash('sha256').update(r.body).digest('hex');
    },
    want: { code: 'SignatureDoesNotMatch' },
  },
  {
    name: 'x-amz-content-sha256 UNSIGNED-PAYLOAD on a header-signed request (body is always hashed)', spec: { method: 'POST', body: CHANGE_BODY, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
    want: { code: 'SignatureDoesNotMatch' },
  },
  { name: 'x-amz-content-sha256 removed', spec: { method: 'POST', body: CHANGE_BODY }, tamper: (r) => { delete r.headers['x-amz-content-sha256']; }, want: { code: 'SignatureDoesNotMatch' } },
  { name: 'signed header changed', spec: { headers: { 'content-type': 'application/xml' } }, tamper: (r) => { r.headers['content-type'] = 'text/xml'; }, want: { code: 'SignatureDoesNotMatch' } },
  { name: 'host changed', tamper: (r) => { r.headers.host = 'evil.example.net'; }, want: { code: 'SignatureDoesNotMatch' } },
  { name: 'X-Amz-Date moved one second', tamper: (r) => { r.headers['x-amz-date'] = '20260301T120001Z'; }, want: { code: 'SignatureDoesNotMatch', message: /^The request signature we calculated/ } },
  {
    name: 'X-Amz-Date moved to the next day', tamper: (r) => { r.headers['x-amz-date'] = '20260302T000100Z'; }, now: new Date('2026-03-02T00:01:00Z'),
    want: { code: 'SignatureDoesNotMatch', message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260301' != '20260302', from '20260302T000100Z'." },
  },
  { name: 'signature altered', tamper: setAuth(flipLastHex), want: { code: 'SignatureDoesNotMatch' } },
  { name: 'signature truncated', tamper: setAuth((a) => a.slice(0, -2)), want: { code: 'SignatureDoesNotMatch' } },

  // Clock
  {
    name: 'request 15 min + 1 s old', now: at(15 * MIN + 1000),
    want: { code: 'SignatureDoesNotMatch', status: 403, message: 'Signature expired: 20260301T120000Z is now earlier than 20260301T120001Z (20260301T121501Z - 15 min.)' },
  },
  {
    name: 'request 15 min + 1 s in the future', now: at(-15 * MIN - 1000),
    want: { code: 'SignatureDoesNotMatch', message: 'Signature not yet current: 20260301T120000Z is still later than 20260301T115959Z (20260301T114459Z + 15 min.)' },
  },

  // Scope and credentials
  { name: 'wrong service', spec: { service: 'route53domains' }, want: { code: 'SignatureDoesNotMatch', message: /correct service: 'route53'/ } },
  { name: 'wrong terminator', tamper: setAuth((a) => a.replace('/aws4_request', '/aws4_reqst')), want: { code: 'SignatureDoesNotMatch', message: /valid terminator: 'aws4_request'/ } },
  { name: 'unknown access key', tamper: setAuth((a) => a.replace('AKIDEXAMPLE', 'AKIDUNKNOWN')), want: { code: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' } },

  // Missing or malformed
  { name: 'no Authorization, no presigned query', tamper: (r) => { delete r.headers.authorization; }, want: { code: 'MissingAuthenticationToken', status: 403 } },
  { name: 'empty Authorization', tamper: (r) => { r.headers.authorization = ' '; }, want: { code: 'MissingAuthenticationToken', message: 'Missing Authentication Token' } },
  {
    name: 'Authorization without SignedHeaders and Signature', tamper: setAuth((a) => a.replace(/, SignedHeaders=.*$/, '')),
    want: { code: 'IncompleteSignature', status: 400, message: /requires 'Signature' parameter\. Authorization header requires 'SignedHeaders' parameter\. Authorization=AWS4-HMAC-SHA256 Credential=/ },
  },
  {
    name: 'no X-Amz-Date and no Date', tamper: (r) => { delete r.headers['x-amz-date']; },
    want: { code: 'IncompleteSignature', message: /requires existence of either a 'X-Amz-Date' or a 'Date' header/ },
  },
  { name: 'X-Amz-Date not in basic format', tamper: (r) => { r.headers['x-amz-date'] = '2026-03-01T12:00:00Z'; }, want: { code: 'IncompleteSignature', message: /ISO-8601 'basic format'/ } },
  { name: 'Credential with 4 elements', tamper: setAuth((a) => a.replace('/us-east-1', '')), want: { code: 'IncompleteSignature', message: /exactly 5 slash-delimited elements/ } },
  { name: 'unsupported algorithm', tamper: setAuth((a) => a.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512')), want: { code: 'IncompleteSignature', message: /Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'/ } },
  { name: 'SigV2-style header', tamper: (r) => { r.headers.authorization = 'AWS AKIDEXAMPLE:c2lnbmF0dXJl'; }, want: { code: 'IncompleteSignature' } },
  { name: 'host not signed', spec: { unsignable: ['host'] }, want: { code: 'IncompleteSignature', message: "'Host' must be a 'SignedHeader' in the AWS Authorization." } },

  // Presigned
  { name: 'presigned, expired', spec: { presign: 300 }, now: at(5 * MIN + 1000), want: { code: 'AccessDenied', status: 403, message: 'Request has expired' } },
  { name: 'presigned, not yet current', spec: { presign: 300 }, now: at(-16 * MIN), want: { code: 'SignatureDoesNotMatch', message: /^Signature not yet current/ } },
  { name: 'presigned, query tampered', spec: { presign: 300, query: { maxitems: '1' } }, tamper: (r) => { r.url = r.url.replace('maxitems=1', 'maxitems=100'); }, want: { code: 'SignatureDoesNotMatch' } },
  { name: 'presigned, X-Amz-Expires extended', spec: { presign: 300 }, tamper: (r) => { r.url = r.url.replace('X-Amz-Expires=300', 'X-Amz-Expires=3600'); }, want: { code: 'SignatureDoesNotMatch' } },
  { name: 'presigned, method changed', spec: { presign: 300 }, tamper: (r) => { r.method = 'POST'; }, want: { code: 'SignatureDoesNotMatch' } },
  {
    name: 'presigned, body added', spec: { presign: 300 }, tamper: (r) => { r.body = Buffer.from(CHANGE_BODY); },
    want: { code: 'SignatureDoesNotMatch' },
  },
  {
    name: 'presigned without X-Amz-Signature', spec: { presign: 300 }, tamper: (r) => { r.url = r.url.replace(/&?X-Amz-Signature=[0-9a-f]+/, ''); },
    want: { code: 'IncompleteSignature', message: "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters." },
  },
  { name: 'presigned, X-Amz-Expires over a week', spec: { presign: 300 }, tamper: (r) => { r.url = r.url.replace('X-Amz-Expires=300', 'X-Amz-Expires=604801'); }, want: { code: 'IncompleteSignature', message: /X-Amz-Expires/ } },
];

/** Returns 'ok' or the ApiError's code, status and message. */
async function outcome(r: SignedRequest, now: Date): Promise<'ok' | { code: string; status: number; message: string }> {
  try {
    const who = await verifySigV4(r, lookup, now);
    expect(who).toMatchObject({ accountId: ACCOUNT, accessKeyId: KEY.accessKeyId });
    return 'ok';
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { code: err.code, status: err.status, message: err.message };
  }
}

describe('verifySigV4 against @smithy/signature-v4', () => {
  it.each(cases)('$name', async (c) => {
    const r = await sign(c.spec);
    c.tamper?.(r);
    const got = await outcome(r, c.now ?? at(MIN));
    if (c.want === 'ok') {
      expect(got).toBe('ok');
      return;
    }
    expect(got).not.toBe('ok');
    const { code, status, message } = c.want;
    expect(got).toMatchObject({ code, ...(status ? { status } : {}) });
    if (typeof message === 'string') expect((got as { message: string }).message).toBe(message);
    if (message instanceof RegExp) expect((got as { message: string }).message).toMatch(message);
  });

  it('a wrong secret fails with SignatureDoesNotMatch', async () => {
    const r = await sign();
    const wrong = async () => ({ secret: 'not-the-secret', accountId: ACCOUNT });
    await expect(verifySigV4(r, wrong, at(MIN))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('the service and the skew are options', async () => {
    const r = await sign({ service: 'route53domains' });
    await expect(verifySigV4(r, lookup, at(MIN), { service: 'route53domains' })).resolves.toMatchObject({ accountId: ACCOUNT });
    await expect(verifySigV4(r, lookup, at(6 * MIN), { service: 'route53domains', maxSkewMs: 5 * MIN }))
      .rejects.toMatchObject({ code: 'SignatureDoesNotMatch', message: expect.stringContaining('- 5 min.)') });
  });
});

describe('canonical request pieces', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['/2013-04-01/hostedzone', '/2013-04-01/hostedzone'],
    ['/2013-04-01/hostedzone/Z1/rrset/', '/2013-04-01/hostedzone/Z1/rrset/'],
    ['//2013-04-01//hostedzone/./Z1/../Z2', '/2013-04-01/hostedzone/Z2'],
    ['/a%20b/c%2Fd', '/a%2520b/c%252Fd'],
    ["/a b/*!'()", "/a%20b/%2A%21%27%28%29"],
  ])('canonicalPath(%j) = %j', (path, want) => {
    expect(canonicalPath(path)).toBe(want);
  });

  it('canonicalQuery sorts by name then value and RFC 3986-encodes', () => {
    expect(canonicalQuery(parseQuery('b=2&a=y&a=x&c&name=%2A.example.com.&sp=a+b%20c'))).toBe('a=x&a=y&b=2&c=&name=%2A.example.com.&sp=a%2Bb%20c');
  });

  it('splitTarget keeps the raw path and query, and accepts absolute-form targets', () => {
    expect(splitTarget('/p/?a=1')).toEqual({ path: '/p/', rawQuery: 'a=1' });
    expect(splitTarget('http://127.0.0.1:9053/p?x')).toEqual({ path: '/p', rawQuery: 'x' });
  });
});
