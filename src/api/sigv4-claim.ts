/**
 * Reads what a request claims about its signature, from the Authorization header or from the
 * query string of a presigned URL, into one shape. Only the syntax is checked here; a claim that
 * cannot be read throws IncompleteSignature with AWS's wording, listing every missing part.
 */
import { apiError } from './errors.ts';
import { ALGORITHM, parseAmzDate, formatAmzDate } from './sigv4-canonical.ts';

export type Headers = Record<string, string | string[] | undefined>;

/** A signature claim: who signed, for which scope, over which headers, at what time. */
export type SignatureClaim = {
  form: 'header' | 'query';
  accessKeyId: string;
  credential: string;
  scope: { date: string; region: string; service: string; terminator: string };
  signedHeaders: string[];
  signature: string;
  /** The request time as it enters the string to sign (ISO 8601 basic format). */
  amzDate: string;
  time: Date;
  /** Presigned form only: seconds the URL is valid after `time`. */
  expiresSeconds?: number;
  /** The query pairs the canonical request covers (all but X-Amz-Signature in the query form). */
  query: [string, string][];
};

const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'] as const;
/** One week: the longest a SigV4 presigned URL may be valid. */
const MAX_EXPIRES = 604_800;

/** Returns a header's value as one string (repeated values joined by ','), or undefined when absent. */
export function headerValue(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** True when the query string carries presigned-URL parameters. */
export function isPresigned(query: [string, string][]): boolean {
  return query.some(([name]) => name === 'X-Amz-Algorithm' || name === 'X-Amz-Credential' || name === 'X-Amz-Signature');
}

/** Reads the claim of an `Authorization: AWS4-HMAC-SHA256 ...` request. */
export function claimFromHeader(authorization: string, headers: Headers, query: [string, string][]): SignatureClaim {
  const m = /^\s*(\S+)\s*(.*)$/s.exec(authorization);
  const algorithm = m?.[1] ?? '';
  if (algorithm !== ALGORITHM) throw apiError('IncompleteSignature', `Unsupported AWS 'algorithm': '${algorithm}'. Route 53 accepts only '${ALGORITHM}'.`);
  const params = new Map<string, string>();
  for (const part of (m?.[2] ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const problems: string[] = [];
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!params.get(name)) problems.push(`Authorization header requires '${name}' parameter.`);
  }
  const xAmzDate = headerValue(headers, 'x-amz-date');
  const httpDate = headerValue(headers, 'date');
  if (xAmzDate === undefined && httpDate === undefined) {
    problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (problems.length > 0) throw apiError('IncompleteSignature', `${problems.join(' ')} Authorization=${authorization}`);
  const { amzDate, time } = xAmzDate !== undefined ? readAmzDate(xAmzDate) : readHttpDate(httpDate!);
  const credential = params.get('Credential')!;
  return {
    form: 'header', credential, ...readCredential(credential),
    signedHeaders: params.get('SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase()),
    signature: params.get('Signature')!,
    amzDate, time, query,
  };
}

/** Reads the claim of a presigned URL (X-Amz-* query parameters). */
export function claimFromQuery(query: [string, string][]): SignatureClaim {
  const get = (name: string) => query.find(([n]) => n === name)?.[1];
  const missing = PRESIGN_PARAMS.filter((name) => !get(name));
  if (missing.length > 0) {
    const list = missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(' ');
    throw apiError('IncompleteSignature', `${list} Re-examine the query-string parameters.`);
  }
  const algorithm = get('X-Amz-Algorithm')!;
  if (algorithm !== ALGORITHM) throw apiError('IncompleteSignature', `Unsupported AWS 'algorithm': '${algorithm}'. Route 53 accepts only '${ALGORITHM}'.`);
  const expires = get('X-Amz-Expires')!;
  if (!/^\d{1,7}$/.test(expires) || Number(expires) < 1 || Number(expires) > MAX_EXPIRES) {
    throw apiError('IncompleteSignature', `X-Amz-Expires must be a number of seconds from 1 to ${MAX_EXPIRES} (one week), not '${expires}'.`);
  }
  const credential = get('X-Amz-Credential')!;
  return {
    form: 'query', credential, ...readCredential(credential),
    signedHeaders: get('X-Amz-SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase()),
    signature: get('X-Amz-Signature')!,
    ...readAmzDate(get('X-Amz-Date')!),
    expiresSeconds: Number(expires),
    query: query.filter(([name]) => name !== 'X-Amz-Signature'),
  };
}

function readCredential(credential: string): Pick<SignatureClaim, 'accessKeyId' | 'scope'> {
  const parts = credential.split('/');
  if (parts.length !== 5) {
    throw apiError('IncompleteSignature', `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  }
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  return { accessKeyId, scope: { date, region, service, terminator } };
}

function readAmzDate(text: string): { amzDate: string; time: Date } {
  const time = parseAmzDate(text);
  if (!time) throw apiError('IncompleteSignature', `Date must be in ISO-8601 'basic format'. Got '${text}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  return { amzDate: text, time };
}

/** The Date header (RFC 7231 IMF-fixdate) stands in for X-Amz-Date; the string to sign carries its basic form. */
function readHttpDate(text: string): { amzDate: string; time: Date } {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw apiError('IncompleteSignature', `Date header must be an HTTP date (e.g. 'Tue, 02 Jan 2024 03:04:05 GMT'). Got '${text}'.`);
  const time = new Date(Math.floor(ms / 1000) * 1000);
  return { amzDate: formatAmzDate(time), time };
}
