// Health checking at scale: 1,000 health checks at a 10 s interval against local endpoints
// (HTTP, HTTP string match, HTTPS with a self-signed certificate, TCP), probed by one checker
// process (`signpost start --roles health`). Reports the checker's CPU (share of one core) and
// memory (RSS), probes per second, and schedule drift (how late probes start) from its
// Prometheus histogram. Goal (issue 7): under 10 % of one core, no probe more than 1 s late.
//
//   node bench/health-scale.ts [--checks 1000] [--warmup 15] [--seconds 60]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.ts';
import { settingsJson, type HealthCheckSettings } from '../src/health/settings.ts';
import { selfSignedCert, startTcpServer, startWebServer } from '../test/helpers/endpoints.ts';
import { CLK_TCK, treeTicks } from './measure.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CHECKS = arg('checks', 1000);
const WARMUP = arg('warmup', 15);
const SECONDS = arg('seconds', 60);
const BIN = fileURLToPath(new URL('../bin/signpost', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const web = await startWebServer({ handler: (_q, r) => r.end('service READY') });
const tls = await startWebServer({ tls: selfSignedCert() });
const tcp = await startTcpServer();
const dataDir = mkdtempSync(join(tmpdir(), 'signpost-health-bench-'));
const store = openStore(dataDir);
const kinds: [Partial<HealthCheckSettings>, number][] = [
  [{ type: 'HTTP', port: web.port, resourcePath: '/health' }, 0.5],
  [{ type: 'HTTP_STR_MATCH', port: web.port, searchString: 'READY' }, 0.2],
  [{ type: 'HTTPS', port: tls.port, enableSNI: true, fullyQualifiedDomainName: 'www.example.com', ipAddress: '127.0.0.1' }, 0.1],
  [{ type: 'TCP', port: tcp.port }, 0.2],
];
let n = 0;
for (const [more, share] of kinds) {
  for (let i = 0; i < Math.round(CHECKS * share); i++) {
    const s = settingsJson({ type: 'HTTP', ipAddress: '127.0.0.1', requestInterval: 10, failureThreshold: 3, measureLatency: false, inverted: false, disabled: false, ...more } as HealthCheckSettings);
    const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    await store.createHealthCheck({ id, accountId: '111111111111', callerReference: id, config: s, createdConfig: s, createdAt: new Date().toISOString() });
  }
}
await store.close();

const child = spawn(BIN, ['start', '--roles', 'health', '--data-dir', dataDir, '--http-listen', '127.0.0.1:0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
for (let i = 0; i < 200 && !out.includes('signpost ready'); i++) await sleep(100);
const port = /metrics listening on 127\.0\.0\.1:(\d+)/.exec(out)?.[1];
if (!port) throw new Error(`the checker did not start:\n${out}`);

type Scrape = { probes: number; failures: number; lagCount: number; lagSum: number; lagLe: Map<string, number> };
async function scrape(): Promise<Scrape> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const sum = (re: RegExp) => [...text.matchAll(re)].reduce((a, m) => a + Number(m[1]), 0);
  const lagLe = new Map<string, number>();
  for (const m of text.matchAll(/signpost_health_schedule_lag_seconds_bucket\{le="([^"]+)",region="[^"]+"\} (\d+)/g)) lagLe.set(m[1]!, Number(m[2]));
  return {
    probes: sum(/signpost_health_probes_total\{[^}]*\} (\d+)/g), failures: sum(/signpost_health_probe_failures_total\{[^}]*\} (\d+)/g),
    lagCount: sum(/signpost_health_schedule_lag_seconds_count\{[^}]*\} ([\d.e+-]+)/g), lagSum: sum(/signpost_health_schedule_lag_seconds_sum\{[^}]*\} ([\d.e+-]+)/g), lagLe,
  };
}
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

console.log(`${CHECKS} checks, warming up ${WARMUP} s (the first interval spreads the start times)...`);
await sleep(WARMUP * 1000);
const a = await scrape();
const t0 = treeTicks(child.pid!);
const w0 = Date.now();
let peakRss = rss();
for (let i = 0; i < SECONDS; i++) {
  await sleep(1000);
  peakRss = Math.max(peakRss, rss());
}
const cpuSeconds = (treeTicks(child.pid!) - t0) / CLK_TCK;
const wall = (Date.now() - w0) / 1000;
const b = await scrape();
const endRss = rss();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
await Promise.all([web.close(), tls.close(), tcp.close()]);
rmSync(dataDir, { recursive: true, force: true });

const probes = b.probes - a.probes;
const lagCount = b.lagCount - a.lagCount;
const within = (le: string) => (b.lagLe.get(le) ?? 0) - (a.lagLe.get(le) ?? 0);
const rows = [
  ['checks', String(CHECKS)],
  ['window', `${wall.toFixed(1)} s after ${WARMUP} s of warm-up`],
  ['probes run', `${probes} (${(probes / wall).toFixed(1)}/s; failed ${b.failures - a.failures})`],
  ['checker CPU', `${((100 * cpuSeconds) / wall).toFixed(1)} % of one core (${cpuSeconds.toFixed(2)} s)`],
  ['checker RSS', `${endRss.toFixed(0)} MiB at the end, ${peakRss.toFixed(0)} MiB peak`],
  ['schedule lag, mean', `${lagCount ? ((1000 * (b.lagSum - a.lagSum)) / lagCount).toFixed(1) : '-'} ms`],
  ['probes started within 10 ms / 100 ms / 1 s of due', `${(100 * within('0.01') / lagCount).toFixed(1)} % / ${(100 * within('0.1') / lagCount).toFixed(1)} % / ${(100 * within('1') / lagCount).toFixed(2)} %`],
  ['probes more than 1 s late', String(lagCount - within('1'))],
];
console.log(rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n'));
