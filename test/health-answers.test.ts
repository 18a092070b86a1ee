/**
 * Health checks driving the answers end to end (issue 7, section 4 and 6): a running
 * `signpost start` (api, dns and a checker at a tenth of Route 53's intervals), records made with
 * the AWS SDK that name health checks on real local servers, and dig. The classic failover of
 * Route 53's guides: kill the primary web server and dig shows the secondary within
 * interval x threshold; restart it and the primary returns. A weighted set loses a member while
 * its TCP server is down, and gets it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Route53Client, CreateHostedZoneCommand, CreateHealthCheckCommand, ChangeResourceRecordSetsCommand, GetChangeCommand, type Change } from '@aws-sdk/client-route-53';
import { dig, signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';
import { digSections } from './helpers/dns-case.ts';
import { udpClient } from './helpers/udp-query.ts';
import { rdataToText } from '../src/dns/index.ts';
import { startTcpServer, startWebServer, type Endpoint } from './helpers/endpoints.ts';

const KEY = { accessKeyId: 'AKIASIGNPOSTANSWERS1', secretAccessKey: 'aGVhbHRoLWFuc3dlcnMtc2VjcmV0LTAwMDAwMDAwMDAw' };
const SCALE = 0.1; // a 10 s interval probes every second
let sp: Signpost;
let client: Route53Client;
let zoneId = '';

beforeAll(async () => {
  const dataDir = tempDataDir();
  await signpost(['keys', 'create', '--account', '111111111111', '--access-key-id', KEY.accessKeyId, '--secret-access-key', KEY.secretAccessKey, '--data-dir', dataDir]);
  sp = await startSignpost({ dataDir, args: ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0', '--health-interval-scale', String(SCALE)] });
  client = new Route53Client({ endpoint: `http://127.0.0.1:${sp.httpPort}`, region: 'us-east-1', credentials: KEY, maxAttempts: 1 });
  zoneId = (await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'answers' }))).HostedZone!.Id!;
}, 60_000);
afterAll(async () => {
  await sp?.stop();
});

async function change(changes: Change[]): Promise<void> {
  const out = await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }));
  for (let i = 0; i < 200; i++) {
    if ((await client.send(new GetChangeCommand({ Id: out.ChangeInfo!.Id! }))).ChangeInfo!.Status === 'INSYNC') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('change never INSYNC');
}

async function check(ref: string, type: 'HTTP' | 'TCP', port: number): Promise<string> {
  const out = await client.send(new CreateHealthCheckCommand({
    CallerReference: ref, HealthCheckConfig: { Type: type, IPAddress: '127.0.0.1', Port: port, RequestInterval: 10, FailureThreshold: 2, ...(type === 'HTTP' ? { ResourcePath: '/' } : {}) },
  }));
  return out.HealthCheck!.Id!;
}

const addresses = async (name: string) => digSections(await dig(sp.dnsPort, [name, 'A'])).answer.map((rr) => rr.split(/\s+/).at(-1)!).sort();

/** Digs until `want` holds; fails after `ms` (generous: the contract is interval x threshold, 2 s here). */
async function digUntil(name: string, want: (addrs: string[]) => boolean, ms = 20_000): Promise<string[]> {
  const end = Date.now() + ms;
  for (;;) {
    const a = await addresses(name);
    if (want(a)) return a;
    if (Date.now() > end) throw new Error(`${name} still answers ${a.join(' ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('answers follow health checks', () => {
  it('fails over from the primary web server to the "back soon" page, and back', async () => {
    let primary: Endpoint | undefined = await startWebServer({ handler: (_q, r) => r.end('the shop') });
    const port = primary.port;
    const secondary = await startWebServer({ handler: (_q, r) => r.end("we'll be back soon") });
    const hcPrimary = await check('primary', 'HTTP', port);
    const hcSecondary = await check('secondary', 'HTTP', secondary.port);
    await change([
      { Action: 'CREATE', ResourceRecordSet: { Name: 'www.example.com', Type: 'A', SetIdentifier: 'primary', Failover: 'PRIMARY', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }], HealthCheckId: hcPrimary } },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'www.example.com', Type: 'A', SetIdentifier: 'secondary', Failover: 'SECONDARY', TTL: 60, ResourceRecords: [{ Value: '192.0.2.2' }], HealthCheckId: hcSecondary } },
    ]);
    expect(await addresses('www.example.com.')).toEqual(['192.0.2.1']);
    await primary.close();
    primary = undefined;
    await digUntil('www.example.com.', (a) => a.join() === '192.0.2.2');
    primary = await startWebServer({ handler: (_q, r) => r.end('the shop again'), port });
    await digUntil('www.example.com.', (a) => a.join() === '192.0.2.1');
    await Promise.all([primary.close(), secondary.close()]);
  });

  it('takes a weighted member out of the answers while its server is down, and back', async () => {
    const servers = [await startTcpServer(), await startTcpServer(), await startTcpServer()];
    const ids = await Promise.all(servers.map((s, i) => check(`weighted-${i}`, 'TCP', s.port)));
    await change(ids.map((id, i) => ({
      Action: 'CREATE', ResourceRecordSet: { Name: 'api.example.com', Type: 'A', SetIdentifier: `member-${i}`, Weight: 10, TTL: 60, ResourceRecords: [{ Value: `192.0.2.${10 + i}` }], HealthCheckId: id },
    })));
    // 300 answers through a UDP client (dig would take a process per query): each member has a
    // third of the weight, so missing one of them by chance has probability 3 x (2/3)^300.
    const udp = await udpClient(sp.dnsPort);
    const sample = async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 300; i++) for (const r of (await udp.query('api.example.com.', 'A')).answers) seen.add(rdataToText(r.type, r.rdata));
      return [...seen].sort();
    };
    try {
      expect(await sample()).toEqual(['192.0.2.10', '192.0.2.11', '192.0.2.12']);
      const port = servers[1]!.port;
      await servers[1]!.close();
      // Wait for the check to turn (interval x threshold, 2 s here), then 300 answers never include the stopped member.
      await new Promise((r) => setTimeout(r, 10_000 * SCALE * 2 + 2000));
      expect(await sample()).toEqual(['192.0.2.10', '192.0.2.12']);
      servers[1] = await startTcpServer(port);
      await new Promise((r) => setTimeout(r, 10_000 * SCALE * 2 + 2000));
      expect(await sample()).toEqual(['192.0.2.10', '192.0.2.11', '192.0.2.12']);
    } finally {
      udp.close();
      await Promise.all(servers.map((s) => s.close()));
    }
  }, 90_000);
});
