/**
 * The pieces of a SigV4 canonical request for a non-S3 service, rebuilt from a request exactly as
 * it arrived, and the HMAC chain that signs it. Pure functions over node:crypto; no policy here
 * (sigv4.ts decides what is acceptable).
 *
 * Reference: "Create a canonical request for Signature Version 4" in the AWS IAM user guide; the
 * behaviour matches @smithy/signature-v4 and botocore, the signers real clients use.
 */
import { createHash, createHmac } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** Returns `text` URI-encoded per RFC 3986: everything but A-Z a-z 0-9 - _ . ~ as %XX (upper case). */
export function uriEncode(text: string): string {
  // toWellFormed: a lone surrogate cannot come from decoded UTF-8, but must not throw either.
  const encoded = encodeURIComponent(text.toWellFormed());
  return encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Returns `text` percent-decoded, or unchanged when it is not valid percent-encoded UTF-8. */
export function uriDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Splits a request target ("/path?query", or absolute-form "http://host/path?query") into its raw path and query. */
export function splitTarget(url: string): { path: string; rawQuery: string } {
  let target = url;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (absolute) target = target.slice(absolute[0].length);
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  const q = target.indexOf('?');
  return q < 0 ? { path: target, rawQuery: '' } : { path: target.slice(0, q), rawQuery: target.slice(q + 1) };
}

/** Returns the decoded name/value pairs of a raw query string, in order ("a&b=" gives a="" and b=""). */
export function parseQuery(rawQuery: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq < 0 ? [uriDecode(part), ''] : [uriDecode(part.slice(0, eq)), uriDecode(part.slice(eq + 1))]);
  }
  return pairs;
}

/**
 * Returns the canonical URI of a received (already percent-encoded) path: empty segments and "."
 * are dropped and ".." pops, as RFC 3986 5.2.4 and both SDK signers do; a trailing slash is kept;
 * then each segment is URI-encoded again. Non-S3 services sign the path double-encoded.
 */
export function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  if (segments.length === 0) return '/';
  return `/${segments.map(uriEncode).join('/')}${path.endsWith('/') ? '/' : ''}`;
}

/** Returns the canonical query string: RFC 3986-encoded pairs sorted by name, then by value. */
export function canonicalQuery(pairs: [string, string][]): string {
  const encoded = pairs.map(([name, value]) => [uriEncode(name), uriEncode(value)] as const);
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

/** Returns a header's canonical value: each value trimmed with inner whitespace runs collapsed, values joined by ','. */
export function canonicalHeaderValue(value: string | string[] | undefined): string {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}

/** Returns the canonical request: method, path, query, the signed headers, their names and the payload hash. */
export function canonicalRequest(parts: {
  method: string; path: string; query: [string, string][];
  headers: Record<string, string | string[] | undefined>; signedHeaders: string[]; payloadHash: string;
}): string {
  const headerLines = parts.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(parts.headers[name])}\n`).join('');
  return [
    parts.method.toUpperCase(),
    canonicalPath(parts.path),
    canonicalQuery(parts.query),
    headerLines,
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}

/** Returns the lower-case hex SHA-256 of `data`. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Returns the string to sign for a canonical request. */
export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}

/** Returns the signing key: HMAC chain over date, region, service and "aws4_request". */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

/** Returns the hex signature of a string to sign. */
export function signString(key: Buffer, toSign: string): string {
  return createHmac('sha256', key).update(toSign).digest('hex');
}

/** Returns a Date as an ISO 8601 basic-format timestamp, "20240102T030405Z". */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** Returns the Date of an ISO 8601 basic-format timestamp, or undefined when it is not one. */
export function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) || formatAmzDate(date) !== text ? undefined : date;
}
