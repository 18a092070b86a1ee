/**
 * Issue 9, section 1, through real clients: the AWS SDK for JavaScript and the AWS CLI v2
 * (/usr/bin/aws) against the API on a port the kernel picks. Record values come back exactly as
 * submitted, ids of any spelling are NoSuch…, echoes appear only when sent, created resources are
 * located on the host the request went to, names take escapes and non-ASCII characters, single-
 * label zones work, and operations Signpost does not offer are named (501).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, GetChangeCommand, GetHostedZoneCommand, InvalidChangeBatch, InvalidInput,
  ListHostedZonesCommand, ListResourceRecordSetsCommand, ListTrafficPoliciesCommand, NoSuchChange, NoSuchDelegationSet, NoSuchHostedZone, Route53Client,
} from '@aws-sdk/client-route-53';
import { openSqliteStore, type Store } from '../src/store/index.ts';
import { startHttp, type HttpServer } from '../src/api/http.ts';
import { signRequest } from '../src/api/testing.ts';

const run = promisify(execFile);
const KEY = { accessKeyId: 'AKIAFIDELITY00000001', secretAccessKey: 'ZmlkZWxpdHktdGVzdC1zZWNyZXQ=' };
let store: Store;
let http: HttpServer;
let client: Route53Client;
let home: string;
let endpoint: string;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await store.createAccessKey({ id: KEY.accessKeyId, secret: KEY.secretAccessKey, accountId: '111111111111', createdAt: new Date().toISOString() });
  http = await startHttp({ host: '127.0.0.1', port: 0, family: 4 }, {
    store, log: pino({ level: 'silent' }), onZoneChange: () => {}, now: () => new Date(), liveNodeMs: 15_000, rateLimit: 0,
    nameServers: ['ns1.example.net', 'ns2.example.net', 'ns3.example.com', 'ns4.example.com'],
  });
  endpoint = `http://127.0.0.1:${http.port}`;
  client = new Route53Client({ endpoint, region: 'us-east-1', maxAttempts: 1, credentials: KEY });
  home = mkdtempSync(join(tmpdir(), 'signpost-fidelity-'));
});
afterAll(async () => {
  await http?.close();
  await store?.close();
  rmSync(home, { recursive: true, force: true });
});

async function aws(args: string[]): Promise<any> {
  const { stdout } = await run('/usr/bin/aws', ['route53', ...args, '--endpoint-url', endpoint, '--output', 'json'], {
    env: {
      PATH: process.env.PATH, HOME: home, AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    },
  });
  return stdout.trim() ? JSON.parse(stdout) : {};
}

const upsert = (Name: string, Type: string, values: string[]) =>
  ({ Action: 'UPSERT' as const, ResourceRecordSet: { Name, Type: Type as never, TTL: 300, ResourceRecords: values.map((Value) => ({ Value })) } });

describe('Route 53 fidelity through the SDK and the AWS CLI (issue 9)', () => {
  let zoneId = '';

  it('creates a zone; values come back exactly as submitted, names fully qualified (SDK and CLI)', async () => {
    zoneId = (await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'fidelity-1' }))).HostedZone!.Id!;
    await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [
      upsert('alias.example.com', 'CNAME', ['www.example.com']),
      upsert('example.com', 'MX', ['10 Mail.Example.com', '20 mail2.example.com.']),
      upsert('sub.example.com', 'NS', ['ns1.example.net']),
      upsert('_sip._udp.example.com', 'SRV', ['10 5 5060 sip.example.com']),
      upsert('v6.example.com', 'AAAA', ['2001:DB8::0:1']),
    ] } }));
    const expected: Record<string, string[]> = {
      'alias.example.com. CNAME': ['www.example.com'], 'example.com. MX': ['10 Mail.Example.com', '20 mail2.example.com.'],
      'sub.example.com. NS': ['ns1.example.net'], '_sip._udp.example.com. SRV': ['10 5 5060 sip.example.com'], 'v6.example.com. AAAA': ['2001:DB8::0:1'],
    };
    const sdk = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    const cli = await aws(['list-resource-record-sets', '--hosted-zone-id', zoneId]);
    for (const sets of [sdk.ResourceRecordSets!, cli.ResourceRecordSets as typeof sdk.ResourceRecordSets & {}]) {
      const got = Object.fromEntries(sets.map((s) => [`${s.Name} ${s.Type}`, s.ResourceRecords!.map((r) => r.Value)]));
      for (const [k, v] of Object.entries(expected)) expect(got[k], k).toEqual(v);
    }
  });

  it('answers NoSuch… for an id of any spelling, InvalidInput only past 32 characters', async () => {
    await expect(client.send(new GetHostedZoneCommand({ Id: 'unknown' }))).rejects.toThrow(new NoSuchHostedZone({ message: 'No hosted zone found with ID: unknown', $metadata: {} }).message);
    await expect(client.send(new GetHostedZoneCommand({ Id: 'unknown' }))).rejects.toBeInstanceOf(NoSuchHostedZone);
    await expect(client.send(new GetChangeCommand({ Id: 'lower-case' }))).rejects.toBeInstanceOf(NoSuchChange);
    await expect(client.send(new CreateHostedZoneCommand({ Name: 'example.org', CallerReference: 'fidelity-2', DelegationSetId: 'unknown' }))).rejects.toBeInstanceOf(NoSuchDelegationSet);
    const long = await client.send(new GetHostedZoneCommand({ Id: `Z${'1'.repeat(32)}` })).catch((e: unknown) => e);
    expect(long).toBeInstanceOf(InvalidInput);
    expect((long as Error).message).toMatch(/^1 validation error detected: Value 'Z1{32}' at 'id' failed to satisfy constraint: Member must have length less than or equal to 32$/);
    const cli = await aws(['get-hosted-zone', '--id', 'unknown']).catch((e: { stderr: string }) => e);
    expect((cli as { stderr: string }).stderr).toContain('An error occurred (NoSuchHostedZone) when calling the GetHostedZone operation: No hosted zone found with ID: unknown');
  });

  it('leaves out Marker when the request sent none, and echoes it when sent', async () => {
    const res = await client.send(new ListHostedZonesCommand({}));
    expect(res.Marker).toBeUndefined();
    const bare = zoneId.replace('/hostedzone/', '');
    expect((await client.send(new ListHostedZonesCommand({ Marker: bare }))).Marker).toBe(bare);
  });

  it('locates a created zone on the host the request was sent to', async () => {
    let location = '';
    const probe = new Route53Client({ endpoint, region: 'us-east-1', maxAttempts: 1, credentials: KEY });
    probe.middlewareStack.add((next) => async (args) => {
      const out = await next(args);
      location = String((out.response as { headers: Record<string, string> }).headers.location ?? '');
      return out;
    }, { step: 'deserialize', name: 'captureLocation' });
    const created = await probe.send(new CreateHostedZoneCommand({ Name: 'lab', CallerReference: 'fidelity-3' }));
    expect(created.HostedZone!.Name).toBe('lab.');
    expect(location).toBe(`http://127.0.0.1:${http.port}/2013-04-01/hostedzone/${created.HostedZone!.Id!.replace('/hostedzone/', '')}`);
  });

  it('takes escaped and non-ASCII names, lists them octal-escaped, and refuses a bare space with Route 53\'s text', async () => {
    await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [
      upsert('my\\ host.example.com', 'A', ['192.0.2.2']), upsert('bücher.example.com', 'A', ['192.0.2.3']), upsert('gar\\çon.example.com', 'A', ['192.0.2.4']),
    ] } }));
    const listed = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: 'bücher.example.com', MaxItems: 1 }));
    expect(listed.ResourceRecordSets![0]!.Name).toBe('b\\303\\274cher.example.com.');
    const viaCli = await aws(['list-resource-record-sets', '--hosted-zone-id', zoneId, '--start-record-name', 'my\\ host.example.com', '--max-items', '1']);
    expect(viaCli.ResourceRecordSets[0].Name).toBe('my\\040host.example.com.');
    const bad = await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [upsert('has space.example.com', 'A', ['192.0.2.9'])] } })).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidChangeBatch);
    expect((bad as Error).message).toContain("FATAL problem: UnsupportedCharacter (Value contains unsupported characters) encountered with ' '");
    const badStart = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: 'tab\t.example.com' })).catch((e: unknown) => e);
    expect(badStart).toBeInstanceOf(InvalidInput);
    expect((badStart as Error).message).toBe("FATAL problem: UnsupportedCharacter (Value contains unsupported characters) encountered with '\t'");
  });

  it('names an operation it does not offer yet (501), for the SDK and the CLI', async () => {
    const err = await client.send(new ListTrafficPoliciesCommand({})).catch((e: unknown) => e) as { name: string; message: string; $metadata: { httpStatusCode: number } };
    expect(err.name).toBe('NotImplemented');
    expect(err.$metadata.httpStatusCode).toBe(501);
    expect(err.message).toBe('The Route 53 operation ListTrafficPolicies is not offered by Signpost yet');
    const cli = await aws(['list-traffic-policies']).catch((e: { stderr: string }) => e);
    expect((cli as { stderr: string }).stderr).toContain('NotImplemented');
    expect((cli as { stderr: string }).stderr).toContain('ListTrafficPolicies');
  });

  it('answers a cut-off XML body without parser internals', async () => {
    const req = await signRequest({
      method: 'POST', path: '/2013-04-01/hostedzone', host: `127.0.0.1:${http.port}`, date: new Date(),
      key: { ...KEY, accountId: '111111111111' }, body: '<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>example.net</Name>',
    });
    const res = await fetch(`${endpoint}${req.url}`, { method: 'POST', headers: req.headers, body: req.body as string });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('<Message>Invalid XML ; XML document structures must start and end within the same entity. (line 1)</Message>');
    expect(text).not.toContain('[');
  });
});
