/**
 * Bad input to the Route 53 API of a running Signpost, over raw HTTP with requests signed by
 * @smithy/signature-v4: malformed and hostile XML, oversized bodies, unknown elements and enum
 * values, wrong methods and paths, missing signatures. Each answer must be Route 53's
 * <ErrorResponse> with the right status and code; afterwards nothing may have been stored and
 * the server must still answer DNS and the API. Then the lenient variants that real clients
 * send (trailing slashes, no Content-Type, presigned URLs), and throttling with its own server.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, GetChangeCommand, GetHostedZoneCountCommand, ListHostedZonesCommand, Route53Client,
} from '@aws-sdk/client-route-53';
import { signRequest, type SignOptions, type TestKey } from '../src/api/testing.ts';
import { DRAIN_LIMIT } from '../src/api/server.ts';
import { dig, signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';
import { digSections } from './helpers/dns-case.ts';

const KEY: TestKey = { accessKeyId: 'AKIASIGNPOSTBADIN001', secretAccessKey: 'YmFkLWlucHV0LXRlc3Qtc2VjcmV0LTAwMDAwMDAwMDAw', accountId: '333333333333' };
const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const MIB = 1024 * 1024;

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };
type Send = Omit<SignOptions, 'host' | 'date'> & {
  /** Send without any signature. */
  unsigned?: boolean;
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
  /** A body sent instead of the one signed (tampering). */
  sendBody?: string;
};

/** Starts a server with KEY; `args` are extra start flags. */
async function startWithKey(args: string[] = []): Promise<Signpost> {
  const dataDir = tempDataDir();
  await signpost(['keys', 'create', '--account', KEY.accountId, '--access-key-id', KEY.accessKeyId, '--secret-access-key', KEY.secretAccessKey, '--data-dir', dataDir]);
  return startSignpost({ args: ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0', ...args], dataDir });
}

/** Sends one request over HTTP/1.1 to `server`, signed (header form) unless told otherwise. */
async function send(server: Signpost, o: Send): Promise<Reply> {
  const host = `127.0.0.1:${server.httpPort}`;
  const signed = o.unsigned
    ? { url: o.path, headers: { host, ...o.headers }, body: o.body }
    : await signRequest({ ...o, key: o.key ?? KEY, host, date: new Date() });
  const sent = o.sendBody ?? signed.body;
  const body = sent === undefined ? undefined : Buffer.from(sent);
  const headers: Record<string, string> = { ...signed.headers };
  if (body && !o.chunked) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.httpPort, method: o.method, path: signed.url, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    // Any failure to send or receive fails the test: a refused body is drained, never reset.
    req.on('error', (err) => reject(err));
    if (body && o.chunked) for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
    else if (body) req.write(body);
    req.end();
  });
}

/** Returns the parts of an <ErrorResponse>, failing unless the body has exactly Route 53's layout. */
function errorParts(r: Reply): { type: string; code: string; message: string } {
  expect(r.headers['content-type']).toBe('text/xml');
  const requestId = String(r.headers['x-amz-request-id']);
  expect(requestId).toMatch(new RegExp(`^${UUID}$`));
  const m = new RegExp(`^<\\?xml version="1\\.0" encoding="UTF-8"\\?>\\n<ErrorResponse xmlns="${NS}"><Error><Type>(Sender|Receiver)</Type>` +
    `<Code>([A-Za-z0-9]+)</Code><Message>([^<]*)</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>$`).exec(r.body);
  expect(m, r.body).not.toBeNull();
  return { type: m![1]!, code: m![2]!, message: m![3]! };
}

const createZone = (name: string, ref: string, extra = '') =>
  `<CreateHostedZoneRequest xmlns="${NS}"><Name>${name}</Name><CallerReference>${ref}</CallerReference>${extra}</CreateHostedZoneRequest>`;
const recordSet = (inner: string) => `<ResourceRecordSet>${inner}</ResourceRecordSet>`;
const plainSet = (name: string, type: string, value: string, extra = '') =>
  recordSet(`<Name>${name}</Name><Type>${type}</Type>${extra}<TTL>300</TTL><ResourceRecords><ResourceRecord><Value>${value}</Value></ResourceRecord></ResourceRecords>`);
const batch = (action: string, set: string) =>
  `<ChangeResourceRecordSetsRequest xmlns="${NS}"><ChangeBatch><Changes><Change><Action>${action}</Action>${set}</Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`;
const nested = (depth: number) => `${'<Comment>'.repeat(depth)}x${'</Comment>'.repeat(depth)}`;
const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
${createZone('example.org', '&lol9;')}`;
const XXE = `<?xml version="1.0"?>
<!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
${batch('CREATE', plainSet('xxe.example.com.', 'TXT', '"&xxe;"'))}`;

let sp: Signpost;
let zoneId = '';

/** What must not change: listings and counts (bodies of successful answers). */
async function storedState(): Promise<string[]> {
  const out: string[] = [];
  for (const path of ['/hostedzone', `/hostedzone/${zoneId}/rrset`, '/hostedzonecount', '/delegationset']) {
    const r = await send(sp, { method: 'GET', path: `/2013-04-01${path}` });
    expect(r.status, `${path}: ${r.body}`).toBe(200);
    out.push(r.body);
  }
  return out;
}

async function expectDnsAnswers(): Promise<void> {
  expect(digSections(await dig(sp.dnsPort, ['www.example.com.', 'A'])).answer).toEqual(['www.example.com. 300 IN A 192.0.2.1']);
}

function sdkClient(server: Signpost, opts: { maxAttempts?: number } = {}): Route53Client {
  return new Route53Client({
    endpoint: `http://127.0.0.1:${server.httpPort}`, region: 'us-east-1',
    credentials: { accessKeyId: KEY.accessKeyId, secretAccessKey: KEY.secretAccessKey }, ...opts,
  });
}

beforeAll(async () => {
  sp = await startWithKey();
  const client = sdkClient(sp, { maxAttempts: 1 });
  const zone = await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'bad-input-base' }));
  zoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '');
  const change = await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [
    { Action: 'UPSERT', ResourceRecordSet: { Name: 'www.example.com.', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '192.0.2.1' }] } },
  ] } }));
  for (let i = 0; i < 200; i++) {
    if ((await client.send(new GetChangeCommand({ Id: change.ChangeInfo!.Id! }))).ChangeInfo?.Status === 'INSYNC') break;
    await new Promise((r) => setTimeout(r, 25));
  }
  await expectDnsAnswers();
});
afterAll(async () => {
  await sp?.stop();
});

type Bad = {
  name: string;
  request: Send | (() => Send);
  status: number;
  code: string | RegExp;
  message?: RegExp;
  /** A known server bug: the row states the correct answer and runs as it.fails. */
  bug?: string;
};

const rrset = () => `/2013-04-01/hostedzone/${zoneId}/rrset/`;
const post = (path: string | (() => string), body: string | (() => string), extra: Partial<Send> = {}) => (): Send =>
  ({ method: 'POST', path: typeof path === 'string' ? path : path(), body: typeof body === 'string' ? body : body(), ...extra });

const BAD: Bad[] = [
  // Malformed documents
  { name: 'malformed XML (mismatched tag) to CreateHostedZone', request: post('/2013-04-01/hostedzone', '<CreateHostedZoneRequest><Name>x.org</Nme></CreateHostedZoneRequest>'), status: 400, code: 'InvalidInput', message: /^Invalid XML ; / },
  { name: 'malformed XML to ChangeResourceRecordSets', request: post(rrset, batch('CREATE', plainSet('m.example.com.', 'A', '192.0.2.9')).replace('</Changes>', '')), status: 400, code: 'InvalidInput', message: /^Invalid XML ; / },
  { name: 'a document cut off half way', request: post(rrset, batch('CREATE', plainSet('m.example.com.', 'A', '192.0.2.9')).slice(0, 150)), status: 400, code: 'InvalidInput' },
  { name: 'an empty body', request: post(rrset, ''), status: 400, code: 'InvalidInput' },
  { name: 'JSON instead of XML', request: post('/2013-04-01/hostedzone', JSON.stringify({ Name: 'x.org', CallerReference: 'json' }), { headers: { 'content-type': 'application/json' } }), status: 400, code: 'InvalidInput' },
  { name: 'two root elements', request: post('/2013-04-01/hostedzone', createZone('two.org', 'two-a') + createZone('three.org', 'two-b')), status: 400, code: 'InvalidInput' },
  { name: 'the same element twice', request: post('/2013-04-01/hostedzone', createZone('a.org', 'dup', '<Name>b.org</Name>')), status: 400, code: 'InvalidInput' },
  // Oversized bodies
  { name: 'a body of 1 MiB + 1 byte (Content-Length)', request: post(rrset, ' '.repeat(MIB + 1)), status: 413, code: 'RequestEntityTooLarge' },
  { name: 'a body of 2 MiB sent chunked (no Content-Length)', request: post(rrset, ' '.repeat(2 * MIB), { chunked: true }), status: 413, code: 'RequestEntityTooLarge' },
  {
    name: 'a valid batch padded past 1 MiB', status: 413, code: 'RequestEntityTooLarge',
    request: post(rrset, batch('CREATE', plainSet('pad.example.com.', 'TXT', `"${'a'.repeat(200)}"`)).replace('<ChangeBatch>', `<ChangeBatch>${' '.repeat(MIB)}`)),
  },
  // Entities
  { name: 'billion laughs (DOCTYPE with nested entities)', request: post('/2013-04-01/hostedzone', BILLION_LAUGHS), status: 400, code: 'InvalidInput', message: /DOCTYPE and entity declarations are not allowed/ },
  { name: 'XXE (external entity to /etc/passwd)', request: post(rrset, XXE), status: 400, code: 'InvalidInput', message: /DOCTYPE and entity declarations are not allowed/ },
  { name: 'a lower-case <!doctype>', request: post('/2013-04-01/hostedzone', `<!doctype r>${createZone('d.org', 'doctype')}`), status: 400, code: 'InvalidInput' },
  {
    name: 'an undeclared entity reference (not well-formed XML)', request: post('/2013-04-01/hostedzone', createZone('&undeclared;.org', 'undeclared')), status: 400, code: 'InvalidInput',
  },
  // Unknown elements and wrong roots
  { name: 'an unknown element in CreateHostedZoneRequest', request: post('/2013-04-01/hostedzone', createZone('u.org', 'unknown', '<Colour>blue</Colour>')), status: 400, code: 'InvalidInput', message: /'Colour'/ },
  { name: 'an unknown element in ResourceRecordSet', request: post(rrset, batch('CREATE', plainSet('u.example.com.', 'A', '192.0.2.9', '<Colour>blue</Colour>'))), status: 400, code: 'InvalidInput', message: /'Colour'/ },
  { name: 'an unknown element in ChangeBatch', request: post(rrset, batch('CREATE', plainSet('u.example.com.', 'A', '192.0.2.9')).replace('<Changes>', '<Priority>1</Priority><Changes>')), status: 400, code: 'InvalidInput' },
  { name: 'CreateHostedZoneRequest sent to ChangeResourceRecordSets', request: post(rrset, createZone('w.org', 'wrong-root')), status: 400, code: 'InvalidInput', message: /root element/ },
  { name: 'ChangeResourceRecordSetsRequest sent to CreateHostedZone', request: post('/2013-04-01/hostedzone', batch('CREATE', plainSet('w.example.com.', 'A', '192.0.2.9'))), status: 400, code: 'InvalidInput', message: /root element/ },
  { name: 'a response document as request', request: post('/2013-04-01/hostedzone', `<CreateHostedZoneResponse xmlns="${NS}"/>`), status: 400, code: 'InvalidInput' },
  // Bad enum values and ranges
  { name: 'Action RENAME', request: post(rrset, batch('RENAME', plainSet('e.example.com.', 'A', '192.0.2.9'))), status: 400, code: 'InvalidInput', message: /CREATE, DELETE, UPSERT/ },
  { name: 'Type AXFR', request: post(rrset, batch('CREATE', plainSet('e.example.com.', 'AXFR', '192.0.2.9'))), status: 400, code: 'InvalidInput', message: /enum value set/ },
  { name: 'Type in lower case', request: post(rrset, batch('CREATE', plainSet('e.example.com.', 'a', '192.0.2.9'))), status: 400, code: 'InvalidInput' },
  { name: 'Failover SIDEWAYS', request: post(rrset, batch('CREATE', plainSet('e.example.com.', 'A', '192.0.2.9', '<SetIdentifier>s</SetIdentifier><Failover>SIDEWAYS</Failover>'))), status: 400, code: 'InvalidInput' },
  { name: 'Region mars-north-1', request: post(rrset, batch('CREATE', plainSet('e.example.com.', 'A', '192.0.2.9', '<SetIdentifier>s</SetIdentifier><Region>mars-north-1</Region>'))), status: 400, code: 'InvalidInput' },
  { name: 'Weight 256', request: post(rrset, batch('CREATE', plainSet('e.example.com.', 'A', '192.0.2.9', '<SetIdentifier>s</SetIdentifier><Weight>256</Weight>'))), status: 400, code: 'InvalidInput' },
  { name: 'MultiValueAnswer maybe', request: post(rrset, batch('CREATE', plainSet('e.example.com.', 'A', '192.0.2.9', '<SetIdentifier>s</SetIdentifier><MultiValueAnswer>maybe</MultiValueAnswer>'))), status: 400, code: 'InvalidInput' },
  { name: 'TTL ten', request: post(rrset, batch('CREATE', plainSet('e.example.com.', 'A', '192.0.2.9').replace('<TTL>300</TTL>', '<TTL>ten</TTL>'))), status: 400, code: 'InvalidInput' },
  {
    name: 'EvaluateTargetHealth perhaps', status: 400, code: 'InvalidInput',
    request: post(rrset, () => batch('CREATE', recordSet(`<Name>al.example.com.</Name><Type>A</Type><AliasTarget><HostedZoneId>${zoneId}</HostedZoneId><DNSName>www.example.com.</DNSName><EvaluateTargetHealth>perhaps</EvaluateTargetHealth></AliasTarget>`))),
  },
  { name: 'PrivateZone yes', request: post('/2013-04-01/hostedzone', createZone('p.org', 'private-yes', '<HostedZoneConfig><PrivateZone>yes</PrivateZone></HostedZoneConfig>')), status: 400, code: 'InvalidInput' },
  { name: 'ListResourceRecordSets type=AXFR', request: () => ({ method: 'GET', path: `/2013-04-01/hostedzone/${zoneId}/rrset`, query: { name: 'example.com', type: 'AXFR' } }), status: 400, code: 'InvalidInput' },
  { name: 'ListHostedZones maxitems=-1', request: { method: 'GET', path: '/2013-04-01/hostedzone', query: { maxitems: '-1' } }, status: 400, code: 'InvalidInput' },
  // Semantically bad batches change nothing either
  {
    name: 'a batch whose last change fails', status: 400, code: 'InvalidChangeBatch',
    request: post(rrset, batch('CREATE', plainSet('ok.example.com.', 'A', '192.0.2.10')).replace('</Changes>', `<Change><Action>DELETE</Action>${plainSet('nope.example.com.', 'A', '192.0.2.11')}</Change></Changes>`)),
  },
  // Methods and paths
  { name: 'PUT on /hostedzone', request: { method: 'PUT', path: '/2013-04-01/hostedzone', body: createZone('put.org', 'put') }, status: 405, code: 'MethodNotAllowed' },
  { name: 'PATCH on a record set path', request: () => ({ method: 'PATCH', path: rrset(), body: batch('CREATE', plainSet('pa.example.com.', 'A', '192.0.2.9')) }), status: 405, code: 'MethodNotAllowed' },
  { name: 'DELETE on /change/{Id}', request: { method: 'DELETE', path: '/2013-04-01/change/C0000000000000000000' }, status: 405, code: 'MethodNotAllowed' },
  { name: 'GET on an unknown path', request: { method: 'GET', path: '/2013-04-01/nothing-here' }, status: 404, code: 'UnknownOperationException' },
  { name: 'CreateHealthCheck without a namespace', request: { method: 'POST', path: '/2013-04-01/healthcheck', body: '<CreateHealthCheckRequest/>' }, status: 400, code: 'InvalidInput' },
  { name: 'POST to an operation not built (traffic policies): named, 501', request: { method: 'POST', path: '/2013-04-01/trafficpolicy', body: '<CreateTrafficPolicyRequest/>' }, status: 501, code: 'NotImplemented' },
  { name: 'GET /', request: { method: 'GET', path: '/' }, status: 404, code: 'UnknownOperationException' },
  // Signatures
  { name: 'no Authorization on a GET', request: { method: 'GET', path: '/2013-04-01/hostedzone', unsigned: true }, status: 403, code: 'MissingAuthenticationToken' },
  { name: 'no Authorization on a valid CreateHostedZone', request: { method: 'POST', path: '/2013-04-01/hostedzone', body: createZone('unsigned.org', 'unsigned'), unsigned: true }, status: 403, code: 'MissingAuthenticationToken' },
  {
    name: 'a body changed after signing (x-amz-content-sha256 signed)', status: 400, code: 'XAmzContentSHA256Mismatch',
    request: post(rrset, batch('CREATE', plainSet('t.example.com.', 'A', '192.0.2.9')), { sendBody: batch('CREATE', plainSet('t.example.com.', 'A', '192.0.2.99')) }),
  },
  { name: 'an Authorization header that is not SigV4', request: { method: 'GET', path: '/2013-04-01/hostedzone', unsigned: true, headers: { authorization: 'Basic dXNlcjpwYXNz' } }, status: 400, code: 'IncompleteSignature' },
  // Known bugs
  {
    name: 'elements nested 101 deep', request: post('/2013-04-01/hostedzone', createZone('deep.org', 'deep', nested(101))), status: 400, code: 'InvalidInput',
  },
  {
    name: 'an element named __proto__', request: post('/2013-04-01/hostedzone', createZone('proto.org', 'proto', '<__proto__>x</__proto__>')), status: 400, code: 'InvalidInput',
  },
  {
    name: 'an element named constructor', request: post(() => `/2013-04-01/hostedzone/${zoneId}`, `<UpdateHostedZoneCommentRequest xmlns="${NS}"><constructor>x</constructor></UpdateHostedZoneCommentRequest>`), status: 400, code: 'InvalidInput',
  },
  {
    name: 'a repeated query parameter (?marker=A&marker=B)', request: { method: 'GET', path: '/2013-04-01/hostedzone', query: { marker: ['ZA', 'ZB'] } }, status: 400, code: 'InvalidInput',
  },
  {
    name: 'a repeated query parameter (?name=…&name=…) to ListResourceRecordSets', request: () => ({ method: 'GET', path: `/2013-04-01/hostedzone/${zoneId}/rrset`, query: { name: ['a.example.com', 'b.example.com'] } }), status: 400, code: 'InvalidInput',
  },
  {
    name: 'a repeated query parameter (?dnsname=…&dnsname=…) to ListHostedZonesByName', request: { method: 'GET', path: '/2013-04-01/hostedzonesbyname', query: { dnsname: ['a.com', 'b.com'] } }, status: 400, code: 'InvalidInput',
  },
  {
    name: 'a path with a malformed percent escape (/hostedzone/%ZZ)', request: { method: 'GET', path: '/2013-04-01/hostedzone/%ZZ', unsigned: true }, status: 400, code: 'InvalidInput',
  },
];

describe('bad requests are refused with Route 53 errors and change nothing', () => {
  for (const b of BAD) {
    (b.bug ? it.fails : it)(`${b.name} -> ${b.status} ${b.code}${b.bug ? ` (bug: ${b.bug})` : ''}`, async () => {
      const request = typeof b.request === 'function' ? b.request() : b.request;
      const before = await storedState();
      const r = await send(sp, request);
      expect(r.status, r.body.slice(0, 500)).toBe(b.status);
      const err = errorParts(r);
      expect(err.type).toBe(b.status >= 500 ? 'Receiver' : 'Sender');
      if (typeof b.code === 'string') expect(err.code).toBe(b.code);
      else expect(err.code).toMatch(b.code);
      if (b.message) expect(err.message).toMatch(b.message);
      expect(err.message).not.toMatch(/is not a function|undefined|\[object /);
      expect(await storedState()).toEqual(before);
      await expectDnsAnswers();
    });
  }
});

/** Reads from `sock` until what arrived contains `end`; fails if the connection closes first. */
function readUntil(sock: net.Socket, end: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    const onData = (c: Buffer) => {
      got += c.toString('latin1');
      if (got.includes(end)) { done(); resolve(got); }
    };
    const onClose = () => { done(); reject(new Error(`connection closed after ${JSON.stringify(got.slice(0, 200))}`)); };
    const done = () => { sock.off('data', onData); sock.off('close', onClose); sock.off('error', onClose); };
    sock.on('data', onData).on('close', onClose).on('error', onClose);
  });
}

describe('an oversized body is refused without resetting the connection', () => {
  const head = (length: number) => `POST /2013-04-01/hostedzone HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${length}\r\n\r\n`;

  it('a client still sending after the 413 can finish, and its next request on the connection is answered', async () => {
    const sock = net.connect(sp.httpPort!, '127.0.0.1');
    try {
      // The 413 comes from the Content-Length alone, before any of the body is sent.
      sock.write(head(3 * MIB));
      const refusal = await readUntil(sock, '</ErrorResponse>');
      expect(refusal).toMatch(/^HTTP\/1\.1 413 /);
      expect(refusal).toContain('<Code>RequestEntityTooLarge</Code>');
      expect(refusal).not.toMatch(/^connection: close/im);
      sock.write(Buffer.alloc(3 * MIB, 0x20));
      sock.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      expect(await readUntil(sock, '{"ok":true}')).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      sock.destroy();
    }
  });

  it(`a body declared larger than ${DRAIN_LIMIT / MIB} MiB gets its 413 and the connection closed`, async () => {
    const sock = net.connect(sp.httpPort!, '127.0.0.1');
    try {
      sock.write(head(DRAIN_LIMIT + 1));
      const refusal = await readUntil(sock, '</ErrorResponse>');
      expect(refusal).toMatch(/^HTTP\/1\.1 413 /);
      expect(refusal).toMatch(/^connection: close/im);
      await new Promise((resolve) => sock.on('close', resolve));
    } finally {
      sock.destroy();
    }
  });

  it(`a chunked body is read and thrown away up to ${DRAIN_LIMIT / MIB} MiB, then the connection is closed`, async () => {
    const sock = net.connect(sp.httpPort!, '127.0.0.1');
    const closed = new Promise((resolve) => sock.on('close', resolve));
    sock.on('error', () => {});
    try {
      sock.write('POST /2013-04-01/hostedzone HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n');
      const chunk = Buffer.concat([Buffer.from(`${(MIB).toString(16)}\r\n`), Buffer.alloc(MIB, 0x20), Buffer.from('\r\n')]);
      sock.write(chunk);
      sock.write(chunk);
      expect(await readUntil(sock, '</ErrorResponse>')).toMatch(/^HTTP\/1\.1 413 /);
      // Still open: the client may go on sending, up to the limit.
      let sent = 2 * MIB;
      while (sent <= DRAIN_LIMIT + MIB && !sock.destroyed) {
        if (!sock.write(chunk)) await new Promise((resolve) => sock.once('drain', resolve).once('close', resolve));
        sent += MIB;
      }
      await closed;
      expect(sent).toBeGreaterThan(DRAIN_LIMIT);
    } finally {
      sock.destroy();
    }
  });
});

describe('what real clients send is accepted', () => {
  const www2 = (action: string) => batch(action, plainSet('www2.example.com.', 'A', '192.0.2.2'));

  it('a trailing slash on GET paths', async () => {
    const list = await send(sp, { method: 'GET', path: '/2013-04-01/hostedzone/' });
    expect(list.status).toBe(200);
    expect(list.body).toBe((await storedState())[0]);
    const zone = await send(sp, { method: 'GET', path: `/2013-04-01/hostedzone/${zoneId}/` });
    expect(zone.status).toBe(200);
    expect(zone.body).toContain(`<Id>/hostedzone/${zoneId}</Id>`);
  });

  it('ChangeResourceRecordSets at /rrset/ and /rrset, with and without Content-Type', async () => {
    const before = await storedState();
    const variants: Send[] = [
      { method: 'POST', path: `/2013-04-01/hostedzone/${zoneId}/rrset/`, body: www2('CREATE') },
      { method: 'POST', path: `/2013-04-01/hostedzone/${zoneId}/rrset`, body: www2('DELETE'), headers: { 'content-type': 'application/xml' } },
      { method: 'POST', path: `/2013-04-01/hostedzone/${zoneId}/rrset`, body: www2('CREATE'), headers: { 'content-type': 'text/plain; charset=utf-8' } },
      { method: 'POST', path: `/2013-04-01/hostedzone/${zoneId}/rrset/`, body: www2('DELETE'), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ];
    for (const v of variants) {
      const r = await send(sp, v);
      expect(r.status, r.body).toBe(200);
      expect(r.headers['content-type']).toBe('text/xml');
      expect(r.body).toMatch(/<ChangeResourceRecordSetsResponse xmlns="[^"]+"><ChangeInfo><Id>\/change\/C[A-Z0-9]+<\/Id><Status>PENDING<\/Status>/);
      const listed = await send(sp, { method: 'GET', path: `/2013-04-01/hostedzone/${zoneId}/rrset`, query: { name: 'www2.example.com', type: 'A', maxitems: '1' } });
      expect(listed.body.includes('<Name>www2.example.com.</Name>')).toBe(v.body!.toString().includes('<Action>CREATE</Action>'));
    }
    expect(await storedState()).toEqual(before);
  });

  it('a presigned GET URL, with no Authorization header', async () => {
    const host = `127.0.0.1:${sp.httpPort}`;
    const url = await signRequest({ method: 'GET', path: `/2013-04-01/hostedzone/${zoneId}/rrset`, query: { maxitems: '1' }, key: KEY, host, date: new Date(), presign: 60 });
    expect(url.url).toContain('X-Amz-Signature=');
    const res = await fetch(`http://${host}${url.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const body = await res.text();
    expect(body).toContain('<IsTruncated>true</IsTruncated>');
    expect(body).toContain('<MaxItems>1</MaxItems>');
    const tampered = await fetch(`http://${host}${url.url.replace('maxitems=1', 'maxitems=2')}`);
    expect(tampered.status).toBe(403);
    expect(errorParts({ status: tampered.status, headers: Object.fromEntries(tampered.headers), body: await tampered.text() }).code).toBe('SignatureDoesNotMatch');
  });
});

describe('throttling (--api-rate-limit 2)', () => {
  let limited: Signpost;
  beforeAll(async () => {
    limited = await startWithKey(['--api-rate-limit', '2']);
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it('a burst gets Throttling (400, "Rate exceeded") in the ErrorResponse layout, and throttled creates store nothing', async () => {
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      send(limited, { method: 'POST', path: '/2013-04-01/hostedzone', body: createZone(`burst${i}.example.net`, `burst-${i}`) })));
    const created = burst.filter((r) => r.status === 201);
    const throttled = burst.filter((r) => r.status !== 201);
    expect(throttled.length).toBeGreaterThan(0);
    for (const r of throttled) {
      expect(r.status).toBe(400);
      expect(errorParts(r)).toEqual({ type: 'Sender', code: 'Throttling', message: 'Rate exceeded' });
    }
    // The SDK retries Throttling itself (3 attempts); a few calls at most are needed.
    const client = sdkClient(limited);
    let count: number | undefined;
    for (let call = 0; call < 5 && count === undefined; call++) {
      count = await client.send(new GetHostedZoneCountCommand({})).then((out) => out.HostedZoneCount, (err: Error) => {
        expect(err.name).toBe('Throttling');
        return undefined;
      });
    }
    expect(count).toBe(created.length);
  });

  it('the AWS SDK with its default retries gets through an exhausted bucket', async () => {
    const client = sdkClient(limited);
    const attempts: (number | string)[] = [];
    // Each round empties the bucket, then asks through the SDK at once: its first attempt is
    // throttled and a retry gets through, unless every backoff happens to be too short.
    for (let round = 0; round < 5 && !attempts.some((a) => typeof a === 'number' && a > 1); round++) {
      await Promise.all(Array.from({ length: 4 }, () => send(limited, { method: 'GET', path: '/2013-04-01/hostedzonecount' })));
      try {
        const out = await client.send(new ListHostedZonesCommand({}));
        expect(out.HostedZones).toBeDefined();
        attempts.push(out.$metadata.attempts ?? 1);
      } catch (err) {
        expect((err as Error).name).toBe('Throttling');
        expect((err as { $metadata: { attempts: number } }).$metadata.attempts).toBe(3);
        attempts.push('throttled 3 times');
      }
    }
    expect(attempts.some((a) => typeof a === 'number' && a > 1), `SDK calls: ${attempts.join(', ')}`).toBe(true);
  });
});
