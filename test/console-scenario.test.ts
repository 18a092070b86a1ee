/**
 * The whole scenario of issue 10 in a real browser, as it should run once health checks,
 * routing policies, geolocation and TestDNSAnswer are merged: sign in, create a zone, a health
 * check on a local web server the test starts, a weighted pair, a failover pair and a
 * geolocation pair through the console's forms; dig answers from them; stop the web server and
 * see the console show the check unhealthy and the PRIMARY withheld while dig answers the
 * SECONDARY; then ask the record tester for clients in two places.
 *
 * Flags it relies on: --health-interval-scale 0.1 (the health work: a 10 s check probes every
 * second). Geolocation uses the default database the geo work ships (193.0.6.139 is in NL,
 * Europe; 8.8.8.8 in the US, per reference/node-libraries.md §11).
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Route53Client, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { dig, signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';
import { digSections } from './helpers/dns-case.ts';
import { ensureConsoleBuilt, launchBrowser, screenshot, type TestBrowser } from './helpers/browser.ts';

const KEY = { accessKeyId: 'AKIACONSOLESCENARIO1', secretAccessKey: 'c2NlbmFyaW8tc2VjcmV0LTAwMDAwMDAwMDAwMDAwMDA' };

let sp: Signpost;
let tb: TestBrowser;
let page: Page;
let web: Server;
let webPort = 0;
let origin = '';
let zoneId = '';
let checkId = '';

const answers = async (name: string, ...extra: string[]) =>
  digSections(await dig(sp.dnsPort, [name, 'A', ...extra])).answer.map((r) => r.split(/\s+/).at(-1)!).sort();

async function insync(p: Page) {
  await p.getByTestId('change-status').filter({ hasText: 'INSYNC' }).first().waitFor({ timeout: 15_000 });
}

/** Fills the record form: name, values and the routing fields given. */
async function createRecord(p: Page, name: string, value: string, routing: Record<string, string>, select: Record<string, string> = {}) {
  await p.getByRole('button', { name: 'Create record' }).click();
  const form = p.locator('form.editor');
  await form.getByLabel('Record name').fill(name);
  await form.getByLabel('Values, one per line').fill(value);
  await form.getByLabel('TTL (seconds)').fill('10');
  for (const [label, v] of Object.entries(select)) await form.getByLabel(label, { exact: true }).selectOption(v);
  for (const [label, v] of Object.entries(routing)) await form.getByLabel(label, { exact: true }).fill(v);
  await form.getByRole('button', { name: 'Create record' }).click();
  // The form closes when the API has taken the change; only then is the status shown this change's.
  await form.waitFor({ state: 'detached' });
  await insync(p);
}

describe('issue 10: the console scenario', () => {
  beforeAll(async () => {
    ensureConsoleBuilt();
    web = createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('primary is up'); });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    webPort = (web.address() as { port: number }).port;
    const dataDir = tempDataDir();
    await signpost(['keys', 'create', '--account', '111111111111', '--access-key-id', KEY.accessKeyId, '--secret-access-key', KEY.secretAccessKey, '--data-dir', dataDir]);
    sp = await startSignpost({ dataDir, args: ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0', '--health-interval-scale', '0.1'] });
    origin = `http://127.0.0.1:${sp.httpPort}`;
    tb = await launchBrowser();
    page = await tb.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.setViewportSize({ width: 1280, height: 860 });
  }, 120_000);

  afterAll(async () => {
    await tb?.close();
    await sp?.stop();
    web?.close();
  });

  it('signs in and creates a zone', async () => {
    await page.goto(`${origin}/console/`);
    await page.getByLabel('Access key ID').fill(KEY.accessKeyId);
    await page.getByLabel('Secret access key').fill(KEY.secretAccessKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Create hosted zone' }).click();
    await page.getByLabel('Domain name').fill('example.com');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: 'example.com.' }).waitFor();
    zoneId = new URL(page.url()).pathname.split('/').at(-1)!;
  });

  it('creates an HTTP health check on the local web server, which turns healthy', async () => {
    await page.getByRole('link', { name: 'Health checks' }).click();
    await page.getByRole('button', { name: 'Create health check' }).click();
    const form = page.locator('form.editor');
    await form.getByLabel('IP address').fill('127.0.0.1');
    await form.getByLabel('Port').fill(String(webPort));
    await form.getByLabel('Path').fill('/');
    await form.getByLabel('Request interval').selectOption('10');
    await form.getByLabel('Failure threshold (1–10)').fill('1');
    await form.getByLabel('Measure latency').check();
    await form.getByRole('button', { name: 'Create health check' }).click();
    await page.getByTestId('hc-overall').filter({ hasText: 'Healthy' }).waitFor({ timeout: 30_000 });
    checkId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(checkId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('creates a weighted pair, a failover pair using the check, and a geolocation pair', async () => {
    await page.goto(`${origin}/console/zones/${zoneId}`);
    await createRecord(page, 'www', '192.0.2.1', { 'Record ID (set identifier)': 'one', 'Weight (0–255)': '1' }, { 'Routing policy': 'weighted' });
    await createRecord(page, 'www', '192.0.2.2', { 'Record ID (set identifier)': 'two', 'Weight (0–255)': '1' }, { 'Routing policy': 'weighted' });
    await createRecord(page, 'app', '192.0.2.10', { 'Record ID (set identifier)': 'primary' }, { 'Routing policy': 'failover', 'Failover record type': 'PRIMARY', 'Health check': checkId });
    await createRecord(page, 'app', '192.0.2.20', { 'Record ID (set identifier)': 'secondary' }, { 'Routing policy': 'failover', 'Failover record type': 'SECONDARY' });
    await createRecord(page, 'geo', '192.0.2.30', { 'Record ID (set identifier)': 'europe' }, { 'Routing policy': 'geolocation', Continent: 'EU' });
    await createRecord(page, 'geo', '192.0.2.31', { 'Record ID (set identifier)': 'elsewhere' }, { 'Routing policy': 'geolocation', Country: '*' });
    const client = new Route53Client({ endpoint: origin, region: 'us-east-1', credentials: KEY, maxAttempts: 1 });
    const sets = (await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets!;
    expect(sets.find((s) => s.SetIdentifier === 'primary')).toMatchObject({ Failover: 'PRIMARY', HealthCheckId: checkId });
    expect(sets.find((s) => s.SetIdentifier === 'europe')).toMatchObject({ GeoLocation: { ContinentCode: 'EU' } });
    // The PRIMARY's row shows its check's status.
    await page.getByTestId('record-check-status').filter({ hasText: /^healthy$/ }).waitFor();
    await screenshot(page, 'scenario-records');
  });

  it('dig answers from the policies: both weighted members over many queries, the PRIMARY while healthy', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40 && seen.size < 2; i++) for (const a of await answers('www.example.com.')) seen.add(a);
    expect([...seen].sort()).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(await answers('app.example.com.')).toEqual(['192.0.2.10']);
  });

  it('stop the web server: the console shows the check unhealthy and the PRIMARY withheld; dig answers the SECONDARY', async () => {
    await new Promise<void>((r) => { web.close(() => r()); web.closeAllConnections(); });
    await page.goto(`${origin}/console/health-checks/${checkId}`);
    await page.getByTestId('hc-overall').filter({ hasText: 'Unhealthy' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('withheld').filter({ hasText: 'PRIMARY unhealthy' }).waitFor({ timeout: 30_000 });
    await page.locator('.graph canvas').first().waitFor();
    await screenshot(page, 'scenario-health-check');
    await expect.poll(() => answers('app.example.com.'), { timeout: 15_000 }).toEqual(['192.0.2.20']);
    // The main navigation's link: the check's page also has a breadcrumb link of that name.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health checks' }).click();
    await page.getByTestId('hc-status').filter({ hasText: 'Unhealthy' }).waitFor();
    await screenshot(page, 'scenario-health-checks');
    await page.goto(`${origin}/console/zones/${zoneId}`);
    await page.getByTestId('record-check-status').filter({ hasText: /^unhealthy$/ }).waitFor();

  });

  it('the record tester answers for clients in two places, with the explanation', async () => {
    await page.getByRole('link', { name: 'Record tester' }).click();
    await page.getByLabel('Record name').fill('geo');
    for (const [subnet, want] of [['193.0.6.0', '192.0.2.30'], ['8.8.8.0', '192.0.2.31']] as const) {
      await page.getByLabel('Client subnet IP').fill(subnet);
      await page.getByLabel('Subnet mask (bits)').fill('24');
      await page.getByRole('button', { name: 'Test' }).click();
      const result = page.getByTestId('tester-result').first();
      await result.filter({ hasText: `subnet ${subnet}/24` }).waitFor();
      expect(await result.locator('.answers').textContent()).toBe(want);
      expect(await answers('geo.example.com.', `+subnet=${subnet}/24`)).toEqual([want]);
    }
    await page.getByText('Why').first().waitFor();
    await screenshot(page, 'scenario-tester');
  });
});
