/**
 * In-process helpers for test/review-api.test.ts: requests signed like the JS SDK signs them
 * (src/api/testing.ts), sent with app.inject to an API over an in-memory store. No sockets.
 */
import { createTestApi, signRequest, TEST_KEYS, type SignOptions, type TestApi, type TestApiOptions, type TestKey } from '../../src/api/testing.ts';
import { NAMESPACE } from '../../src/api/xml.ts';

export { TEST_KEYS, NAMESPACE };
export type Reply = { status: number; body: string };

export function api(opts: TestApiOptions = {}): Promise<TestApi> {
  return createTestApi(opts);
}

/** Sends a signed request; `path` is under /2013-04-01. */
export async function send(t: TestApi, method: string, path: string, o: Omit<SignOptions, 'method' | 'path'> = {}): Promise<Reply> {
  const req = await signRequest({ method, path: `/2013-04-01${path}`, ...o });
  const res = await t.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.body !== undefined ? { payload: req.body } : {}) });
  return { status: res.statusCode, body: res.body };
}

export const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
export const tags = (xml: string, name: string): string[] => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);
export const errorCode = (xml: string): string | undefined => tag(xml, 'Code');

/** True when every character of `xml` is one XML 1.0 allows (botocore's expat refuses the others). */
export const onlyXmlChars = (xml: string): boolean => !/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(xml);

export const createZoneXml = (name: string, ref: string, setId?: string): string =>
  `<CreateHostedZoneRequest xmlns="${NAMESPACE}"><Name>${name}</Name><CallerReference>${ref}</CallerReference>` +
  `${setId ? `<DelegationSetId>${setId}</DelegationSetId>` : ''}</CreateHostedZoneRequest>`;

export const createSetXml = (ref: string): string =>
  `<CreateReusableDelegationSetRequest xmlns="${NAMESPACE}"><CallerReference>${ref}</CallerReference></CreateReusableDelegationSetRequest>`;

export function changeXml(changes: [action: string, name: string, type: string, ttl: number, values: string[]][]): string {
  const items = changes.map(([action, name, type, ttl, values]) =>
    `<Change><Action>${action}</Action><ResourceRecordSet><Name>${name}</Name><Type>${type}</Type><TTL>${ttl}</TTL><ResourceRecords>` +
    `${values.map((v) => `<ResourceRecord><Value>${v}</Value></ResourceRecord>`).join('')}</ResourceRecords></ResourceRecordSet></Change>`).join('');
  return `<ChangeResourceRecordSetsRequest xmlns="${NAMESPACE}"><ChangeBatch><Changes>${items}</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`;
}

/** Creates a zone (201 required); returns its bare id and name servers. */
export async function createZone(t: TestApi, name: string, ref: string, o: { setId?: string; key?: TestKey } = {}): Promise<{ id: string; nameServers: string[] }> {
  const r = await send(t, 'POST', '/hostedzone', { body: createZoneXml(name, ref, o.setId), ...(o.key ? { key: o.key } : {}) });
  if (r.status !== 201) throw new Error(`CreateHostedZone ${name}: ${r.status} ${r.body}`);
  return { id: tag(r.body, 'Id')!.replace('/hostedzone/', ''), nameServers: tags(r.body, 'NameServer') };
}

/** Creates a reusable delegation set (201 required); returns its bare id and name servers. */
export async function createSet(t: TestApi, ref: string, o: { key?: TestKey } = {}): Promise<{ id: string; nameServers: string[] }> {
  const r = await send(t, 'POST', '/delegationset', { body: createSetXml(ref), ...(o.key ? { key: o.key } : {}) });
  if (r.status !== 201) throw new Error(`CreateReusableDelegationSet ${ref}: ${r.status} ${r.body}`);
  return { id: tag(r.body, 'Id')!.replace('/delegationset/', ''), nameServers: tags(r.body, 'NameServer') };
}
