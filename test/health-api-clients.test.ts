/**
 * The health-check API through the real clients, against a running `signpost start` whose
 * checker probes a local endpoint: @aws-sdk/client-route-53 and the AWS CLI v2 (/usr/bin/aws)
 * drive every operation, and the error cases come back as the SDK's own exception classes
 * (NoSuchHealthCheck, HealthCheckInUse, HealthCheckVersionMismatch, HealthCheckAlreadyExists,
 * InvalidInput) and as the CLI's error codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  Route53Client, CreateHealthCheckCommand, GetHealthCheckCommand, ListHealthChecksCommand, UpdateHealthCheckCommand, DeleteHealthCheckCommand,
  GetHealthCheckCountCommand, GetHealthCheckStatusCommand, GetHealthCheckLastFailureReasonCommand, GetCheckerIpRangesCommand,
  ChangeTagsForResourceCommand, ListTagsForResourceCommand, ListTagsForResourcesCommand, CreateHostedZoneCommand, ChangeResourceRecordSetsCommand,
  NoSuchHealthCheck, HealthCheckInUse, HealthCheckVersionMismatch, HealthCheckAlreadyExists, InvalidInput, type Change,
} from '@aws-sdk/client-route-53';
import { signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';
import { startWebServer, type Endpoint } from './helpers/endpoints.ts';

const run = promisify(execFile);
const KEY = { accessKeyId: 'AKIASIGNPOSTHCAPI001', secretAccessKey: 'aGMtYXBpLXRlc3Qtc2VjcmV0LTAwMDAwMDAwMDAwMDAw' };
let sp: Signpost;
let web: Endpoint;
let up = true;
let client: Route53Client;
let zoneId = '';

beforeAll(async () => {
  const dataDir = tempDataDir();
  await signpost(['keys', 'create', '--account', '111111111111', '--access-key-id', KEY.accessKeyId, '--secret-access-key', KEY.secretAccessKey, '--data-dir', dataDir]);
  sp = await startSignpost({ dataDir, args: ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0', '--region', 'eu-west-1', '--health-interval-scale', '0.05'] });
  web = await startWebServer({ handler: (_req, res) => (up ? res.end('ok') : res.writeHead(503).end('down')) });
  client = new Route53Client({ endpoint: `http://127.0.0.1:${sp.httpPort}`, region: 'us-east-1', credentials: KEY, maxAttempts: 1 });
  zoneId = (await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'hc-zone' }))).HostedZone!.Id!;
}, 60_000);
afterAll(async () => {
  await sp?.stop();
  await web?.close();
});

async function aws(args: string[]): Promise<any> {
  const { stdout } = await run('/usr/bin/aws', ['route53', ...args, '--endpoint-url', `http://127.0.0.1:${sp.httpPort}`, '--output', 'json'], {
    env: {
      PATH: process.env.PATH, HOME: sp.dataDir, AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey, AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    },
  });
  return stdout.trim() ? JSON.parse(stdout) : {};
}
/** Runs the CLI expecting a failure; returns its stderr. */
async function awsFails(args: string[]): Promise<string> {
  try {
    await aws(args);
  } catch (err) {
    return String((err as { stderr?: string }).stderr);
  }
  throw new Error(`aws ${args.join(' ')} succeeded`);
}
async function eventually<T>(what: string, fn: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + 20_000;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const failover = (id: string): Change => ({
  Action: 'CREATE', ResourceRecordSet: { Name: 'www.example.com', Type: 'A', SetIdentifier: 'primary', Failover: 'PRIMARY', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }], HealthCheckId: id },
});

describe('health checks through the AWS SDK', () => {
  let id = '';
  const config = () => ({ Type: 'HTTP' as const, IPAddress: '127.0.0.1', Port: web.port, ResourcePath: '/health', RequestInterval: 10, FailureThreshold: 1 });

  it('creates idempotently by caller reference, gets, lists, counts', async () => {
    const out = await client.send(new CreateHealthCheckCommand({ CallerReference: 'sdk-1', HealthCheckConfig: config() }));
    id = out.HealthCheck!.Id!;
    expect(out.Location).toBe(`http://127.0.0.1:${sp.httpPort}/2013-04-01/healthcheck/${id}`); // the host the request went to (issue 9)
    expect(out.HealthCheck).toMatchObject({ CallerReference: 'sdk-1', HealthCheckVersion: 1, HealthCheckConfig: { ...config(), MeasureLatency: false, Inverted: false, Disabled: false } });
    expect((await client.send(new CreateHealthCheckCommand({ CallerReference: 'sdk-1', HealthCheckConfig: config() }))).HealthCheck!.Id).toBe(id);
    await expect(client.send(new CreateHealthCheckCommand({ CallerReference: 'sdk-1', HealthCheckConfig: { ...config(), Port: 1 } }))).rejects.toBeInstanceOf(HealthCheckAlreadyExists);
    await expect(client.send(new CreateHealthCheckCommand({ CallerReference: 'sdk-cw', HealthCheckConfig: { Type: 'CLOUDWATCH_METRIC' } }))).rejects.toThrow(/Signpost does not offer CLOUDWATCH_METRIC/);
    await client.send(new CreateHealthCheckCommand({ CallerReference: 'sdk-2', HealthCheckConfig: { Type: 'TCP', IPAddress: '127.0.0.1', Port: web.port } }));
    expect((await client.send(new GetHealthCheckCommand({ HealthCheckId: id }))).HealthCheck!.Id).toBe(id);
    const page = await client.send(new ListHealthChecksCommand({ MaxItems: 1 }));
    expect(page).toMatchObject({ IsTruncated: true, MaxItems: 1 });
    const rest = await client.send(new ListHealthChecksCommand({ Marker: page.NextMarker! }));
    expect(page.HealthChecks!.length + rest.HealthChecks!.length).toBe(2);
    expect((await client.send(new GetHealthCheckCountCommand({}))).HealthCheckCount).toBe(2);
    await expect(client.send(new GetHealthCheckCommand({ HealthCheckId: '0e548232-8f42-4e8c-bbda-81b6bf5e71ca' }))).rejects.toBeInstanceOf(NoSuchHealthCheck);
  });

  it('updates with HealthCheckVersion and refuses a stale one', async () => {
    const up2 = await client.send(new UpdateHealthCheckCommand({ HealthCheckId: id, HealthCheckVersion: 1, FailureThreshold: 2 }));
    expect(up2.HealthCheck).toMatchObject({ HealthCheckVersion: 2, HealthCheckConfig: { FailureThreshold: 2 } });
    await expect(client.send(new UpdateHealthCheckCommand({ HealthCheckId: id, HealthCheckVersion: 1, Inverted: true }))).rejects.toBeInstanceOf(HealthCheckVersionMismatch);
    await expect(client.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Regions: ['eu-west-1'] }))).rejects.toBeInstanceOf(InvalidInput);
    await client.send(new UpdateHealthCheckCommand({ HealthCheckId: id, FailureThreshold: 1 }));
  });

  it('shows the checker\'s status, last failure and address', async () => {
    const ok = await eventually('an observation', async () => (await client.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }))).HealthCheckObservations?.[0]);
    expect(ok).toMatchObject({ Region: 'eu-west-1', IPAddress: '127.0.0.1' });
    expect(ok.StatusReport!.Status).toMatch(/^Success: HTTP Status Code: 200\./);
    expect(ok.StatusReport!.CheckedTime).toBeInstanceOf(Date);
    up = false;
    const failure = await eventually('a failure reason', async () => (await client.send(new GetHealthCheckLastFailureReasonCommand({ HealthCheckId: id }))).HealthCheckObservations?.[0]);
    expect(failure.StatusReport!.Status).toBe('Failure: HTTP Status Code: 503. Resolved IP: 127.0.0.1. Service Unavailable');
    up = true;
    expect((await client.send(new GetCheckerIpRangesCommand({}))).CheckerIpRanges).toEqual(['127.0.0.1/32']);
  });

  it('tags health checks', async () => {
    await client.send(new ChangeTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: id, AddTags: [{ Key: 'service', Value: 'web' }] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: id }))).ResourceTagSet!.Tags).toEqual([{ Key: 'service', Value: 'web' }]);
    expect((await client.send(new ListTagsForResourcesCommand({ ResourceType: 'healthcheck', ResourceIds: [id] }))).ResourceTagSets).toHaveLength(1);
    await expect(client.send(new ListTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: '0e548232-8f42-4e8c-bbda-81b6bf5e71ca' }))).rejects.toBeInstanceOf(NoSuchHealthCheck);
  });

  it('refuses a record naming a missing check, and deleting a check a record uses', async () => {
    await expect(client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [failover('0e548232-8f42-4e8c-bbda-81b6bf5e71ca')] } }))).rejects.toBeInstanceOf(NoSuchHealthCheck);
    await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [failover(id)] } }));
    await expect(client.send(new DeleteHealthCheckCommand({ HealthCheckId: id }))).rejects.toBeInstanceOf(HealthCheckInUse);
    await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [{ ...failover(id), Action: 'DELETE' }] } }));
    await client.send(new DeleteHealthCheckCommand({ HealthCheckId: id }));
    await expect(client.send(new DeleteHealthCheckCommand({ HealthCheckId: id }))).rejects.toBeInstanceOf(NoSuchHealthCheck);
    await expect(client.send(new CreateHealthCheckCommand({ CallerReference: 'sdk-1', HealthCheckConfig: config() }))).rejects.toBeInstanceOf(HealthCheckAlreadyExists);
  });
});

describe('health checks through the AWS CLI v2', () => {
  it('runs every operation and its errors', async () => {
    const cfg = JSON.stringify({ Type: 'HTTP_STR_MATCH', IPAddress: '127.0.0.1', Port: web.port, SearchString: 'ok', RequestInterval: 10, FailureThreshold: 1 });
    const created = await aws(['create-health-check', '--caller-reference', 'cli-1', '--health-check-config', cfg]);
    const id: string = created.HealthCheck.Id;
    expect(created.Location).toContain(id);
    expect((await aws(['create-health-check', '--caller-reference', 'cli-1', '--health-check-config', cfg])).HealthCheck.Id).toBe(id);
    expect(await awsFails(['create-health-check', '--caller-reference', 'cli-1', '--health-check-config', cfg.replace('"ok"', '"nope"')])).toContain('(HealthCheckAlreadyExists)');
    expect(await awsFails(['create-health-check', '--caller-reference', 'cli-rc', '--health-check-config', '{"Type":"RECOVERY_CONTROL","RoutingControlArn":"arn:x"}'])).toContain('(InvalidInput)');
    expect((await aws(['get-health-check', '--health-check-id', id])).HealthCheck.HealthCheckConfig.SearchString).toBe('ok');
    expect((await aws(['list-health-checks'])).HealthChecks.map((c: { Id: string }) => c.Id)).toContain(id);
    expect((await aws(['get-health-check-count'])).HealthCheckCount).toBeGreaterThanOrEqual(1);
    expect((await aws(['update-health-check', '--health-check-id', id, '--health-check-version', '1', '--inverted'])).HealthCheck.HealthCheckConfig.Inverted).toBe(true);
    expect(await awsFails(['update-health-check', '--health-check-id', id, '--health-check-version', '1', '--no-inverted'])).toContain('(HealthCheckVersionMismatch)');
    const status = await eventually('an observation', async () => (await aws(['get-health-check-status', '--health-check-id', id])).HealthCheckObservations?.[0]);
    expect(status.StatusReport.Status).toMatch(/^Success: /);
    expect((await aws(['get-health-check-last-failure-reason', '--health-check-id', id])).HealthCheckObservations).toEqual([]);
    expect((await aws(['get-checker-ip-ranges'])).CheckerIpRanges).toEqual(['127.0.0.1/32']);
    await aws(['change-tags-for-resource', '--resource-type', 'healthcheck', '--resource-id', id, '--add-tags', 'Key=team,Value=dns']);
    expect((await aws(['list-tags-for-resource', '--resource-type', 'healthcheck', '--resource-id', id])).ResourceTagSet.Tags).toEqual([{ Key: 'team', Value: 'dns' }]);
    expect((await aws(['list-tags-for-resources', '--resource-type', 'healthcheck', '--resource-ids', id])).ResourceTagSets).toHaveLength(1);
    const batch = (hc: string) => JSON.stringify({ Changes: [{ ...failover(hc), ResourceRecordSet: { ...failover(hc).ResourceRecordSet, Name: 'cli.example.com' } }] });
    expect(await awsFails(['change-resource-record-sets', '--hosted-zone-id', zoneId, '--change-batch', batch('0e548232-8f42-4e8c-bbda-81b6bf5e71ca')])).toContain('(NoSuchHealthCheck)');
    await aws(['change-resource-record-sets', '--hosted-zone-id', zoneId, '--change-batch', batch(id)]);
    expect(await awsFails(['delete-health-check', '--health-check-id', id])).toContain('(HealthCheckInUse)');
    await aws(['change-resource-record-sets', '--hosted-zone-id', zoneId, '--change-batch', batch(id).replace('"CREATE"', '"DELETE"')]);
    await aws(['delete-health-check', '--health-check-id', id]);
    expect(await awsFails(['get-health-check', '--health-check-id', id])).toContain('(NoSuchHealthCheck)');
  }, 600_000); // about 20 CLI runs of 1-8 s each on a busy machine
});
