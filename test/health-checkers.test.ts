/**
 * Route 53's aggregate with real checker processes: three `signpost start --roles health`
 * processes in three regions, each probing from its own loopback source address, against one
 * store, and an endpoint that accepts only some source addresses. A check is healthy while more
 * than 18 % of its checkers reach it (1 of 3 is enough; 0 of 3 is not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Route53Client, CreateHealthCheckCommand, GetHealthCheckStatusCommand, GetCheckerIpRangesCommand } from '@aws-sdk/client-route-53';
import { signRequest } from '../src/api/testing.ts';
import { signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';
import { startWebServer, type Endpoint } from './helpers/endpoints.ts';

const KEY = { accessKeyId: 'AKIASIGNPOSTHEALTH01', secretAccessKey: 'aGVhbHRoLWNoZWNrZXJzLXNlY3JldC0wMDAwMDAwMDAw' };
const CHECKERS = [['eu-west-1', '127.0.0.2'], ['us-east-1', '127.0.0.3'], ['ap-southeast-1', '127.0.0.4']] as const;
let main: Signpost;
const checkers: Signpost[] = [];
let web: Endpoint;
let client: Route53Client;
let checkId = '';

beforeAll(async () => {
  const dataDir = tempDataDir();
  await signpost(['keys', 'create', '--account', '111111111111', '--access-key-id', KEY.accessKeyId, '--secret-access-key', KEY.secretAccessKey, '--data-dir', dataDir]);
  main = await startSignpost({ dataDir, args: ['--roles', 'api,dns', '--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0'] });
  for (const [region, address] of CHECKERS) {
    checkers.push(await startSignpost({ dataDir, args: ['--roles', 'health', '--region', region, '--health-source-address', address, '--health-interval-scale', '0.1', '--http-listen', '127.0.0.1:0'] }));
  }
  web = await startWebServer();
  client = new Route53Client({ endpoint: `http://127.0.0.1:${main.httpPort}`, region: 'us-east-1', credentials: KEY, maxAttempts: 1 });
}, 60_000);
afterAll(async () => {
  for (const c of checkers) await c.stop();
  await main?.stop();
  await web?.close();
});

/** The JSON history of the check (signed like every request). */
async function history(): Promise<{ healthy: boolean; healthyCheckersPercent: number | null; checkers: { region: string; address: string; healthy: boolean; observations: unknown[] }[] }> {
  const req = await signRequest({ method: 'GET', path: `/signpost/health-checks/${checkId}/history`, host: `127.0.0.1:${main.httpPort}`, key: { ...KEY, accountId: '111111111111' }, date: new Date() });
  const res = await fetch(`http://127.0.0.1:${main.httpPort}${req.url}`, { headers: req.headers });
  expect(res.status).toBe(200);
  return res.json() as never;
}

async function until(what: string, ok: (h: Awaited<ReturnType<typeof history>>) => boolean): Promise<Awaited<ReturnType<typeof history>>> {
  const end = Date.now() + 30_000;
  for (;;) {
    const h = await history();
    if (ok(h)) return h;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(h)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const healthyCount = (h: Awaited<ReturnType<typeof history>>) => h.checkers.filter((c) => c.healthy).length;

describe('three checkers against one store', () => {
  it('each reports from its region and source address', async () => {
    web.allow = new Set(['127.0.0.2', '127.0.0.3', '127.0.0.4']);
    const out = await client.send(new CreateHealthCheckCommand({
      CallerReference: 'three-checkers',
      HealthCheckConfig: { Type: 'HTTP', IPAddress: '127.0.0.1', Port: web.port, ResourcePath: '/health', RequestInterval: 10, FailureThreshold: 1 },
    }));
    checkId = out.HealthCheck!.Id!;
    const h = await until('three healthy checkers', (x) => x.checkers.length === 3 && healthyCount(x) === 3);
    expect(h.checkers.map((c) => [c.region, c.address]).sort()).toEqual(CHECKERS.map(([r, a]) => [r, a]).sort());
    const status = await client.send(new GetHealthCheckStatusCommand({ HealthCheckId: checkId }));
    expect(status.HealthCheckObservations!.map((o) => o.Region).sort()).toEqual(['ap-southeast-1', 'eu-west-1', 'us-east-1']);
    expect(status.HealthCheckObservations!.every((o) => o.StatusReport!.Status!.startsWith('Success: HTTP Status Code: 200.'))).toBe(true);
    const ranges = await client.send(new GetCheckerIpRangesCommand({}));
    expect(ranges.CheckerIpRanges).toEqual(['127.0.0.2/32', '127.0.0.3/32', '127.0.0.4/32']);
  });

  it('stays healthy while one checker of three (33 % > 18 %) reaches the endpoint', async () => {
    web.allow = new Set(['127.0.0.3']);
    const h = await until('one healthy checker of three', (x) => x.checkers.length === 3 && healthyCount(x) === 1);
    expect(h.healthyCheckersPercent).toBe(33.3);
    expect(h.healthy).toBe(true);
    const metrics = await (await fetch(`http://127.0.0.1:${main.httpPort}/metrics`)).text();
    expect(metrics).toContain(`signpost_health_check_status{health_check_id="${checkId}"} 1`);
  });

  it('turns unhealthy when no checker reaches it (0 % <= 18 %), and healthy when they all do again', async () => {
    web.allow = new Set();
    const down = await until('unhealthy', (x) => healthyCount(x) === 0 && !x.healthy);
    expect(down.checkers).toHaveLength(3);
    const metrics = await (await fetch(`http://127.0.0.1:${main.httpPort}/metrics`)).text();
    expect(metrics).toContain(`signpost_health_check_status{health_check_id="${checkId}"} 0`);
    const checkerMetricsPort = /metrics listening on 127\.0\.0\.1:(\d+)/.exec(checkers[0]!.output())![1];
    const checkerMetrics = await (await fetch(`http://127.0.0.1:${checkerMetricsPort}/metrics`)).text();
    expect(checkerMetrics).toMatch(/signpost_health_probe_failures_total\{region="eu-west-1",type="HTTP"\} [1-9]/);
    expect(checkerMetrics).toContain('signpost_health_schedule_lag_seconds_bucket');
    web.allow = undefined;
    await until('healthy again', (x) => healthyCount(x) === 3 && x.healthy);
  });
});
