/**
 * verifySigV4 on requests from real clients: @aws-sdk/client-route-53 and the AWS CLI v2
 * (/usr/bin/aws, installed by scripts/install-tools.sh) talk to a tiny node:http server that
 * records each request as it arrived and answers with a minimal valid reply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  ChangeResourceRecordSetsCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand, Route53Client,
} from '@aws-sdk/client-route-53';
import { verifySigV4, type SignedRequest } from './sigv4.ts';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';
const KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ACCOUNT = '210987654321';
const lookup = async (id: string) => (id === KEY.accessKeyId ? { secret: KEY.secretAccessKey, accountId: ACCOUNT } : undefined);
const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';
const CHANGE_BATCH = {
  Comment: 'add www',
  Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: 'www.example.com.', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '192.0.2.1' }] } }],
} as const;

/** A minimal reply each client parses without complaint. */
function reply(req: http.IncomingMessage): string {
  const path = (req.url ?? '').split('?')[0]!;
  const body = req.method === 'POST' && /\/rrset\/?$/.test(path)
    ? `<ChangeResourceRecordSetsResponse xmlns="${NS}"><ChangeInfo><Id>/change/C1</Id><Status>PENDING</Status><SubmittedAt>2026-03-01T12:00:00.000Z</SubmittedAt></ChangeInfo></ChangeResourceRecordSetsResponse>`
    : /\/rrset\/?$/.test(path)
      ? `<ListResourceRecordSetsResponse xmlns="${NS}"><ResourceRecordSets/><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems></ListResourceRecordSetsResponse>`
      : `<ListHostedZonesResponse xmlns="${NS}"><HostedZones/><Marker></Marker><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

const captured: SignedRequest[] = [];
let server: http.Server;
let endpoint: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      captured.push({ method: req.method!, url: req.url!, headers: { ...req.headers }, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'text/xml', 'x-amz-request-id': '00000000-0000-4000-8000-000000000000' });
      res.end(reply(req));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs `fn`, and returns the requests the server received meanwhile. */
async function capture(fn: () => Promise<unknown>): Promise<SignedRequest[]> {
  const from = captured.length;
  await fn();
  return captured.slice(from);
}

/** Asserts that `r` verifies, and that it stops verifying once its body or path is changed. */
async function expectVerifies(r: SignedRequest): Promise<void> {
  await expect(verifySigV4(r, lookup, new Date())).resolves.toMatchObject({ accountId: ACCOUNT, accessKeyId: KEY.accessKeyId });
  const otherBody = { ...r, body: Buffer.concat([r.body, Buffer.from(' ')]) };
  await expect(verifySigV4(otherBody, lookup, new Date())).rejects.toMatchObject({ code: expect.stringMatching(/^(SignatureDoesNotMatch|XAmzContentSHA256Mismatch)$/) });
  const otherPath = { ...r, url: r.url.replace('/2013-04-01/', '/2013-04-02/') };
  await expect(verifySigV4(otherPath, lookup, new Date())).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
}

const scopeRegion = (r: SignedRequest) => /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(r.headers.authorization))?.[1];

describe('@aws-sdk/client-route-53', () => {
  it.each(['us-east-1', 'eu-west-1'])('requests from a client configured for %s verify', async (region) => {
    const client = new Route53Client({ endpoint, region, credentials: KEY, maxAttempts: 1 });
    const requests = await capture(async () => {
      await client.send(new ListHostedZonesCommand({ MaxItems: 10 }));
      await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: '/hostedzone/Z1', StartRecordName: '*.example.com.', StartRecordType: 'A' }));
      await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: 'Z1', ChangeBatch: structuredClone(CHANGE_BATCH) as never }));
    });
    client.destroy();
    expect(requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'GET /2013-04-01/hostedzone',
      'GET /2013-04-01/hostedzone/Z1/rrset',
      'POST /2013-04-01/hostedzone/Z1/rrset',
    ]);
    for (const r of requests) {
      expect(r.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
      await expectVerifies(r);
    }
    // The SDK signs for the region it is configured with; Route 53 is global, so any region must do.
    expect(requests.map(scopeRegion)).toEqual([region, region, region]);
  });
});

describe('AWS CLI v2 (/usr/bin/aws)', () => {
  const aws = (args: string[]) => run(AWS_CLI, [...args, '--endpoint-url', endpoint, '--output', 'json'], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp',
      AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-2',
      AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    },
  });

  it('list-hosted-zones verifies', async () => {
    const requests = await capture(() => aws(['route53', 'list-hosted-zones']));
    expect(requests).toHaveLength(1);
    const r = requests[0]!;
    expect(`${r.method} ${r.url}`).toBe('GET /2013-04-01/hostedzone');
    expect(scopeRegion(r)).toBe('us-east-2');
    await expectVerifies(r);
  });

  it('change-resource-record-sets (POST to /rrset/, no Content-Type) verifies', async () => {
    const requests = await capture(() => aws(['route53', 'change-resource-record-sets', '--hosted-zone-id', 'Z1', '--change-batch', JSON.stringify(CHANGE_BATCH)]));
    expect(requests).toHaveLength(1);
    const r = requests[0]!;
    expect(`${r.method} ${r.url}`).toBe('POST /2013-04-01/hostedzone/Z1/rrset/');
    expect(r.headers['content-type']).toBeUndefined();
    expect(r.body.toString()).toContain('<Name>www.example.com.</Name>');
    await expectVerifies(r);
    // Verified against the path as sent: without the trailing slash it no longer matches.
    await expect(verifySigV4({ ...r, url: '/2013-04-01/hostedzone/Z1/rrset' }, lookup, new Date())).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('list-resource-record-sets with a query string verifies', async () => {
    const requests = await capture(() => aws(['route53', 'list-resource-record-sets', '--hosted-zone-id', 'Z1', '--start-record-name', '*.example.com.', '--start-record-type', 'A']));
    expect(requests.length).toBeGreaterThanOrEqual(1);
    const r = requests[0]!;
    expect(r.url).toMatch(/^\/2013-04-01\/hostedzone\/Z1\/rrset\?/);
    await expectVerifies(r);
  });
});
