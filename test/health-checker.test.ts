/**
 * A checker in this process against real local endpoints and a real SQLite file, with a DNS node
 * reading the same file through its own connection: FailureThreshold counting, Inverted,
 * Disabled, string match, CALCULATED, and the DNS node's snapshot following a stopped endpoint
 * within one request interval (and starting from the stored statuses after a restart).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openSqliteStore, type Store } from '../src/store/index.ts';
import { startChecker, type Checker } from '../src/health/checker.ts';
import { settingsJson, type HealthCheckSettings } from '../src/health/settings.ts';
import { startDnsNode } from '../src/server/dns-node.ts';
import { closedPort, startWebServer, type Endpoint } from './helpers/endpoints.ts';

const log = pino({ level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'signpost-health-checker-'));
const file = join(dir, 'signpost.db');
let store: Store;
let web: Endpoint;
let up = true;
const running: Checker[] = [];
let n = 0;

beforeAll(async () => {
  store = openSqliteStore(file);
  web = await startWebServer({ handler: (_req, res) => (up ? res.end('status: READY') : res.writeHead(500).end('broken')) });
});
afterEach(async () => {
  for (const c of running.splice(0)) await c.stop();
  for (const c of await store.listHealthChecks()) await store.deleteHealthCheck(c.id);
  up = true;
});
afterAll(async () => {
  await web.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function addCheck(more: Partial<HealthCheckSettings>): Promise<string> {
  const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const s: HealthCheckSettings = {
    type: 'HTTP', ipAddress: '127.0.0.1', port: web.port, requestInterval: 10, failureThreshold: 1, measureLatency: false, inverted: false, disabled: false, ...more,
  };
  await store.createHealthCheck({ id, accountId: '111111111111', callerReference: id, config: settingsJson(s), createdConfig: settingsJson(s), createdAt: new Date().toISOString() });
  return id;
}

async function checker(scale = 0.02): Promise<Checker> {
  const c = await startChecker({ store, region: 'eu-west-1', checkerId: 'test/eu-west-1', log, intervalScale: scale, flushMs: 50, pollMs: 50 });
  running.push(c);
  return c;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const stateOf = (id: string, want: boolean) => async () => ((await store.healthStates()).get(id) === want ? true : undefined);

describe('one checker', () => {
  it('counts FailureThreshold consecutive failures before its verdict turns, and as many successes back', async () => {
    const id = await addCheck({ failureThreshold: 3 });
    await checker();
    await waitFor('the first observations', async () => ((await store.listHealthObservations(id)).length >= 2 ? true : undefined));
    up = false;
    // Every observation is written with the report in one transaction: replay the verdicts.
    await waitFor('unhealthy', stateOf(id, false));
    up = true;
    await waitFor('healthy again', stateOf(id, true));
    const obs = (await store.listHealthObservations(id)).map((o) => o.ok);
    const firstFail = obs.indexOf(false);
    expect(obs.slice(firstFail, firstFail + 3)).toEqual([false, false, false]);
    const back = obs.indexOf(true, firstFail);
    expect(obs.slice(back, back + 3)).toEqual([true, true, true]);
    const report = (await store.listHealthReports(id))[0]!;
    expect(report).toMatchObject({ checkerId: 'test/eu-west-1', region: 'eu-west-1', address: '127.0.0.1', healthy: true });
    expect(report.lastFailure).toBe('Failure: HTTP Status Code: 500. Resolved IP: 127.0.0.1. Internal Server Error');
  });

  // Route 53 names the checker's address in every observation; a probe that never connected has
  // no socket address of its own to tell it.
  it('reports its address even when no probe of it has ever connected', async () => {
    const id = await addCheck({ type: 'TCP', port: await closedPort() });
    await checker();
    const report = await waitFor('a report', async () => (await store.listHealthReports(id))[0]);
    expect(report).toMatchObject({ address: '127.0.0.1', healthy: false });
    expect(report.status).toMatch(/^Failure: Resolved IP: 127.0.0.1. Connection refused/);
  });

  it('applies Inverted, Disabled, string match and CALCULATED to the published status', async () => {
    const inverted = await addCheck({ inverted: true });
    const disabledDown = await addCheck({ disabled: true, resourcePath: '/x', port: 1 });
    const match = await addCheck({ type: 'HTTP_STR_MATCH', searchString: 'READY' });
    const noMatch = await addCheck({ type: 'HTTP_STR_MATCH', searchString: 'GONE' });
    const calc = await addCheck({ type: 'CALCULATED', childHealthChecks: [match, noMatch], healthThreshold: 2 });
    const c = await checker();
    expect(c.checks().sort()).toEqual([inverted, match, noMatch].sort()); // disabled and calculated are not probed
    await waitFor('inverted unhealthy', stateOf(inverted, false));
    await waitFor('no match unhealthy', stateOf(noMatch, false));
    await waitFor('calculated unhealthy', stateOf(calc, false));
    expect((await store.healthStates()).get(match)).toBe(true);
    expect((await store.healthStates()).get(disabledDown)).toBe(true);
  });
});

describe('the DNS node', () => {
  it('flips its snapshot within one request interval of the failing probe, and a restarted node starts from the store', async () => {
    const id = await addCheck({ failureThreshold: 1 });
    const scale = 0.3; // a 3 s interval
    const nodeStore = openSqliteStore(file);
    const node = await startDnsNode({ id: 'health-test-node', store: nodeStore, listen: [{ host: '127.0.0.1', port: 0, family: 4 }], reusePort: false, log });
    try {
      await checker(scale);
      expect(node.responder.health().get(id)).toBeUndefined();
      await waitFor('a first probe', async () => ((await store.listHealthObservations(id)).length > 0 ? true : undefined));
      up = false;
      const flippedAt = await waitFor('the snapshot to flip', async () => (node.responder.health().get(id) === false ? Date.now() : undefined));
      const failedAt = Date.parse((await store.listHealthObservations(id)).find((o) => !o.ok)!.at);
      expect(flippedAt - failedAt).toBeLessThan(10_000 * scale);

      const againStore = openSqliteStore(file);
      const again = await startDnsNode({ id: 'health-test-node-2', store: againStore, listen: [{ host: '127.0.0.1', port: 0, family: 4 }], reusePort: false, log });
      expect(again.responder.health().get(id)).toBe(false); // before it answers anything
      await again.stop();
      await againStore.close();
      up = true;
      await waitFor('the snapshot to flip back', async () => (node.responder.health().get(id) === undefined ? true : undefined));
    } finally {
      await node.stop();
      await nodeStore.close();
    }
  });
});
