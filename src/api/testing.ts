/**
 * Test helpers for the Route 53 API: requests signed the way the JS SDK signs them
 * (@smithy/signature-v4), an in-process app over an in-memory SQLite store with a fixed clock,
 * and the normalisation golden files are compared after (ids, request ids, timestamps).
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { openSqliteStore, type Store } from '../store/index.ts';
import type { ApiContext } from './context.ts';
import { createApi } from './server.ts';

/** The clock of test apps; requests are signed at this instant too. */
export const TEST_NOW = new Date('2026-03-01T12:00:00.000Z');
/** The Host header test requests carry (and sign). */
export const TEST_HOST = 'route53.signpost.test';
/** Eight name servers: two sets of four. */
export const TEST_NAME_SERVERS = Array.from({ length: 8 }, (_, i) => `ns-${i + 1}.signpost.test`);

export type TestKey = { accessKeyId: string; secretAccessKey: string; accountId: string };

/** Two accounts with one key each. */
export const TEST_KEYS = {
  a: { accessKeyId: 'AKIAGOLDENTESTKEY001', secretAccessKey: 'Z29sZGVuLXRlc3Qtc2VjcmV0LWEtMDAwMDAwMDAwMDAw', accountId: '111111111111' },
  b: { accessKeyId: 'AKIAGOLDENTESTKEY002', secretAccessKey: 'Z29sZGVuLXRlc3Qtc2VjcmV0LWItMDAwMDAwMDAwMDAw', accountId: '222222222222' },
} as const satisfies Record<string, TestKey>;

export type SignOptions = {
  method: string;
  /** Path, percent-encoded as sent (e.g. /2013-04-01/hostedzone). */
  path: string;
  query?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Extra headers, signed with the others. */
  headers?: Record<string, string>;
  key?: TestKey;
  date?: Date;
  host?: string;
  region?: string;
  /** Presign for this many seconds (query-string signature) instead of an Authorization header. */
  presign?: number;
};

/** A request ready to send: method, path with query, headers (host included) and body. */
export type SignedTestRequest = { method: string; url: string; headers: Record<string, string>; body: string | Buffer | undefined };

/** Returns `query` as a query string, in the order given (a list repeats the parameter). */
export function queryString(query: Record<string, string | string[]>): string {
  const s = Object.entries(query)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => `${encodeURIComponent(k)}=${encodeURIComponent(one)}`))
    .join('&');
  return s === '' ? '' : `?${s}`;
}

/** Returns the request signed with SigV4 (header form, or presigned URL with `presign`). */
export async function signRequest(o: SignOptions): Promise<SignedTestRequest> {
  const key = o.key ?? TEST_KEYS.a;
  const host = o.host ?? TEST_HOST;
  const signer = new SignatureV4({
    service: 'route53', region: o.region ?? 'us-east-1', sha256: Sha256,
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
  });
  const request = {
    method: o.method, protocol: 'http:', hostname: host, path: o.path, query: { ...o.query },
    headers: { host, ...o.headers }, body: o.body,
  };
  const date = o.date ?? TEST_NOW;
  if (o.presign !== undefined) {
    const signed = await signer.presign(request, { signingDate: date, expiresIn: o.presign });
    const q = Object.fromEntries(Object.entries(signed.query ?? {}).map(([k, v]) => [k, String(v)]));
    return { method: o.method, url: o.path + queryString(q), headers: { ...signed.headers }, body: o.body };
  }
  const signed = await signer.sign(request, { signingDate: date });
  return { method: o.method, url: o.path + queryString(o.query ?? {}), headers: { ...signed.headers }, body: o.body };
}

export type TestApiOptions = {
  /** Requests per second per account (0 = off, the default). */
  rateLimit?: number;
  /** Wraps the store the API sees (to inject failures). */
  wrapStore?: (store: Store) => Store;
  nameServers?: string[];
};

export type TestApi = { app: FastifyInstance; store: Store; ctx: ApiContext; close(): Promise<void> };

/** Returns an API app over a fresh in-memory store holding the TEST_KEYS, with the clock at TEST_NOW. */
export async function createTestApi(opts: TestApiOptions = {}): Promise<TestApi> {
  const store = openSqliteStore(':memory:');
  for (const key of Object.values(TEST_KEYS)) {
    await store.createAccount(key.accountId);
    await store.createAccessKey({ id: key.accessKeyId, secret: key.secretAccessKey, accountId: key.accountId, createdAt: TEST_NOW.toISOString() });
  }
  const ctx: ApiContext = {
    store: opts.wrapStore ? opts.wrapStore(store) : store,
    nameServers: opts.nameServers ?? TEST_NAME_SERVERS,
    log: pino({ level: 'silent' }),
    onZoneChange: () => {},
    now: () => TEST_NOW,
    liveNodeMs: 30_000,
    rateLimit: opts.rateLimit ?? 0,
  };
  const app = await createApi(ctx);
  await app.ready();
  return { app, store, ctx, async close() { await app.close(); await store.close(); } };
}

const ID = /\b([ZCN])[A-Z0-9]{20}\b/g;
/** CIDR collection ids as the golden test's id generator makes them (real ones are random UUIDs). */
const CIDR_ID = /\bcccccccc-0000-4000-8000-\d{12}\b/g;
const KIND = { Z: 'zone', C: 'change', N: 'delegationset', c: 'cidrcollection' } as const;

/** Placeholders for the ids a test has seen: `{zone-1}`, `{change-2}`, … in order of first sight. */
export type IdNames = { byId: Map<string, string>; count: Record<string, number> };

/** Returns an empty IdNames. */
export function newIdNames(): IdNames {
  return { byId: new Map(), count: {} };
}

/** Gives `id` a placeholder (if it has none) and returns it. */
export function nameId(names: IdNames, id: string): string {
  const known = names.byId.get(id);
  if (known) return known;
  const kind = KIND[id[0] as keyof typeof KIND] ?? 'id';
  const n = (names.count[kind] ?? 0) + 1;
  names.count[kind] = n;
  const name = `{${kind}-${n}}`;
  names.byId.set(id, name);
  return name;
}

/** Returns `text` with ids, request ids and timestamps replaced by placeholders (naming new ids). */
export function normalise(text: string, names: IdNames): string {
  return text
    .replace(ID, (id) => nameId(names, id))
    .replace(CIDR_ID, (id) => nameId(names, id))
    .replace(/<RequestId>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/RequestId>/g, '<RequestId>{request-id}</RequestId>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '{timestamp}');
}

/** Returns `text` with placeholders replaced by the ids they stand for. */
export function fillIds(text: string, names: IdNames): string {
  let out = text;
  for (const [id, name] of names.byId) out = out.replaceAll(name, id);
  return out;
}
