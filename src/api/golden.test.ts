/**
 * Golden API XML (STYLE 7): every operation of routes/index.ts, run in-process with fastify's
 * inject() over an in-memory store, requests signed as the SDK signs them. A case sends
 * testdata/<Operation>/<case>.request.xml (when it has a body) and compares the response, after
 * normalising ids, request ids and timestamps, byte for byte with <case>.response.xml.
 * Regenerate the responses with `UPDATE_GOLDEN=1 npx vitest run src/api/golden.test.ts`.
 *
 * Each case starts from a fresh fixture: account A owns example.com. ({zone-1}, created through
 * the API, with www.example.com. A 192.0.2.1 added by {change-2}); the zone's own delegation set
 * is {delegationset-1}. Ids are named in order of first sight, and the id generator is replaced
 * by a counter so that listings sorted by id come out in creation order.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { newZoneId, VersionConflict, type Store } from '../store/index.ts';
import { ERRORS, type ErrorCode } from './errors.ts';
import { ROUTES } from './routes/index.ts';
import { BODY_LIMIT } from './server.ts';
import {
  TEST_HOST, TEST_KEYS, TEST_NOW, createTestApi, fillIds, nameId, newIdNames, normalise, signRequest,
  type IdNames, type SignOptions, type TestApi, type TestApiOptions, type TestKey,
} from './testing.ts';

const ids = vi.hoisted(() => {
  let n = 0;
  return {
    next: (prefix: string) => prefix + String(++n).padStart(20, '0'),
    // UUIDs of this shape are named {cidrcollection-N} by normalise() (testing.ts).
    uuid: () => `cccccccc-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  };
});
vi.mock('../store/ids.ts', () => ({
  newZoneId: () => ids.next('Z'),
  newChangeId: () => ids.next('C'),
  newDelegationSetId: () => ids.next('N'),
  newCidrCollectionId: () => ids.uuid(),
  newHealthCheckId: () => `00000000-0000-4000-8000-${ids.next('').slice(-12)}`,
}));

const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Response = LightMyRequestResponse;

/** A fresh API with account A's example.com. and a way to send signed requests to it. */
type Fixture = {
  api: TestApi;
  names: IdNames;
  /** Store methods replaced for the next requests (to inject failures). */
  faults: Partial<Record<keyof Store, unknown>>;
  /** The real id of example.com. ({zone-1}). */
  zone: string;
  /** Sends a signed request; `target` is `METHOD /path?query` under /2013-04-01, with placeholders. */
  send(target: string, body?: string, sign?: Partial<SignOptions>): Promise<Response>;
  /** Like send, and fails unless the answer is 2xx; returns the normalised body. */
  ok(target: string, body?: string, sign?: Partial<SignOptions>): Promise<string>;
};

async function createFixture(opts: { api?: TestApiOptions; base?: boolean } = {}): Promise<Fixture> {
  const faults: Fixture['faults'] = {};
  const api = await createTestApi({
    ...opts.api,
    wrapStore: (s) => new Proxy(s, { get: (t, p) => faults[p as keyof Store] ?? Reflect.get(t, p) }),
  });
  const names = newIdNames();
  const f: Fixture = {
    api, names, faults, zone: '',
    async send(target, body, sign = {}) {
      const [method, pathAndQuery] = target.split(' ') as [string, string];
      const [path, query] = fillIds(pathAndQuery, names).split('?') as [string, string | undefined];
      const req = await signRequest({
        method, path: `/2013-04-01${path}`, query: Object.fromEntries(new URLSearchParams(query ?? '')),
        ...(body !== undefined ? { body: fillIds(body, names) } : {}), ...sign,
      });
      const res = await api.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.body !== undefined ? { payload: req.body } : {}) });
      normalise(res.body, names);
      return res;
    },
    async ok(target, body, sign) {
      const res = await f.send(target, body, sign);
      if (res.statusCode >= 300) throw new Error(`setup ${target} answered ${res.statusCode}: ${res.body}`);
      return normalise(res.body, names);
    },
  };
  if (opts.base === false) return f;
  await f.ok('POST /hostedzone', createZoneXml('example.com.', 'golden-base', 'base zone'));
  f.zone = [...names.byId.entries()].find(([, n]) => n === '{zone-1}')![0];
  nameId(names, (await api.store.getZone(f.zone))!.delegationSetId!);
  await f.ok('POST /hostedzone/{zone-1}/rrset/', changeXml([['UPSERT', 'www.example.com.', 'A', 300, ['192.0.2.1']]]));
  return f;
}

function createZoneXml(name: string, ref: string, comment?: string, setId?: string): string {
  return `<CreateHostedZoneRequest xmlns="${NS}"><Name>${name}</Name><CallerReference>${ref}</CallerReference>` +
    `${comment ? `<HostedZoneConfig><Comment>${comment}</Comment></HostedZoneConfig>` : ''}${setId ? `<DelegationSetId>${setId}</DelegationSetId>` : ''}</CreateHostedZoneRequest>`;
}

function changeXml(changes: [action: string, name: string, type: string, ttl: number, values: string[]][]): string {
  const items = changes.map(([action, name, type, ttl, values]) =>
    `<Change><Action>${action}</Action><ResourceRecordSet><Name>${name}</Name><Type>${type}</Type><TTL>${ttl}</TTL><ResourceRecords>` +
    `${values.map((v) => `<ResourceRecord><Value>${v}</Value></ResourceRecord>`).join('')}</ResourceRecords></ResourceRecordSet></Change>`).join('');
  return `<ChangeResourceRecordSetsRequest xmlns="${NS}"><ChangeBatch><Changes>${items}</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`;
}

const setXml = (ref: string, zoneId?: string) =>
  `<CreateReusableDelegationSetRequest xmlns="${NS}"><CallerReference>${ref}</CallerReference>${zoneId ? `<HostedZoneId>${zoneId}</HostedZoneId>` : ''}</CreateReusableDelegationSetRequest>`;
const tagsXml = (tags: [string, string][]) =>
  `<ChangeTagsForResourceRequest xmlns="${NS}"><AddTags>${tags.map(([k, v]) => `<Tag><Key>${k}</Key><Value>${v}</Value></Tag>`).join('')}</AddTags></ChangeTagsForResourceRequest>`;

function requestFile(op: string, name: string): string {
  return readFileSync(join(TESTDATA, op, `${name}.request.xml`), 'utf8');
}

/** Setup steps shared by several cases. */
const addZone = (name: string, ref: string, setId?: string) => (f: Fixture) => f.ok('POST /hostedzone', createZoneXml(name, ref, undefined, setId)).then(() => {});
const addSet = (ref: string) => (f: Fixture) => f.ok('POST /delegationset', setXml(ref)).then(() => {});
const steps = (...fns: ((f: Fixture) => Promise<void>)[]) => async (f: Fixture) => {
  for (const fn of fns) await fn(f);
};
const addWeighted = (f: Fixture) => f.ok('POST /hostedzone/{zone-1}/rrset/', requestFile('ChangeResourceRecordSets', 'weighted')).then(() => {});
const addEveryType = (f: Fixture) => f.ok('POST /hostedzone/{zone-1}/rrset/', requestFile('ChangeResourceRecordSets', 'create-every-type')).then(() => {});
const addCname = (f: Fixture) => f.ok('POST /hostedzone/{zone-1}/rrset/', changeXml([['CREATE', 'alias.example.com.', 'CNAME', 300, ['www.example.com.']]])).then(() => {});
/** CIDR collections: create one, put blocks at a location, add an IP-based record set to example.com. */
const cidrCollectionXml = (name: string, ref: string) =>
  `<CreateCidrCollectionRequest xmlns="${NS}"><Name>${name}</Name><CallerReference>${ref}</CallerReference></CreateCidrCollectionRequest>`;
const cidrChangeXml = (location: string, cidrs: string[]) => `<ChangeCidrCollectionRequest xmlns="${NS}"><Changes><member><LocationName>${location}</LocationName>` +
  `<Action>PUT</Action><CidrList>${cidrs.map((c) => `<Cidr>${c}</Cidr>`).join('')}</CidrList></member></Changes></ChangeCidrCollectionRequest>`;
const addCollection = (name: string, ref = `ref-${name}`) => (f: Fixture) => f.ok('POST /cidrcollection', cidrCollectionXml(name, ref)).then(() => {});
const addBlocks = (location: string, cidrs: string[], collection = '{cidrcollection-1}') => (f: Fixture) =>
  f.ok(`POST /cidrcollection/${collection}`, cidrChangeXml(location, cidrs)).then(() => {});
const addIpRecord = (location: string, collection = '{cidrcollection-1}') => (f: Fixture) => f.ok('POST /hostedzone/{zone-1}/rrset/',
  `<ChangeResourceRecordSetsRequest xmlns="${NS}"><ChangeBatch><Changes><Change><Action>CREATE</Action><ResourceRecordSet><Name>ip.example.com</Name>` +
  `<Type>A</Type><SetIdentifier>${location === '*' ? 'default' : location}</SetIdentifier><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.80</Value></ResourceRecord></ResourceRecords>` +
  `<CidrRoutingConfig><CollectionId>${collection}</CollectionId><LocationName>${location}</LocationName></CidrRoutingConfig></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`).then(() => {});
const offices = steps(addCollection('offices'), addBlocks('paris', ['192.0.2.0/24', '2001:db8:1::/48']), addBlocks('rome', ['198.51.100.0/24']));
/** A nexttoken as the CIDR listings write them (base64url JSON of the listing and the last item). */
const cidrToken = (kind: string, after: unknown) => Buffer.from(JSON.stringify({ kind, after })).toString('base64url');
const NO_SUCH_COLLECTION = '0e548232-8f42-4e8c-bbda-81b6bf5e71ca';
/** Reports a live DNS node serving `versions` (zone id -> version; 'current' = each zone's version now). */
const reportNode = (versions: 'current' | 'none') => async (f: Fixture) => {
  const served: Record<string, number> = {};
  if (versions === 'current') for (const z of await f.api.store.listZones()) served[z.id] = z.version;
  await f.api.store.reportDnsNode({ id: 'golden-node', pid: 1, host: 'golden', listeners: ['127.0.0.1:53'], versions: served, startedAt: TEST_NOW.toISOString(), heartbeatAt: TEST_NOW.toISOString() });
};
/** Fills account A up to `count` hosted zones, straight in the store (`setId`: on that reusable set). */
const fillZones = (count: number, setPlaceholder?: string) => async (f: Fixture) => {
  const setId = setPlaceholder ? fillIds(setPlaceholder, f.names) : null;
  const have = (await f.api.store.listZones()).filter((z) => z.accountId === TEST_KEYS.a.accountId).length;
  for (let i = have; i < count; i++) {
    await f.api.store.createZone({ id: newZoneId(), name: `bulk${i}.example.net.`, accountId: TEST_KEYS.a.accountId, callerReference: `bulk-${i}`, comment: '', privateZone: false, delegationSetId: setId }, []);
  }
};

/** Health checks (issue 7): a TCP check with caller reference `ref` and port `port`. */
const tcpCheckXml = (ref: string, port = 443) =>
  `<CreateHealthCheckRequest xmlns="${NS}"><CallerReference>${ref}</CallerReference><HealthCheckConfig><IPAddress>192.0.2.20</IPAddress><Port>${port}</Port><Type>TCP</Type></HealthCheckConfig></CreateHealthCheckRequest>`;
const addCheck = (ref: string, port?: number) => (f: Fixture) => f.ok('POST /healthcheck', tcpCheckXml(ref, port)).then(() => {});
const addCalculated = (f: Fixture) => f.ok('POST /healthcheck', requestFile('CreateHealthCheck', 'calculated')).then(() => {});
/** Writes reports of two checkers for {healthcheck-1}: eu-west-1 healthy, us-east-1 failing. */
const addReports = async (f: Fixture) => {
  const id = fillIds('{healthcheck-1}', f.names);
  const at = TEST_NOW.toISOString();
  await f.api.store.writeHealthReports([
    { checkId: id, checkerId: 'eu', region: 'eu-west-1', address: '127.0.0.2', healthy: true, status: 'Success: TCP connection established. Resolved IP: 192.0.2.20', checkedAt: at, lastFailure: 'Failure: Resolved IP: 192.0.2.20. Connection refused.', lastFailureAt: at },
    { checkId: id, checkerId: 'us', region: 'us-east-1', address: '127.0.0.3', healthy: false, status: 'Failure: Resolved IP: 192.0.2.20. Connection refused.', checkedAt: at, lastFailure: 'Failure: Resolved IP: 192.0.2.20. Connection refused.', lastFailureAt: at },
  ], [], 10);
};
const useCheckInRecord = (f: Fixture) => f.ok('POST /hostedzone/{zone-1}/rrset/', `<ChangeResourceRecordSetsRequest xmlns="${NS}"><ChangeBatch><Changes><Change><Action>CREATE</Action><ResourceRecordSet><Name>failover.example.com.</Name><Type>A</Type><SetIdentifier>primary</SetIdentifier><Failover>PRIMARY</Failover><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords><HealthCheckId>{healthcheck-1}</HealthCheckId></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`).then(() => {});
const fillChecks = (count: number) => async (f: Fixture) => {
  for (let i = 0; i < count; i++) {
    await f.api.store.createHealthCheck({ id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, accountId: TEST_KEYS.a.accountId, callerReference: `bulk-${i}`, config: '{"type":"TCP","ipAddress":"192.0.2.1","port":80,"requestInterval":30,"failureThreshold":3,"measureLatency":false,"inverted":false,"disabled":false}', createdConfig: '{}', createdAt: TEST_NOW.toISOString() });
  }
};
/** VPCs of the private-zone cases: two of account A, one of account B (straight in the store). */
const VPC_A1 = 'vpc-0a000000000000001';
const VPC_A2 = 'vpc-0a000000000000002';
const VPC_B1 = 'vpc-0b000000000000001';
const addVpc = (id: string, key: TestKey = TEST_KEYS.a, cidr = '10.1.0.0/16') => (f: Fixture) =>
  f.api.store.createVpc({ id, region: 'us-east-1', accountId: key.accountId, cidrs: [{ associationId: `vpc-cidr-assoc-${id.slice(4)}`, cidrBlock: cidr }], createdAt: TEST_NOW.toISOString() });
const vpcXmlOf = (id: string) => `<VPC><VPCRegion>us-east-1</VPCRegion><VPCId>${id}</VPCId></VPC>`;
const privateZoneXml = (name: string, ref: string, vpc: string) =>
  `<CreateHostedZoneRequest xmlns="${NS}"><Name>${name}</Name>${vpcXmlOf(vpc)}<CallerReference>${ref}</CallerReference><HostedZoneConfig><PrivateZone>true</PrivateZone></HostedZoneConfig></CreateHostedZoneRequest>`;
const addPrivateZone = (name: string, ref: string, vpc: string, key: TestKey = TEST_KEYS.a) => (f: Fixture) =>
  f.ok('POST /hostedzone', privateZoneXml(name, ref, vpc), { key }).then(() => {});
const vpcRequest = (root: string, vpc: string) => `<${root} xmlns="${NS}">${vpcXmlOf(vpc)}</${root}>`;
const authorize = (zone: string, vpc: string) => (f: Fixture) =>
  f.ok(`POST /hostedzone/${zone}/authorizevpcassociation`, vpcRequest('CreateVPCAssociationAuthorizationRequest', vpc)).then(() => {});
const associate = (zone: string, vpc: string, key: TestKey = TEST_KEYS.a) => (f: Fixture) =>
  f.ok(`POST /hostedzone/${zone}/associatevpc`, vpcRequest('AssociateVPCWithHostedZoneRequest', vpc), { key }).then(() => {});
/** Account A's private example.org. ({zone-2}) on VPC_A1. */
const privateOrg = steps(addVpc(VPC_A1), addPrivateZone('example.org.', 'private-org', VPC_A1));

type Case = {
  op: string;
  name: string;
  /** `METHOD /path?query` under /2013-04-01, with id placeholders. */
  target: string;
  status: number;
  /** Sends testdata/<op>/<name>.request.xml. */
  body?: boolean;
  key?: TestKey;
  api?: TestApiOptions;
  base?: false;
  setup?: (f: Fixture) => Promise<void>;
  /** Sends the request itself (unsigned, tampered, oversized); `target` is then only documentation. */
  send?: (f: Fixture) => Promise<Response>;
  /**
   * A known bug: the golden file holds the correct answer (written by hand, never regenerated)
   * and the case runs as it.fails until the bug is fixed.
   */
  bug?: string;
};

const OTHER: TestKey = { ...TEST_KEYS.a, accessKeyId: 'AKIANOSUCHKEY0000000' };
const WRONG_SECRET: TestKey = { ...TEST_KEYS.a, secretAccessKey: 'not-the-secret' };
const inject = (f: Fixture, o: SignOptions) => signRequest(o).then((r) =>
  f.api.app.inject({ method: r.method as 'GET', url: r.url, headers: r.headers, ...(r.body !== undefined ? { payload: r.body } : {}) }));

const CASES: Case[] = [
  // CreateHostedZone
  { op: 'CreateHostedZone', name: 'basic', target: 'POST /hostedzone', body: true, status: 201 },
  { op: 'CreateHostedZone', name: 'trailing-dot-and-case', target: 'POST /hostedzone', body: true, status: 201 },
  { op: 'CreateHostedZone', name: 'reusable-delegation-set', target: 'POST /hostedzone', body: true, status: 201, setup: addSet('set-a') },
  { op: 'CreateHostedZone', name: 'caller-reference-reused', target: 'POST /hostedzone', body: true, status: 409 },
  {
    op: 'CreateHostedZone', name: 'caller-reference-of-deleted-zone', target: 'POST /hostedzone', body: true, status: 409,
    setup: steps(addZone('example.net.', 'golden-gone'), (f) => f.ok('DELETE /hostedzone/{zone-2}').then(() => {})),
  },
  { op: 'CreateHostedZone', name: 'single-label-name', target: 'POST /hostedzone', body: true, status: 201 },
  { op: 'CreateHostedZone', name: 'empty-label', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'wildcard-name', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'missing-caller-reference', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'unknown-element', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'bad-private-zone-value', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'no-such-delegation-set', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'delegation-set-not-reusable', target: 'POST /hostedzone', body: true, status: 400 },
  {
    op: 'CreateHostedZone', name: 'conflicting-domain-exists', target: 'POST /hostedzone', body: true, status: 400,
    setup: steps(addSet('set-a'), addZone('example.org.', 'first-org', '{delegationset-2}')),
  },
  { op: 'CreateHostedZone', name: 'delegation-set-not-available', target: 'POST /hostedzone', body: true, status: 400, setup: addZone('example.com.', 'second-com') },
  { op: 'CreateHostedZone', name: 'too-many-hosted-zones', target: 'POST /hostedzone', body: true, status: 400, setup: fillZones(500) },
  { op: 'CreateHostedZone', name: 'delegation-set-full', target: 'POST /hostedzone', body: true, status: 400, setup: steps(addSet('set-a'), fillZones(101, '{delegationset-2}')) },
  { op: 'CreateHostedZone', name: 'malformed-xml', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'billion-laughs', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'wrong-root', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'empty-body', target: 'POST /hostedzone', body: true, status: 400 },
  {
    op: 'CreateHostedZone', name: 'request-entity-too-large', target: 'POST /hostedzone (1 MiB + 1 byte)', status: 413,
    send: (f) => inject(f, { method: 'POST', path: '/2013-04-01/hostedzone', body: `<CreateHostedZoneRequest xmlns="${NS}">`.padEnd(BODY_LIMIT + 1, ' ') }),
  },
  // GetHostedZone
  { op: 'GetHostedZone', name: 'basic', target: 'GET /hostedzone/{zone-1}', status: 200 },
  { op: 'GetHostedZone', name: 'prefixed-id', target: 'GET /hostedzone/%2Fhostedzone%2F{zone-1}', status: 200 },
  {
    op: 'GetHostedZone', name: 'reusable-delegation-set', target: 'GET /hostedzone/{zone-2}', status: 200,
    setup: steps(addSet('set-a'), addZone('example.org.', 'org-on-set', '{delegationset-2}')),
  },
  { op: 'GetHostedZone', name: 'no-such-hosted-zone', target: 'GET /hostedzone/ZNOSUCHZONE', status: 404 },
  { op: 'GetHostedZone', name: 'other-account', target: 'GET /hostedzone/{zone-1}', key: TEST_KEYS.b, status: 404 },
  { op: 'GetHostedZone', name: 'invalid-id', target: 'GET /hostedzone/not-an-id', status: 404 },
  // ListHostedZones
  { op: 'ListHostedZones', name: 'basic', target: 'GET /hostedzone', status: 200, setup: addZone('example.org.', 'org') },
  { op: 'ListHostedZones', name: 'paged', target: 'GET /hostedzone?maxitems=1', status: 200, setup: addZone('example.org.', 'org') },
  {
    op: 'ListHostedZones', name: 'marker', target: 'GET /hostedzone?marker={zone-2}&maxitems=1', status: 200,
    setup: steps(addZone('example.org.', 'org'), addZone('example.net.', 'net')),
  },
  { op: 'ListHostedZones', name: 'maxitems-clamped', target: 'GET /hostedzone?maxitems=5000', status: 200 },
  {
    op: 'ListHostedZones', name: 'by-delegation-set', target: 'GET /hostedzone?delegationsetid={delegationset-2}', status: 200,
    setup: steps(addSet('set-a'), addZone('example.org.', 'org-on-set', '{delegationset-2}')),
  },
  { op: 'ListHostedZones', name: 'private-only', target: 'GET /hostedzone?hostedzonetype=PrivateHostedZone', status: 200 },
  { op: 'ListHostedZones', name: 'other-account', target: 'GET /hostedzone', key: TEST_KEYS.b, status: 200 },
  { op: 'ListHostedZones', name: 'bad-maxitems', target: 'GET /hostedzone?maxitems=0', status: 400 },
  { op: 'ListHostedZones', name: 'bad-marker', target: 'GET /hostedzone?marker=ZNOSUCHZONE', status: 400 },
  { op: 'ListHostedZones', name: 'bad-hosted-zone-type', target: 'GET /hostedzone?hostedzonetype=PublicHostedZone', status: 400 },
  { op: 'ListHostedZones', name: 'no-such-delegation-set', target: 'GET /hostedzone?delegationsetid=NNOSUCHSET', status: 400 },
  {
    op: 'ListHostedZones', name: 'presigned-url', target: 'GET /hostedzone?X-Amz-Signature=…', status: 200,
    send: (f) => inject(f, { method: 'GET', path: '/2013-04-01/hostedzone', presign: 300 }),
  },
  {
    op: 'ListHostedZones', name: 'missing-authentication-token', target: 'GET /hostedzone (no Authorization)', status: 403,
    send: (f) => f.api.app.inject({ method: 'GET', url: '/2013-04-01/hostedzone', headers: { host: TEST_HOST } }),
  },
  {
    op: 'ListHostedZones', name: 'incomplete-signature', target: 'GET /hostedzone (Authorization without Signature)', status: 400,
    send: (f) => f.api.app.inject({ method: 'GET', url: '/2013-04-01/hostedzone', headers: {
      host: TEST_HOST, 'x-amz-date': '20260301T120000Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${TEST_KEYS.a.accessKeyId}/20260301/us-east-1/route53/aws4_request, SignedHeaders=host;x-amz-date`,
    } }),
  },
  {
    op: 'ListHostedZones', name: 'invalid-client-token-id', target: 'GET /hostedzone (unknown access key)', status: 403,
    send: (f) => inject(f, { method: 'GET', path: '/2013-04-01/hostedzone', key: OTHER }),
  },
  {
    op: 'ListHostedZones', name: 'signature-does-not-match', target: 'GET /hostedzone (wrong secret)', status: 403,
    send: (f) => inject(f, { method: 'GET', path: '/2013-04-01/hostedzone', key: WRONG_SECRET }),
  },
  {
    op: 'ListHostedZones', name: 'signature-expired', target: 'GET /hostedzone (signed 20 minutes ago)', status: 403,
    send: (f) => inject(f, { method: 'GET', path: '/2013-04-01/hostedzone', date: new Date(TEST_NOW.getTime() - 20 * 60_000) }),
  },
  {
    op: 'ListHostedZones', name: 'presigned-url-expired', target: 'GET /hostedzone?X-Amz-Expires=60 (signed an hour ago)', status: 403,
    send: (f) => inject(f, { method: 'GET', path: '/2013-04-01/hostedzone', presign: 60, date: new Date(TEST_NOW.getTime() - 3600_000) }),
  },
  {
    op: 'ListHostedZones', name: 'content-sha256-mismatch', target: 'GET /hostedzone (x-amz-content-sha256 of another body)', status: 400,
    send: (f) => inject(f, { method: 'GET', path: '/2013-04-01/hostedzone', headers: { 'x-amz-content-sha256': '0'.repeat(64) } }),
  },
  {
    op: 'ListHostedZones', name: 'throttling', target: 'GET /hostedzone (second request of the second, limit 1/s)', status: 400,
    api: { rateLimit: 1 }, base: false, setup: (f) => f.ok('GET /hostedzone').then(() => {}),
  },
  // ListHostedZonesByName
  { op: 'ListHostedZonesByName', name: 'basic', target: 'GET /hostedzonesbyname', status: 200, setup: steps(addZone('example.org.', 'org'), addZone('example.net.', 'net')) },
  { op: 'ListHostedZonesByName', name: 'dnsname', target: 'GET /hostedzonesbyname?dnsname=EXAMPLE.net', status: 200, setup: steps(addZone('example.org.', 'org'), addZone('example.net.', 'net')) },
  {
    op: 'ListHostedZonesByName', name: 'dnsname-and-hostedzoneid', target: 'GET /hostedzonesbyname?dnsname=example.com.&hostedzoneid={zone-2}&maxitems=1', status: 200,
    setup: addZone('example.com.', 'second-com'),
  },
  { op: 'ListHostedZonesByName', name: 'paged', target: 'GET /hostedzonesbyname?maxitems=1', status: 200, setup: steps(addZone('example.org.', 'org'), addZone('example.net.', 'net')) },
  { op: 'ListHostedZonesByName', name: 'hostedzoneid-without-dnsname', target: 'GET /hostedzonesbyname?hostedzoneid={zone-1}', status: 400 },
  { op: 'ListHostedZonesByName', name: 'bad-dnsname', target: 'GET /hostedzonesbyname?dnsname=a..example.com', status: 400 },
  // UpdateHostedZoneComment
  { op: 'UpdateHostedZoneComment', name: 'basic', target: 'POST /hostedzone/{zone-1}', body: true, status: 200 },
  { op: 'UpdateHostedZoneComment', name: 'remove-comment', target: 'POST /hostedzone/{zone-1}', body: true, status: 200 },
  { op: 'UpdateHostedZoneComment', name: 'comment-too-long', target: 'POST /hostedzone/{zone-1}', body: true, status: 400 },
  {
    op: 'UpdateHostedZoneComment', name: 'character-references', target: 'POST /hostedzone/{zone-1}', body: true, status: 200,
  },
  { op: 'UpdateHostedZoneComment', name: 'no-such-hosted-zone', target: 'POST /hostedzone/ZNOSUCHZONE', body: true, status: 404 },
  // DeleteHostedZone
  { op: 'DeleteHostedZone', name: 'basic', target: 'DELETE /hostedzone/{zone-2}', status: 200, setup: addZone('example.org.', 'org') },
  { op: 'DeleteHostedZone', name: 'not-empty', target: 'DELETE /hostedzone/{zone-1}', status: 400 },
  { op: 'DeleteHostedZone', name: 'no-such-hosted-zone', target: 'DELETE /hostedzone/ZNOSUCHZONE', status: 404 },
  { op: 'DeleteHostedZone', name: 'other-account', target: 'DELETE /hostedzone/{zone-1}', key: TEST_KEYS.b, status: 404 },
  // GetHostedZoneCount
  { op: 'GetHostedZoneCount', name: 'basic', target: 'GET /hostedzonecount', status: 200, setup: addZone('example.org.', 'org') },
  { op: 'GetHostedZoneCount', name: 'other-account', target: 'GET /hostedzonecount', key: TEST_KEYS.b, status: 200 },
  // It takes no input: only the signature can be wrong.
  {
    op: 'GetHostedZoneCount', name: 'signature-does-not-match', target: 'GET /hostedzonecount (wrong secret)', status: 403,
    send: (f) => inject(f, { method: 'GET', path: '/2013-04-01/hostedzonecount', key: WRONG_SECRET }),
  },
  // ChangeResourceRecordSets
  { op: 'ChangeResourceRecordSets', name: 'basic', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 200 },
  { op: 'ChangeResourceRecordSets', name: 'no-trailing-slash', target: 'POST /hostedzone/{zone-1}/rrset', body: true, status: 200 },
  { op: 'ChangeResourceRecordSets', name: 'create-every-type', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 200 },
  { op: 'ChangeResourceRecordSets', name: 'upsert', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 200 },
  { op: 'ChangeResourceRecordSets', name: 'delete', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 200 },
  { op: 'ChangeResourceRecordSets', name: 'delete-then-create', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 200 },
  { op: 'ChangeResourceRecordSets', name: 'wildcards-and-escapes', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 200 },
  { op: 'ChangeResourceRecordSets', name: 'alias', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 200 },
  { op: 'ChangeResourceRecordSets', name: 'weighted', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 200 },
  { op: 'ChangeResourceRecordSets', name: 'already-exists', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'not-found', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'values-differ', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'cname-conflicts', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'conflicts-with-cname', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400, setup: addCname },
  { op: 'ChangeResourceRecordSets', name: 'cname-at-apex', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'outside-zone', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'duplicate-value', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'invalid-set-of-changes', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'delete-apex-ns', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'bad-ipv4', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'unquoted-txt', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'mx-one-field', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'empty-label', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'alias-target-missing', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'many-problems', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'several-problems', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400, setup: addCname },
  { op: 'ChangeResourceRecordSets', name: 'bad-action', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'bad-type', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'ttl-out-of-range', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'missing-values', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'missing-set-identifier', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'unknown-element', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'no-changes', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'wrong-root', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'malformed-xml', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'external-entity', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'no-such-hosted-zone', target: 'POST /hostedzone/ZNOSUCHZONE/rrset/', body: true, status: 404 },
  {
    op: 'ChangeResourceRecordSets', name: 'prior-request-not-complete', target: 'POST /hostedzone/{zone-1}/rrset/ (the zone moves on at every attempt)', body: true, status: 400,
    setup: async (f) => {
      f.faults.applyChange = async () => { throw new VersionConflict('the zone moved on'); };
    },
  },
  // ListResourceRecordSets
  { op: 'ListResourceRecordSets', name: 'basic', target: 'GET /hostedzone/{zone-1}/rrset', status: 200 },
  { op: 'ListResourceRecordSets', name: 'every-type', target: 'GET /hostedzone/{zone-1}/rrset', status: 200, setup: addEveryType },
  {
    op: 'ListResourceRecordSets', name: 'wildcards-and-escapes', target: 'GET /hostedzone/{zone-1}/rrset', status: 200,
    setup: (f) => f.ok('POST /hostedzone/{zone-1}/rrset/', requestFile('ChangeResourceRecordSets', 'wildcards-and-escapes')).then(() => {}),
  },
  {
    op: 'ListResourceRecordSets', name: 'alias', target: 'GET /hostedzone/{zone-1}/rrset?name=example.com&type=A', status: 200,
    setup: (f) => f.ok('POST /hostedzone/{zone-1}/rrset/', requestFile('ChangeResourceRecordSets', 'alias')).then(() => {}),
  },
  { op: 'ListResourceRecordSets', name: 'paged', target: 'GET /hostedzone/{zone-1}/rrset?maxitems=2', status: 200, setup: addEveryType },
  { op: 'ListResourceRecordSets', name: 'start-name-and-type', target: 'GET /hostedzone/{zone-1}/rrset?name=mail.example.com.&type=AAAA&maxitems=3', status: 200, setup: addEveryType },
  { op: 'ListResourceRecordSets', name: 'next-record-identifier', target: 'GET /hostedzone/{zone-1}/rrset?name=weighted.example.com&type=A&maxitems=1', status: 200, setup: addWeighted },
  {
    op: 'ListResourceRecordSets', name: 'start-identifier', target: 'GET /hostedzone/{zone-1}/rrset?name=weighted.example.com&type=A&identifier=green', status: 200,
    setup: addWeighted,
  },
  { op: 'ListResourceRecordSets', name: 'type-without-name', target: 'GET /hostedzone/{zone-1}/rrset?type=A', status: 400 },
  { op: 'ListResourceRecordSets', name: 'bad-type', target: 'GET /hostedzone/{zone-1}/rrset?name=example.com&type=XYZ', status: 400 },
  { op: 'ListResourceRecordSets', name: 'bad-maxitems', target: 'GET /hostedzone/{zone-1}/rrset?maxitems=many', status: 400 },
  { op: 'ListResourceRecordSets', name: 'no-such-hosted-zone', target: 'GET /hostedzone/ZNOSUCHZONE/rrset', status: 404 },
  {
    op: 'ListResourceRecordSets', name: 'internal-failure', target: 'GET /hostedzone/{zone-1}/rrset (the store fails)', status: 500,
    setup: async (f) => {
      f.faults.getRecordSets = async () => { throw new Error('disk on fire'); };
    },
  },
  // TestDNSAnswer (routing policies, issue 6)
  { op: 'TestDNSAnswer', name: 'simple', target: 'GET /testdnsanswer?hostedzoneid={zone-1}&recordname=www.example.com&recordtype=A', status: 200 },
  {
    op: 'TestDNSAnswer', name: 'weighted-with-explanation', target: 'GET /testdnsanswer?hostedzoneid={zone-1}&recordname=weighted.example.com&recordtype=A&resolverip=198.51.100.1', status: 200,
    // Weights 1 and 0: the draw always picks blue, so the golden file is stable.
    setup: (f) => f.ok('POST /hostedzone/{zone-1}/rrset/', requestFile('ChangeResourceRecordSets', 'weighted')
      .replace('<Weight>70</Weight>', '<Weight>1</Weight>').replace('<Weight>30</Weight>', '<Weight>0</Weight>')).then(() => {}),
  },
  { op: 'TestDNSAnswer', name: 'client-subnet', target: 'GET /testdnsanswer?hostedzoneid={zone-1}&recordname=nope.example.com&recordtype=A&edns0clientsubnetip=203.0.113.0&edns0clientsubnetmask=24', status: 200 },
  { op: 'TestDNSAnswer', name: 'missing-record-type', target: 'GET /testdnsanswer?hostedzoneid={zone-1}&recordname=www.example.com', status: 400 },
  { op: 'TestDNSAnswer', name: 'bad-record-type', target: 'GET /testdnsanswer?hostedzoneid={zone-1}&recordname=www.example.com&recordtype=AXFR', status: 400 },
  { op: 'TestDNSAnswer', name: 'bad-resolver-ip', target: 'GET /testdnsanswer?hostedzoneid={zone-1}&recordname=www.example.com&recordtype=A&resolverip=nope', status: 400 },
  { op: 'TestDNSAnswer', name: 'name-outside-zone', target: 'GET /testdnsanswer?hostedzoneid={zone-1}&recordname=www.example.org&recordtype=A', status: 400 },
  { op: 'TestDNSAnswer', name: 'private-zone', target: 'GET /testdnsanswer?hostedzoneid={zone-2}&recordname=www.example.org&recordtype=A', status: 400, setup: privateOrg },
  { op: 'TestDNSAnswer', name: 'no-such-zone', target: 'GET /testdnsanswer?hostedzoneid=ZNOSUCHZONE&recordname=www.example.com&recordtype=A', status: 404 },
  // GetChange
  { op: 'GetChange', name: 'pending', target: 'GET /change/{change-2}', status: 200 },
  { op: 'GetChange', name: 'insync', target: 'GET /change/{change-2}', status: 200, setup: reportNode('current') },
  { op: 'GetChange', name: 'prefixed-id', target: 'GET /change/%2Fchange%2F{change-1}', status: 200 },
  {
    op: 'GetChange', name: 'deleted-zone', target: 'GET /change/{change-4}', status: 200,
    setup: steps(addZone('example.org.', 'org'), (f) => f.ok('DELETE /hostedzone/{zone-2}').then(() => {}), reportNode('current')),
  },
  {
    op: 'GetChange', name: 'other-account-deleted-zone', target: 'GET /change/{change-4}', key: TEST_KEYS.b, status: 404,
    setup: steps(addZone('example.org.', 'org'), (f) => f.ok('DELETE /hostedzone/{zone-2}').then(() => {})),
  },
  { op: 'GetChange', name: 'no-such-change', target: 'GET /change/CNOSUCHCHANGE', status: 404 },
  { op: 'GetChange', name: 'other-account', target: 'GET /change/{change-2}', key: TEST_KEYS.b, status: 404 },
  // CreateReusableDelegationSet
  { op: 'CreateReusableDelegationSet', name: 'basic', target: 'POST /delegationset', body: true, status: 201 },
  { op: 'CreateReusableDelegationSet', name: 'from-hosted-zone', target: 'POST /delegationset', body: true, status: 201 },
  { op: 'CreateReusableDelegationSet', name: 'caller-reference-reused', target: 'POST /delegationset', body: true, status: 400, setup: addSet('golden-set-1') },
  { op: 'CreateReusableDelegationSet', name: 'hosted-zone-not-found', target: 'POST /delegationset', body: true, status: 400 },
  {
    op: 'CreateReusableDelegationSet', name: 'already-reusable', target: 'POST /delegationset', body: true, status: 400,
    setup: (f) => f.ok('POST /delegationset', setXml('first', '{zone-1}')).then(() => {}),
  },
  {
    op: 'CreateReusableDelegationSet', name: 'limits-exceeded', target: 'POST /delegationset', body: true, status: 400,
    setup: async (f) => {
      for (let i = 0; i < 100; i++) await f.ok('POST /delegationset', setXml(`bulk-${i}`));
    },
  },
  { op: 'CreateReusableDelegationSet', name: 'missing-caller-reference', target: 'POST /delegationset', body: true, status: 400 },
  // GetReusableDelegationSet
  { op: 'GetReusableDelegationSet', name: 'basic', target: 'GET /delegationset/{delegationset-2}', status: 200, setup: addSet('set-a') },
  { op: 'GetReusableDelegationSet', name: 'no-such-delegation-set', target: 'GET /delegationset/NNOSUCHSET', status: 400 },
  { op: 'GetReusableDelegationSet', name: 'not-reusable', target: 'GET /delegationset/{delegationset-1}', status: 400 },
  { op: 'GetReusableDelegationSet', name: 'other-account', target: 'GET /delegationset/{delegationset-2}', key: TEST_KEYS.b, status: 400, setup: addSet('set-a') },
  // ListReusableDelegationSets
  { op: 'ListReusableDelegationSets', name: 'basic', target: 'GET /delegationset', status: 200, setup: steps(addSet('set-a'), addSet('set-b')) },
  { op: 'ListReusableDelegationSets', name: 'paged', target: 'GET /delegationset?maxitems=1', status: 200, setup: steps(addSet('set-a'), addSet('set-b')) },
  { op: 'ListReusableDelegationSets', name: 'marker', target: 'GET /delegationset?marker={delegationset-3}', status: 200, setup: steps(addSet('set-a'), addSet('set-b')) },
  { op: 'ListReusableDelegationSets', name: 'empty', target: 'GET /delegationset', status: 200 },
  { op: 'ListReusableDelegationSets', name: 'bad-marker', target: 'GET /delegationset?marker=NNOSUCHSET', status: 400 },
  // DeleteReusableDelegationSet
  { op: 'DeleteReusableDelegationSet', name: 'basic', target: 'DELETE /delegationset/{delegationset-2}', status: 200, setup: addSet('set-a') },
  {
    op: 'DeleteReusableDelegationSet', name: 'in-use', target: 'DELETE /delegationset/{delegationset-2}', status: 400,
    setup: steps(addSet('set-a'), addZone('example.org.', 'org-on-set', '{delegationset-2}')),
  },
  { op: 'DeleteReusableDelegationSet', name: 'no-such-delegation-set', target: 'DELETE /delegationset/NNOSUCHSET', status: 400 },
  // GetReusableDelegationSetLimit
  {
    op: 'GetReusableDelegationSetLimit', name: 'basic', target: 'GET /reusabledelegationsetlimit/{delegationset-2}/MAX_ZONES_BY_REUSABLE_DELEGATION_SET', status: 200,
    setup: steps(addSet('set-a'), addZone('example.org.', 'org-on-set', '{delegationset-2}')),
  },
  { op: 'GetReusableDelegationSetLimit', name: 'bad-type', target: 'GET /reusabledelegationsetlimit/{delegationset-2}/MAX_ZONES', status: 400, setup: addSet('set-a') },
  { op: 'GetReusableDelegationSetLimit', name: 'no-such-delegation-set', target: 'GET /reusabledelegationsetlimit/NNOSUCHSET/MAX_ZONES_BY_REUSABLE_DELEGATION_SET', status: 400 },
  // GetHostedZoneLimit
  { op: 'GetHostedZoneLimit', name: 'basic', target: 'GET /hostedzonelimit/{zone-1}/MAX_RRSETS_BY_ZONE', status: 200 },
  { op: 'GetHostedZoneLimit', name: 'vpcs-of-public-zone', target: 'GET /hostedzonelimit/{zone-1}/MAX_VPCS_ASSOCIATED_BY_ZONE', status: 400 },
  { op: 'GetHostedZoneLimit', name: 'bad-type', target: 'GET /hostedzonelimit/{zone-1}/MAX_RECORDS', status: 400 },
  { op: 'GetHostedZoneLimit', name: 'no-such-hosted-zone', target: 'GET /hostedzonelimit/ZNOSUCHZONE/MAX_RRSETS_BY_ZONE', status: 404 },
  // GetAccountLimit
  { op: 'GetAccountLimit', name: 'hosted-zones', target: 'GET /accountlimit/MAX_HOSTED_ZONES_BY_OWNER', status: 200 },
  { op: 'GetAccountLimit', name: 'reusable-delegation-sets', target: 'GET /accountlimit/MAX_REUSABLE_DELEGATION_SETS_BY_OWNER', status: 200, setup: addSet('set-a') },
  { op: 'GetAccountLimit', name: 'health-checks', target: 'GET /accountlimit/MAX_HEALTH_CHECKS_BY_OWNER', status: 200 },
  { op: 'GetAccountLimit', name: 'bad-type', target: 'GET /accountlimit/MAX_EVERYTHING', status: 400 },
  // ChangeTagsForResource
  { op: 'ChangeTagsForResource', name: 'add', target: 'POST /tags/hostedzone/{zone-1}', body: true, status: 200 },
  { op: 'ChangeTagsForResource', name: 'remove', target: 'POST /tags/hostedzone/{zone-1}', body: true, status: 200, setup: (f) => f.ok('POST /tags/hostedzone/{zone-1}', tagsXml([['team', 'dns'], ['env', 'test']])).then(() => {}) },
  { op: 'ChangeTagsForResource', name: 'empty', target: 'POST /tags/hostedzone/{zone-1}', body: true, status: 400 },
  { op: 'ChangeTagsForResource', name: 'too-many-tags', target: 'POST /tags/hostedzone/{zone-1}', body: true, status: 400 },
  { op: 'ChangeTagsForResource', name: 'health-check', target: 'POST /tags/healthcheck/0e548232-8f42-4e8c-bbda-81b6bf5e71ca', body: true, status: 404 },
  { op: 'ChangeTagsForResource', name: 'bad-resource-type', target: 'POST /tags/vpc/vpc-1a2b3c4d', body: true, status: 400 },
  { op: 'ChangeTagsForResource', name: 'no-such-hosted-zone', target: 'POST /tags/hostedzone/ZNOSUCHZONE', body: true, status: 404 },
  // ListTagsForResource
  { op: 'ListTagsForResource', name: 'basic', target: 'GET /tags/hostedzone/{zone-1}', status: 200, setup: (f) => f.ok('POST /tags/hostedzone/{zone-1}', tagsXml([['team', 'dns'], ['env', 'test']])).then(() => {}) },
  { op: 'ListTagsForResource', name: 'no-tags', target: 'GET /tags/hostedzone/{zone-1}', status: 200 },
  { op: 'ListTagsForResource', name: 'no-such-hosted-zone', target: 'GET /tags/hostedzone/ZNOSUCHZONE', status: 404 },
  // ListTagsForResources
  {
    op: 'ListTagsForResources', name: 'basic', target: 'POST /tags/hostedzone', body: true, status: 200,
    setup: steps(addZone('example.org.', 'org'), (f) => f.ok('POST /tags/hostedzone/{zone-2}', tagsXml([['owner', 'org']])).then(() => {})),
  },
  { op: 'ListTagsForResources', name: 'no-ids', target: 'POST /tags/hostedzone', body: true, status: 400 },
  { op: 'ListTagsForResources', name: 'no-such-hosted-zone', target: 'POST /tags/hostedzone', body: true, status: 404 },
  // Geo locations (geo helper): GetGeoLocation, ListGeoLocations
  { op: 'GetGeoLocation', name: 'continent', target: 'GET /geolocation?continentcode=EU', status: 200 },
  { op: 'GetGeoLocation', name: 'country', target: 'GET /geolocation?countrycode=UA', status: 200 },
  { op: 'GetGeoLocation', name: 'subdivision', target: 'GET /geolocation?countrycode=US&subdivisioncode=VA', status: 200 },
  { op: 'GetGeoLocation', name: 'default', target: 'GET /geolocation?countrycode=*', status: 200 },
  { op: 'GetGeoLocation', name: 'no-such-country', target: 'GET /geolocation?countrycode=ZZ', status: 404 },
  { op: 'GetGeoLocation', name: 'no-such-subdivision', target: 'GET /geolocation?countrycode=CA&subdivisioncode=VA', status: 404 },
  { op: 'GetGeoLocation', name: 'no-codes', target: 'GET /geolocation', status: 400 },
  { op: 'GetGeoLocation', name: 'continent-and-country', target: 'GET /geolocation?continentcode=EU&countrycode=DE', status: 400 },
  { op: 'GetGeoLocation', name: 'subdivision-without-country', target: 'GET /geolocation?subdivisioncode=VA', status: 400 },
  { op: 'GetGeoLocation', name: 'code-too-long', target: 'GET /geolocation?continentcode=EUR', status: 400 },
  { op: 'ListGeoLocations', name: 'first-page', target: 'GET /geolocations?maxitems=3', status: 200 },
  { op: 'ListGeoLocations', name: 'country-to-subdivisions', target: 'GET /geolocations?startcountrycode=UM&maxitems=3', status: 200 },
  { op: 'ListGeoLocations', name: 'subdivisions', target: 'GET /geolocations?startcountrycode=US&startsubdivisioncode=VA&maxitems=4', status: 200 },
  { op: 'ListGeoLocations', name: 'last-countries-and-continents', target: 'GET /geolocations?startcountrycode=ZA', status: 200 },
  { op: 'ListGeoLocations', name: 'continents', target: 'GET /geolocations?startcontinentcode=EU&maxitems=2', status: 200 },
  { op: 'ListGeoLocations', name: 'subdivision-without-country', target: 'GET /geolocations?startsubdivisioncode=VA', status: 400 },
  { op: 'ListGeoLocations', name: 'continent-and-country', target: 'GET /geolocations?startcontinentcode=EU&startcountrycode=DE', status: 400 },
  { op: 'ListGeoLocations', name: 'bad-maxitems', target: 'GET /geolocations?maxitems=0', status: 400 },
  // CIDR collections (IP-based routing)
  { op: 'CreateCidrCollection', name: 'basic', target: 'POST /cidrcollection', body: true, status: 201 },
  { op: 'CreateCidrCollection', name: 'retry', target: 'POST /cidrcollection', body: true, status: 201, setup: addCollection('offices', 'golden-cidr-1') },
  { op: 'CreateCidrCollection', name: 'name-exists', target: 'POST /cidrcollection', body: true, status: 400, setup: addCollection('offices', 'golden-cidr-1') },
  { op: 'CreateCidrCollection', name: 'caller-reference-reused', target: 'POST /cidrcollection', body: true, status: 400, setup: addCollection('offices', 'golden-cidr-1') },
  { op: 'CreateCidrCollection', name: 'other-account-same-name', target: 'POST /cidrcollection', body: true, key: TEST_KEYS.b, status: 201, setup: addCollection('offices', 'golden-cidr-1') },
  {
    op: 'CreateCidrCollection', name: 'limits-exceeded', target: 'POST /cidrcollection', body: true, status: 400,
    setup: steps(...['c1', 'c2', 'c3', 'c4', 'c5'].map((n) => addCollection(n))),
  },
  { op: 'CreateCidrCollection', name: 'bad-name', target: 'POST /cidrcollection', body: true, status: 400 },
  { op: 'CreateCidrCollection', name: 'missing-caller-reference', target: 'POST /cidrcollection', body: true, status: 400 },
  { op: 'ChangeCidrCollection', name: 'put', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, status: 200, setup: addCollection('offices') },
  { op: 'ChangeCidrCollection', name: 'move-and-delete', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, status: 200, setup: offices },
  { op: 'ChangeCidrCollection', name: 'api-reference-items', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, status: 200, setup: addCollection('offices') },
  { op: 'ChangeCidrCollection', name: 'zone-using-it', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, status: 200, setup: steps(offices, addIpRecord('paris')) },
  { op: 'ChangeCidrCollection', name: 'version-mismatch', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, status: 409, setup: offices },
  { op: 'ChangeCidrCollection', name: 'block-in-two-locations', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, status: 400, setup: offices },
  { op: 'ChangeCidrCollection', name: 'location-in-use', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, status: 400, setup: steps(offices, addIpRecord('rome')) },
  {
    op: 'ChangeCidrCollection', name: 'limits-exceeded', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, status: 400,
    setup: steps(addCollection('offices'), addBlocks('many', Array.from({ length: 1000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`))),
  },
  { op: 'ChangeCidrCollection', name: 'host-bits', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, status: 400, setup: addCollection('offices') },
  { op: 'ChangeCidrCollection', name: 'whole-address-space', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, status: 400, setup: addCollection('offices') },
  { op: 'ChangeCidrCollection', name: 'default-location', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, status: 400, setup: addCollection('offices') },
  { op: 'ChangeCidrCollection', name: 'bad-action', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, status: 400, setup: addCollection('offices') },
  { op: 'ChangeCidrCollection', name: 'no-such-cidr-collection', target: `POST /cidrcollection/${NO_SUCH_COLLECTION}`, body: true, status: 404 },
  { op: 'ChangeCidrCollection', name: 'other-account', target: 'POST /cidrcollection/{cidrcollection-1}', body: true, key: TEST_KEYS.b, status: 404, setup: addCollection('offices') },
  { op: 'ChangeCidrCollection', name: 'invalid-id', target: 'POST /cidrcollection/not-a-uuid', body: true, status: 400 },
  {
    op: 'ChangeCidrCollection', name: 'concurrent-modification', target: 'POST /cidrcollection/{cidrcollection-1} (another change gets in first at every attempt)', body: true, status: 400,
    setup: async (f) => {
      await addCollection('offices')(f);
      f.faults.changeCidrCollection = async () => { throw new VersionConflict('the collection moved on'); };
    },
  },
  { op: 'ListCidrCollections', name: 'basic', target: 'GET /cidrcollection', status: 200, setup: steps(addCollection('offices'), addCollection('branches'), addBlocks('paris', ['192.0.2.0/24'])) },
  { op: 'ListCidrCollections', name: 'paged', target: 'GET /cidrcollection?maxresults=1', status: 200, setup: steps(addCollection('offices'), addCollection('branches')) },
  { op: 'ListCidrCollections', name: 'next-token', target: `GET /cidrcollection?nexttoken=${cidrToken('collections', 'branches')}`, status: 200, setup: steps(addCollection('offices'), addCollection('branches')) },
  { op: 'ListCidrCollections', name: 'empty', target: 'GET /cidrcollection', status: 200 },
  { op: 'ListCidrCollections', name: 'bad-next-token', target: `GET /cidrcollection?nexttoken=${cidrToken('locations', 'paris')}`, status: 400 },
  { op: 'ListCidrCollections', name: 'bad-maxresults', target: 'GET /cidrcollection?maxresults=0', status: 400 },
  { op: 'ListCidrLocations', name: 'basic', target: 'GET /cidrcollection/{cidrcollection-1}', status: 200, setup: offices },
  { op: 'ListCidrLocations', name: 'paged', target: 'GET /cidrcollection/{cidrcollection-1}?maxresults=1', status: 200, setup: offices },
  { op: 'ListCidrLocations', name: 'no-such-cidr-collection', target: `GET /cidrcollection/${NO_SUCH_COLLECTION}`, status: 404 },
  { op: 'ListCidrLocations', name: 'invalid-id', target: 'GET /cidrcollection/0E548232-8F42-4E8C-BBDA-81B6BF5E71CA', status: 400 },
  { op: 'ListCidrBlocks', name: 'basic', target: 'GET /cidrcollection/{cidrcollection-1}/cidrblocks', status: 200, setup: offices },
  { op: 'ListCidrBlocks', name: 'location', target: 'GET /cidrcollection/{cidrcollection-1}/cidrblocks?location=paris', status: 200, setup: offices },
  { op: 'ListCidrBlocks', name: 'paged', target: 'GET /cidrcollection/{cidrcollection-1}/cidrblocks?maxresults=2', status: 200, setup: offices },
  {
    op: 'ListCidrBlocks', name: 'next-token', target: `GET /cidrcollection/{cidrcollection-1}/cidrblocks?maxresults=2&nexttoken=${cidrToken('blocks', { location: 'paris', cidr: '192.0.2.0/24' })}`,
    status: 200, setup: offices,
  },
  { op: 'ListCidrBlocks', name: 'no-such-cidr-location', target: 'GET /cidrcollection/{cidrcollection-1}/cidrblocks?location=oslo', status: 404, setup: offices },
  { op: 'ListCidrBlocks', name: 'bad-location', target: 'GET /cidrcollection/{cidrcollection-1}/cidrblocks?location=a%2Ab', status: 400, setup: offices },
  { op: 'ListCidrBlocks', name: 'no-such-cidr-collection', target: `GET /cidrcollection/${NO_SUCH_COLLECTION}/cidrblocks`, status: 404 },
  { op: 'DeleteCidrCollection', name: 'basic', target: 'DELETE /cidrcollection/{cidrcollection-1}', status: 200, setup: addCollection('offices') },
  { op: 'DeleteCidrCollection', name: 'not-empty', target: 'DELETE /cidrcollection/{cidrcollection-1}', status: 400, setup: offices },
  { op: 'DeleteCidrCollection', name: 'in-use', target: 'DELETE /cidrcollection/{cidrcollection-1}', status: 400, setup: steps(addCollection('offices'), addIpRecord('*')) },
  { op: 'DeleteCidrCollection', name: 'no-such-cidr-collection', target: `DELETE /cidrcollection/${NO_SUCH_COLLECTION}`, status: 404 },
  { op: 'ChangeResourceRecordSets', name: 'ip-based', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 200, setup: offices },
  { op: 'ChangeResourceRecordSets', name: 'no-such-cidr-collection', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 404 },
  { op: 'ChangeResourceRecordSets', name: 'no-such-cidr-location', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 404, setup: offices },
  { op: 'ChangeResourceRecordSets', name: 'other-accounts-cidr-collection', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 404,
    setup: steps(addCollection('theirs'), async (f) => {
      // Account B's collection: the same request from account A must not see it.
      const b = await f.send('POST /cidrcollection', cidrCollectionXml('theirs-b', 'theirs-b'), { key: TEST_KEYS.b });
      if (b.statusCode !== 201) throw new Error(b.body);
    }) },
  // Health checks (issue 7, the health helper)
  { op: 'CreateHealthCheck', name: 'http', target: 'POST /healthcheck', body: true, status: 201 },
  { op: 'CreateHealthCheck', name: 'https-str-match', target: 'POST /healthcheck', body: true, status: 201 },
  { op: 'CreateHealthCheck', name: 'tcp', target: 'POST /healthcheck', body: true, status: 201 },
  { op: 'CreateHealthCheck', name: 'calculated', target: 'POST /healthcheck', body: true, status: 201, setup: addCheck('base-tcp') },
  { op: 'CreateHealthCheck', name: 'same-caller-reference-and-settings', target: 'POST /healthcheck', body: true, status: 201, setup: addCheck('base-tcp') },
  { op: 'CreateHealthCheck', name: 'caller-reference-other-settings', target: 'POST /healthcheck', body: true, status: 409, setup: addCheck('base-tcp') },
  {
    op: 'CreateHealthCheck', name: 'caller-reference-of-deleted-check', target: 'POST /healthcheck', body: true, status: 409,
    setup: steps(addCheck('base-tcp'), (f) => f.ok('DELETE /healthcheck/{healthcheck-1}').then(() => {})),
  },
  { op: 'CreateHealthCheck', name: 'cloudwatch-metric', target: 'POST /healthcheck', body: true, status: 400 },
  { op: 'CreateHealthCheck', name: 'recovery-control', target: 'POST /healthcheck', body: true, status: 400 },
  { op: 'CreateHealthCheck', name: 'alarm-identifier-on-http', target: 'POST /healthcheck', body: true, status: 400 },
  { op: 'CreateHealthCheck', name: 'bad-request-interval', target: 'POST /healthcheck', body: true, status: 400 },
  { op: 'CreateHealthCheck', name: 'tcp-without-port', target: 'POST /healthcheck', body: true, status: 400 },
  { op: 'CreateHealthCheck', name: 'too-few-regions', target: 'POST /healthcheck', body: true, status: 400 },
  { op: 'CreateHealthCheck', name: 'bad-type', target: 'POST /healthcheck', body: true, status: 400 },
  { op: 'CreateHealthCheck', name: 'missing-health-check-config', target: 'POST /healthcheck', body: true, status: 400 },
  { op: 'CreateHealthCheck', name: 'too-many-health-checks', target: 'POST /healthcheck', body: true, status: 400, setup: fillChecks(200) },
  { op: 'GetHealthCheck', name: 'basic', target: 'GET /healthcheck/{healthcheck-1}', status: 200, setup: addCheck('base-tcp') },
  { op: 'GetHealthCheck', name: 'calculated', target: 'GET /healthcheck/{healthcheck-2}', status: 200, setup: steps(addCheck('base-tcp'), addCalculated) },
  { op: 'GetHealthCheck', name: 'no-such-health-check', target: 'GET /healthcheck/0e548232-8f42-4e8c-bbda-81b6bf5e71ca', status: 404 },
  { op: 'GetHealthCheck', name: 'other-account', target: 'GET /healthcheck/{healthcheck-1}', key: TEST_KEYS.b, status: 404, setup: addCheck('base-tcp') },
  { op: 'ListHealthChecks', name: 'basic', target: 'GET /healthcheck', status: 200, setup: steps(addCheck('a'), addCheck('b', 444)) },
  { op: 'ListHealthChecks', name: 'paged', target: 'GET /healthcheck?maxitems=1', status: 200, setup: steps(addCheck('a'), addCheck('b', 444)) },
  { op: 'ListHealthChecks', name: 'marker', target: 'GET /healthcheck?marker={healthcheck-2}', status: 200, setup: steps(addCheck('a'), addCheck('b', 444)) },
  { op: 'ListHealthChecks', name: 'bad-marker', target: 'GET /healthcheck?marker=nope', status: 400 },
  { op: 'UpdateHealthCheck', name: 'basic', target: 'POST /healthcheck/{healthcheck-1}', body: true, status: 200, setup: addCheck('base-tcp') },
  {
    op: 'UpdateHealthCheck', name: 'reset-elements', target: 'POST /healthcheck/{healthcheck-1}', body: true, status: 200,
    setup: (f) => f.ok('POST /healthcheck', requestFile('CreateHealthCheck', 'https-str-match')).then(() => {}),
  },
  { op: 'UpdateHealthCheck', name: 'version-mismatch', target: 'POST /healthcheck/{healthcheck-1}', body: true, status: 409, setup: addCheck('base-tcp') },
  { op: 'UpdateHealthCheck', name: 'type-is-immutable', target: 'POST /healthcheck/{healthcheck-1}', body: true, status: 400, setup: addCheck('base-tcp') },
  { op: 'UpdateHealthCheck', name: 'no-such-health-check', target: 'POST /healthcheck/0e548232-8f42-4e8c-bbda-81b6bf5e71ca', body: true, status: 404 },
  { op: 'DeleteHealthCheck', name: 'basic', target: 'DELETE /healthcheck/{healthcheck-1}', status: 200, setup: addCheck('base-tcp') },
  { op: 'DeleteHealthCheck', name: 'in-use-by-record-set', target: 'DELETE /healthcheck/{healthcheck-1}', status: 400, setup: steps(addCheck('base-tcp'), useCheckInRecord) },
  { op: 'DeleteHealthCheck', name: 'child-of-calculated', target: 'DELETE /healthcheck/{healthcheck-1}', status: 400, setup: steps(addCheck('base-tcp'), addCalculated) },
  { op: 'DeleteHealthCheck', name: 'no-such-health-check', target: 'DELETE /healthcheck/0e548232-8f42-4e8c-bbda-81b6bf5e71ca', status: 404 },
  { op: 'GetHealthCheckCount', name: 'basic', target: 'GET /healthcheckcount', status: 200, setup: steps(addCheck('a'), addCheck('b', 444)) },
  {
    op: 'GetHealthCheckCount', name: 'unsigned', target: 'GET /healthcheckcount (no Authorization)', status: 403,
    send: (f) => f.api.app.inject({ method: 'GET', url: '/2013-04-01/healthcheckcount', headers: { host: TEST_HOST } }),
  },
  { op: 'GetHealthCheckStatus', name: 'basic', target: 'GET /healthcheck/{healthcheck-1}/status', status: 200, setup: steps(addCheck('base-tcp'), addReports) },
  { op: 'GetHealthCheckStatus', name: 'calculated', target: 'GET /healthcheck/{healthcheck-2}/status', status: 400, setup: steps(addCheck('base-tcp'), addCalculated) },
  { op: 'GetHealthCheckStatus', name: 'no-such-health-check', target: 'GET /healthcheck/0e548232-8f42-4e8c-bbda-81b6bf5e71ca/status', status: 404 },
  { op: 'GetHealthCheckLastFailureReason', name: 'basic', target: 'GET /healthcheck/{healthcheck-1}/lastfailurereason', status: 200, setup: steps(addCheck('base-tcp'), addReports) },
  { op: 'GetHealthCheckLastFailureReason', name: 'no-such-health-check', target: 'GET /healthcheck/0e548232-8f42-4e8c-bbda-81b6bf5e71ca/lastfailurereason', status: 404 },
  { op: 'GetCheckerIpRanges', name: 'basic', target: 'GET /checkeripranges', status: 200, setup: steps(addCheck('base-tcp'), addReports) },
  {
    op: 'GetCheckerIpRanges', name: 'repeated-parameter', target: 'GET /checkeripranges?x=1&x=2 (unsigned: no authorisation needed)', status: 400,
    send: (f) => f.api.app.inject({ method: 'GET', url: '/2013-04-01/checkeripranges?x=1&x=2', headers: { host: TEST_HOST } }),
  },
  { op: 'ChangeResourceRecordSets', name: 'no-such-health-check', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 404 },
  { op: 'ChangeResourceRecordSets', name: 'with-health-check', target: 'POST /hostedzone/{zone-1}/rrset/ (a failover record naming {healthcheck-1})', status: 200, setup: addCheck('base-tcp'), send: (f) => f.send('POST /hostedzone/{zone-1}/rrset/', requestFile('ChangeResourceRecordSets', 'no-such-health-check').replace('0e548232-8f42-4e8c-bbda-81b6bf5e71ca', '{healthcheck-1}')) },
  { op: 'ChangeTagsForResource', name: 'health-check-tags', target: 'POST /tags/healthcheck/{healthcheck-1}', body: true, status: 200, setup: addCheck('base-tcp') },
  {
    op: 'ListTagsForResource', name: 'health-check', target: 'GET /tags/healthcheck/{healthcheck-1}', status: 200,
    setup: steps(addCheck('base-tcp'), (f) => f.ok('POST /tags/healthcheck/{healthcheck-1}', tagsXml([['service', 'web']])).then(() => {})),
  },
  { op: 'ListTagsForResources', name: 'health-checks', target: 'POST /tags/healthcheck', body: true, status: 200, setup: steps(addCheck('a'), addCheck('b', 444), (f) => f.ok('POST /tags/healthcheck/{healthcheck-2}', tagsXml([['team', 'b']])).then(() => {})) },
  // Private zones, VPC associations and authorizations (issue 8)
  { op: 'CreateHostedZone', name: 'private-zone', target: 'POST /hostedzone', body: true, status: 201, setup: addVpc('vpc-1a2b3c4d') },
  { op: 'CreateHostedZone', name: 'private-zone-unknown-vpc', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'private-zone-without-vpc', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'private-zone-vpc-of-other-account', target: 'POST /hostedzone', body: true, status: 400, setup: addVpc(VPC_B1, TEST_KEYS.b) },
  { op: 'CreateHostedZone', name: 'private-zone-same-name-in-vpc', target: 'POST /hostedzone', body: true, status: 400, setup: privateOrg },
  { op: 'CreateHostedZone', name: 'private-zone-with-delegation-set', target: 'POST /hostedzone', body: true, status: 400, setup: addVpc(VPC_A1) },
  { op: 'GetHostedZone', name: 'private', target: 'GET /hostedzone/{zone-2}', status: 200, setup: steps(privateOrg, addVpc(VPC_A2), associate('{zone-2}', VPC_A2)) },
  { op: 'ListHostedZones', name: 'private-and-public', target: 'GET /hostedzone?hostedzonetype=PrivateHostedZone', status: 200, setup: privateOrg },
  { op: 'GetHostedZoneLimit', name: 'vpcs-of-private-zone', target: 'GET /hostedzonelimit/{zone-2}/MAX_VPCS_ASSOCIATED_BY_ZONE', status: 200, setup: privateOrg },
  { op: 'AssociateVPCWithHostedZone', name: 'basic', target: 'POST /hostedzone/{zone-2}/associatevpc', body: true, status: 200, setup: steps(privateOrg, addVpc(VPC_A2)) },
  {
    op: 'AssociateVPCWithHostedZone', name: 'other-accounts-vpc-authorized', target: 'POST /hostedzone/{zone-2}/associatevpc', body: true, status: 200,
    key: TEST_KEYS.b, setup: steps(privateOrg, addVpc(VPC_B1, TEST_KEYS.b), authorize('{zone-2}', VPC_B1)),
  },
  {
    op: 'AssociateVPCWithHostedZone', name: 'not-authorized', target: 'POST /hostedzone/{zone-2}/associatevpc', body: true, status: 401,
    key: TEST_KEYS.b, setup: steps(privateOrg, addVpc(VPC_B1, TEST_KEYS.b)),
  },
  { op: 'AssociateVPCWithHostedZone', name: 'public-zone', target: 'POST /hostedzone/{zone-1}/associatevpc', body: true, status: 400, setup: addVpc(VPC_A1) },
  { op: 'AssociateVPCWithHostedZone', name: 'unknown-vpc', target: 'POST /hostedzone/{zone-2}/associatevpc', body: true, status: 400, setup: privateOrg },
  { op: 'AssociateVPCWithHostedZone', name: 'missing-vpc', target: 'POST /hostedzone/{zone-2}/associatevpc', body: true, status: 400, setup: privateOrg },
  {
    op: 'AssociateVPCWithHostedZone', name: 'same-name-in-vpc', target: 'POST /hostedzone/{zone-2}/associatevpc', body: true, status: 400,
    setup: steps(privateOrg, addVpc(VPC_A2), addPrivateZone('example.org.', 'private-org-2', VPC_A2)),
  },
  { op: 'AssociateVPCWithHostedZone', name: 'no-such-hosted-zone', target: 'POST /hostedzone/ZNOSUCHZONE/associatevpc', body: true, status: 404, setup: addVpc(VPC_A1) },
  {
    op: 'DisassociateVPCFromHostedZone', name: 'basic', target: 'POST /hostedzone/{zone-2}/disassociatevpc', body: true, status: 200,
    setup: steps(privateOrg, addVpc(VPC_A2), associate('{zone-2}', VPC_A2)),
  },
  { op: 'DisassociateVPCFromHostedZone', name: 'last-vpc', target: 'POST /hostedzone/{zone-2}/disassociatevpc', body: true, status: 400, setup: privateOrg },
  {
    op: 'DisassociateVPCFromHostedZone', name: 'not-associated', target: 'POST /hostedzone/{zone-2}/disassociatevpc', body: true, status: 404,
    setup: steps(privateOrg, addVpc(VPC_A2)),
  },
  { op: 'CreateVPCAssociationAuthorization', name: 'basic', target: 'POST /hostedzone/{zone-2}/authorizevpcassociation', body: true, status: 200, setup: steps(privateOrg, addVpc(VPC_B1, TEST_KEYS.b)) },
  { op: 'CreateVPCAssociationAuthorization', name: 'public-zone', target: 'POST /hostedzone/{zone-1}/authorizevpcassociation', body: true, status: 400, setup: addVpc(VPC_B1, TEST_KEYS.b) },
  { op: 'CreateVPCAssociationAuthorization', name: 'unknown-vpc', target: 'POST /hostedzone/{zone-2}/authorizevpcassociation', body: true, status: 400, setup: privateOrg },
  { op: 'CreateVPCAssociationAuthorization', name: 'other-account', target: 'POST /hostedzone/{zone-2}/authorizevpcassociation', body: true, status: 404, key: TEST_KEYS.b, setup: steps(privateOrg, addVpc(VPC_B1, TEST_KEYS.b)) },
  {
    op: 'CreateVPCAssociationAuthorization', name: 'too-many', target: 'POST /hostedzone/{zone-2}/authorizevpcassociation', body: true, status: 400,
    setup: steps(privateOrg, addVpc(VPC_B1, TEST_KEYS.b), async (f) => {
      const zoneId = fillIds('{zone-2}', f.names);
      for (let i = 0; i < 1000; i++) await f.api.store.createVpcAuthorization({ zoneId, vpcId: `vpc-${i.toString(16).padStart(17, '0')}`, region: 'us-east-1' });
    }),
  },
  {
    op: 'DeleteVPCAssociationAuthorization', name: 'basic', target: 'POST /hostedzone/{zone-2}/deauthorizevpcassociation', body: true, status: 200,
    setup: steps(privateOrg, addVpc(VPC_B1, TEST_KEYS.b), authorize('{zone-2}', VPC_B1)),
  },
  { op: 'DeleteVPCAssociationAuthorization', name: 'not-found', target: 'POST /hostedzone/{zone-2}/deauthorizevpcassociation', body: true, status: 404, setup: privateOrg },
  {
    op: 'ListVPCAssociationAuthorizations', name: 'basic', target: 'GET /hostedzone/{zone-2}/authorizevpcassociation', status: 200,
    setup: steps(privateOrg, addVpc(VPC_B1, TEST_KEYS.b), addVpc(VPC_A2), authorize('{zone-2}', VPC_B1), authorize('{zone-2}', VPC_A2)),
  },
  {
    op: 'ListVPCAssociationAuthorizations', name: 'paged', target: 'GET /hostedzone/{zone-2}/authorizevpcassociation?maxresults=1', status: 200,
    setup: steps(privateOrg, addVpc(VPC_B1, TEST_KEYS.b), addVpc(VPC_A2), authorize('{zone-2}', VPC_B1), authorize('{zone-2}', VPC_A2)),
  },
  { op: 'ListVPCAssociationAuthorizations', name: 'bad-token', target: 'GET /hostedzone/{zone-2}/authorizevpcassociation?nexttoken=9', status: 400, setup: privateOrg },
  { op: 'ListVPCAssociationAuthorizations', name: 'no-such-hosted-zone', target: 'GET /hostedzone/ZNOSUCHZONE/authorizevpcassociation', status: 404 },
  {
    op: 'ListHostedZonesByVPC', name: 'basic', target: `GET /hostedzonesbyvpc?vpcid=${VPC_A1}&vpcregion=us-east-1`, status: 200,
    setup: steps(privateOrg, addPrivateZone('example.net.', 'private-net', VPC_A1)),
  },
  {
    op: 'ListHostedZonesByVPC', name: 'zone-of-other-account', target: `GET /hostedzonesbyvpc?vpcid=${VPC_A1}&vpcregion=us-east-1`, status: 200,
    setup: steps(privateOrg, addVpc(VPC_B1, TEST_KEYS.b), addPrivateZone('example.net.', 'b-net', VPC_B1, TEST_KEYS.b),
      (f) => f.ok('POST /hostedzone/{zone-3}/authorizevpcassociation', vpcRequest('CreateVPCAssociationAuthorizationRequest', VPC_A1), { key: TEST_KEYS.b }).then(() => {}),
      associate('{zone-3}', VPC_A1)),
  },
  {
    op: 'ListHostedZonesByVPC', name: 'paged', target: `GET /hostedzonesbyvpc?vpcid=${VPC_A1}&vpcregion=us-east-1&maxitems=1`, status: 200,
    setup: steps(privateOrg, addPrivateZone('example.net.', 'private-net', VPC_A1)),
  },
  { op: 'ListHostedZonesByVPC', name: 'missing-region', target: `GET /hostedzonesbyvpc?vpcid=${VPC_A1}`, status: 400, setup: addVpc(VPC_A1) },
  { op: 'ListHostedZonesByVPC', name: 'unknown-vpc', target: `GET /hostedzonesbyvpc?vpcid=${VPC_A1}&vpcregion=us-east-1`, status: 400 },
  { op: 'ListHostedZonesByVPC', name: 'wrong-region', target: `GET /hostedzonesbyvpc?vpcid=${VPC_A1}&vpcregion=eu-west-1`, status: 400, setup: addVpc(VPC_A1) },
  { op: 'ListHostedZonesByVPC', name: 'bad-token', target: `GET /hostedzonesbyvpc?vpcid=${VPC_A1}&vpcregion=us-east-1&nexttoken=abc`, status: 400, setup: privateOrg },
  // Fidelity (issue 9): ids, echoed parameters, values as submitted, names, zone names, operations not offered, XML messages
  { op: 'GetHostedZone', name: 'any-id-spelling', target: 'GET /hostedzone/unknown', status: 404 },
  { op: 'GetHostedZone', name: 'id-too-long', target: `GET /hostedzone/Z${'A'.repeat(32)}`, status: 400 },
  { op: 'GetChange', name: 'any-id-spelling', target: 'GET /change/unknown', status: 404 },
  { op: 'GetReusableDelegationSet', name: 'any-id-spelling', target: 'GET /delegationset/unknown', status: 400 },
  { op: 'CreateHostedZone', name: 'delegation-set-id-any-spelling', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'reserved-name', target: 'POST /hostedzone', body: true, status: 400, api: { reservedZoneNames: ['corp.'] } },
  { op: 'CreateHostedZone', name: 'root-zone-not-admin', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'CreateHostedZone', name: 'name-with-space', target: 'POST /hostedzone', body: true, status: 400 },
  { op: 'ListHostedZones', name: 'marker-echoed-when-sent', target: 'GET /hostedzone?marker={zone-1}', status: 200 },
  { op: 'ListReusableDelegationSets', name: 'no-marker-echo', target: 'GET /delegationset?maxitems=5', status: 200, setup: addSet('set-a') },
  { op: 'ChangeResourceRecordSets', name: 'values-as-submitted', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 200 },
  {
    op: 'ListResourceRecordSets', name: 'values-as-submitted', target: 'GET /hostedzone/{zone-1}/rrset', status: 200,
    setup: (f) => f.ok('POST /hostedzone/{zone-1}/rrset/', requestFile('ChangeResourceRecordSets', 'values-as-submitted')).then(() => {}),
  },
  { op: 'ChangeResourceRecordSets', name: 'escaped-and-non-ascii-names', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 200 },
  {
    op: 'ListResourceRecordSets', name: 'escaped-and-non-ascii-names', target: 'GET /hostedzone/{zone-1}/rrset?name=gar%5C%C3%A7on.example.com', status: 200,
    setup: (f) => f.ok('POST /hostedzone/{zone-1}/rrset/', requestFile('ChangeResourceRecordSets', 'escaped-and-non-ascii-names')).then(() => {}),
  },
  { op: 'ChangeResourceRecordSets', name: 'name-with-space', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'ListResourceRecordSets', name: 'start-name-with-space', target: 'GET /hostedzone/{zone-1}/rrset?name=has%20space.example.com', status: 400 },
  { op: 'ChangeResourceRecordSets', name: 'truncated-xml', target: 'POST /hostedzone/{zone-1}/rrset/', body: true, status: 400 },
  { op: 'Unrouted', name: 'operation-not-offered', target: 'GET /trafficpolicies', status: 501 },
  { op: 'Unrouted', name: 'operation-not-offered-with-parameters', target: 'GET /hostedzone/{zone-1}/dnssec', status: 501 },
  {
    op: 'Unrouted', name: 'reset-without-dev', target: 'POST /moto-api/reset (unsigned, no --dev)', status: 404,
    send: (f) => f.api.app.inject({ method: 'POST', url: '/moto-api/reset', headers: { host: TEST_HOST } }),
  },
  // Requests no operation answers
  { op: 'Unrouted', name: 'unknown-path', target: 'GET /nothing-here', status: 404 },
  { op: 'Unrouted', name: 'other-api-version', target: 'GET /hostedzone (under /2012-12-12)', status: 404, send: (f) => inject(f, { method: 'GET', path: '/2012-12-12/hostedzone' }) },
  { op: 'Unrouted', name: 'method-not-allowed', target: 'PUT /hostedzone/{zone-1}', status: 405 },
  { op: 'Unrouted', name: 'method-not-allowed-on-list', target: 'DELETE /hostedzone', status: 405 },
];

/** Codes with no golden file, each with the reason. */
const NO_GOLDEN: Partial<Record<ErrorCode, string>> = {
  InvalidArgument: 'no route raises it yet: Route 53 uses it for DNSSEC and key-signing-key operations, which are not built',
};

/** Compares `actual` with the golden file, or writes it under UPDATE_GOLDEN=1. */
function expectGolden(file: string, actual: string, handWritten: boolean): void {
  if (UPDATE && !handWritten) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`${file} is missing; run UPDATE_GOLDEN=1 npx vitest run src/api/golden.test.ts`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** The checks every answer must pass besides its body. */
function checkHeaders(c: Case, res: Response): void {
  expect(res.statusCode).toBe(c.status);
  expect(res.headers['content-type']).toBe('text/xml');
  const requestId = String(res.headers['x-amz-request-id']);
  expect(requestId).toMatch(UUID);
  const code = /<Code>([^<]+)<\/Code>/.exec(res.body)?.[1];
  if (c.status >= 300) {
    expect(res.body).toContain(`<RequestId>${requestId}</RequestId>`);
    expect(code && ERRORS[code as ErrorCode]?.status).toBe(c.status);
  } else {
    expect(code).toBeUndefined();
  }
  if (c.status === 201) {
    const id = /<(?:HostedZone|DelegationSet)><Id>\/(hostedzone|delegationset)\/([A-Z0-9]+)<\/Id>/.exec(res.body)
      ?? /<Collection><Arn>arn:aws:route53:::(cidrcollection)\/([0-9a-f-]{36})<\/Arn><Id>\2<\/Id>/.exec(res.body)
      ?? /<(HealthCheck)><Id>([0-9a-f-]{36})<\/Id>/.exec(res.body)?.map((v, i) => (i === 1 ? 'healthcheck' : v)) ?? null;
    expect(id).not.toBeNull();
    // Created resources are located on the host the request was sent to (issue 9).
    expect(res.headers.location).toBe(`http://${TEST_HOST}/2013-04-01/${id![1]}/${id![2]}`);
  } else {
    expect(res.headers.location).toBeUndefined();
  }
}

describe('golden API XML', () => {
  for (const c of CASES) {
    const test = c.bug ? it.fails : it;
    test(`${c.op}/${c.name}: ${c.target} -> ${c.status}${c.bug ? ` (bug: ${c.bug})` : ''}`, async () => {
      const f = await createFixture({ ...(c.api ? { api: c.api } : {}), ...(c.base === false ? { base: false } : {}) });
      try {
        await c.setup?.(f);
        const res = c.send
          ? await c.send(f)
          : await f.send(c.target, c.body ? requestFile(c.op, c.name) : undefined, c.key ? { key: c.key } : {});
        checkHeaders(c, res);
        expectGolden(join(TESTDATA, c.op, `${c.name}.response.xml`), normalise(res.body, f.names), c.bug !== undefined);
      } finally {
        await f.api.close();
      }
    });
  }
});

describe('golden files and the catalogue', () => {
  const files = () => readdirSync(TESTDATA).flatMap((d) => readdirSync(join(TESTDATA, d)).map((file) => `${d}/${file}`));

  it('every operation of the route table has a success case and an error case', () => {
    for (const r of ROUTES) {
      const mine = CASES.filter((c) => c.op === r.operation);
      expect(mine.some((c) => c.status < 300), `${r.operation} success`).toBe(true);
      expect(mine.some((c) => c.status >= 400), `${r.operation} error`).toBe(true);
      for (const c of mine) if (!c.send) expect(c.target.split(' ')[0], `${r.operation}/${c.name}`).toBe(r.method);
    }
  });

  it('every file under testdata/ belongs to a case, and every case with a body has its request file', () => {
    const expected = CASES.flatMap((c) => [
      `${c.op}/${c.name}.response.xml`,
      ...(c.body ? [`${c.op}/${c.name}.request.xml`] : []),
    ]);
    expect(new Set(CASES.map((c) => `${c.op}/${c.name}`)).size).toBe(CASES.length);
    if (UPDATE) return;
    expect(files().sort()).toEqual([...expected].sort());
  });

  it('every code in the ERRORS catalogue has a golden file or a stated reason for having none', () => {
    const golden = new Set(files().filter((f) => f.endsWith('.response.xml'))
      .flatMap((f) => [...readFileSync(join(TESTDATA, f), 'utf8').matchAll(/<Code>([^<]+)<\/Code>/g)].map((m) => m[1]!)));
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(entry.message, `${code} has a message`).not.toBe('');
      const reason = NO_GOLDEN[code as ErrorCode];
      if (reason === undefined) expect(golden.has(code), `${code} has a golden file`).toBe(true);
      else expect(golden.has(code), `${code} has a golden file now; drop it from NO_GOLDEN`).toBe(false);
    }
    for (const code of golden) expect(Object.keys(ERRORS), `${code} is in the catalogue`).toContain(code);
  });
});
