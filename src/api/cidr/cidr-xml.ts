/**
 * CIDR collections on the wire: the CidrCollection / CollectionSummary element, the ARN, and
 * paging for the three List operations (`maxresults`, and `nexttoken`: opaque to clients, here
 * the listing's kind and the last item returned, as base64url JSON).
 */
import type { CidrCollectionRow } from '../../store/index.ts';
import { apiError } from '../errors.ts';
import type { OutElement } from '../xml.ts';

/** Largest page the List operations return (a larger `maxresults` is clamped). */
export const PAGE_MAX = 100;

/** Returns the collection's ARN, as Route 53 writes it. */
export function cidrCollectionArn(id: string): string {
  return `arn:aws:route53:::cidrcollection/${id}`;
}

/** The children of CidrCollection and CollectionSummary (same members, model order). */
export function collectionXml(c: CidrCollectionRow): OutElement[] {
  return [['Arn', cidrCollectionArn(c.id)], ['Id', c.id], ['Name', c.name], ['Version', c.version]];
}

/** Parses `maxresults` (a string in the model): a positive integer, clamped to PAGE_MAX. */
export function maxResults(value: string | undefined): number {
  if (value === undefined) return PAGE_MAX;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw apiError('InvalidInput', `maxresults must be a positive integer, not "${value}"`);
  return Math.min(Number(value), PAGE_MAX);
}

/** The listings that page, each with the cursor its token carries. */
type Cursors = { collections: string; locations: string; blocks: { location: string; cidr: string } };

/** Returns the `nexttoken` that resumes listing `kind` after `after`. */
export function encodeToken<K extends keyof Cursors>(kind: K, after: Cursors[K]): string {
  return Buffer.from(JSON.stringify({ kind, after })).toString('base64url');
}

/** Returns the cursor of a `nexttoken` of listing `kind`, or undefined; InvalidPaginationToken when it is not one. */
export function decodeToken<K extends keyof Cursors>(kind: K, token: string | undefined): Cursors[K] | undefined {
  if (token === undefined) return undefined;
  const bad = () => apiError('InvalidPaginationToken', `The pagination token "${token.slice(0, 64)}" is not one this listing gave out`);
  let parsed: unknown;
  try {
    if (token.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(token)) throw bad();
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const { kind: k, after } = (parsed ?? {}) as { kind?: unknown; after?: unknown };
  if (k !== kind) throw bad();
  const ok = kind === 'blocks'
    ? typeof after === 'object' && after !== null && typeof (after as { location?: unknown }).location === 'string' && typeof (after as { cidr?: unknown }).cidr === 'string'
    : typeof after === 'string';
  if (!ok) throw bad();
  return after as Cursors[K];
}
