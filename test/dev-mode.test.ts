/**
 * `signpost start --dev` (issue 9): one server on ports the kernel picks, found through the JSON
 * ready line; the boto3 module test/dev-mode/test_route53_dev.py runs many small tests against
 * it with a reset between tests. Also: the throwaway directory goes at stop, and --dev refuses
 * settings it cannot honour.
 */
import { spawn, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, signpost } from './helpers/signpost.ts';
import type { DevReady } from '../src/cli/dev-mode.ts';

const run = promisify(execFile);
const MODULE_DIR = fileURLToPath(new URL('./dev-mode/', import.meta.url));

/** Starts --dev; resolves with the ready line, the data directory and a stop function. */
async function startDev(extra: string[] = []): Promise<{ ready: DevReady; dataDir: string; ms: number; stop(): Promise<void> }> {
  const t0 = performance.now();
  const child = spawn(BIN, ['start', '--dev', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0', '--log-level', 'warn', ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const ready = await new Promise<DevReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`signpost --dev did not start:\n${out}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"signpost":"ready"'));
      if (line) { clearTimeout(timer); resolve(JSON.parse(line) as DevReady); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`signpost --dev exited with ${code}:\n${out}`)); });
  });
  const ms = performance.now() - t0;
  const dataDir = /data directory (\S+)/.exec(out)![1]!;
  return {
    ready, dataDir, ms,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('signpost start --dev', () => {
  it('prints one JSON ready line with the ports it chose, and runs the boto3 module with resets between tests', async () => {
    const dev = await startDev();
    try {
      expect(dev.ready).toMatchObject({ signpost: 'ready', dev: true, defaultAccount: '123456789012' });
      expect(dev.ready.httpPort).toBeGreaterThan(0);
      expect(dev.ready.dnsPort).toBeGreaterThan(0);
      expect(dev.ready.endpoint).toBe(`http://127.0.0.1:${dev.ready.httpPort}`);
      expect(dev.ready.dns).toEqual([{ host: '127.0.0.1', port: dev.ready.dnsPort }]);
      // Not asserted (machines differ); the README quotes it. Includes the runtime's own start.
      console.log(`signpost --dev ready ${dev.ms.toFixed(0)} ms after spawn, ${dev.ready.readyMs} ms after its runtime started`);
      const result = await run('/usr/bin/python3', ['-m', 'unittest', '-v', 'test_route53_dev'], {
        cwd: MODULE_DIR,
        env: { PATH: process.env.PATH, HOME: dev.dataDir, SIGNPOST_ENDPOINT: dev.ready.endpoint!, SIGNPOST_DNS_PORT: String(dev.ready.dnsPort),
          AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' },
      }).catch((err: { stdout: string; stderr: string }) => { throw new Error(`the boto3 module failed:\n${err.stderr}`); });
      const ran = /Ran (\d+) tests/.exec(result.stderr);
      expect(Number(ran?.[1])).toBeGreaterThanOrEqual(12);
      expect(result.stderr).toMatch(/\nOK\n/);
    } finally {
      await dev.stop();
    }
    expect(existsSync(dev.dataDir)).toBe(false);
  }, 120_000);

  it('answers unsigned and wrongly signed requests as the default account, and resets with either path', async () => {
    const dev = await startDev(['--dev-account', '444455556666']);
    try {
      expect(dev.ready.defaultAccount).toBe('444455556666');
      const body = '<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>example.org</Name><CallerReference>r</CallerReference></CreateHostedZoneRequest>';
      const created = await fetch(`${dev.ready.endpoint}/2013-04-01/hostedzone`, { method: 'POST', body });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${dev.ready.httpPort}/2013-04-01/hostedzone/Z`));
      const again = await fetch(`${dev.ready.endpoint}/2013-04-01/hostedzone`, { method: 'POST', body });
      expect(again.status).toBe(409);
      for (const path of ['/moto-api/reset', '/signpost/reset']) {
        const reset = await fetch(`${dev.ready.endpoint}${path}`, { method: 'POST' });
        expect(reset.status).toBe(200);
        expect(await reset.json()).toEqual({ status: 'ok' });
        expect((await fetch(`${dev.ready.endpoint}/2013-04-01/hostedzone`, { method: 'POST', body })).status).toBe(201);
      }
    } finally {
      await dev.stop();
    }
  }, 60_000);

  it('refuses settings it cannot honour', async () => {
    for (const [args, message] of [
      [['--data-dir', '/tmp/x'], /--dev always uses a fresh temporary directory/],
      [['--workers', '2', '--dns-listen', '127.0.0.1:5399'], /--dev answers DNS in the main process/],
      [['--demo'], /--dev starts empty/],
      [['--dev-account', '12'], /dev-account must be a 12-digit account id/],
    ] as const) {
      const err = await signpost(['start', '--dev', ...args]).catch((e: { stderr: string; code: number }) => e);
      expect((err as { code: number }).code).toBe(2);
      expect((err as { stderr: string }).stderr).toMatch(message);
    }
  });
});
