// Benchmark of the Route 53 API's change path (see README.md, "API changes"): how many
// ChangeResourceRecordSets calls per second one Signpost process accepts, and how long a change
// takes from the API reply until the DNS listener answers with it (and until GetChange says
// INSYNC), with --workers 0 and --workers 2. Starts its own Signpost; drives it with the AWS SDK
// (@aws-sdk/client-route-53) and raw UDP queries (dns-packet). Run through bench/api-changes.sh.
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  Route53Client, CreateHostedZoneCommand, ChangeResourceRecordSetsCommand, GetChangeCommand, type Change,
} from '@aws-sdk/client-route-53';
import dnsPacket from 'dns-packet';
import { CLK_TCK, treeTicks } from './measure.ts';
import { launch } from './servers.ts';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const REPO = resolve(BENCH, '..');

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    changes: { type: 'string', default: '100' },
    'zone-sizes': { type: 'string', default: '1000,9990' },
    concurrency: { type: 'string', default: '1,4,16' },
    'workers-concurrency': { type: 'string', default: '16' },
    'big-batch': { type: 'string', default: '100' },
    'big-batch-clients': { type: 'string', default: '4' },
    'worker-ports': { type: 'string', default: '16' },
    servers: { type: 'string', default: '0,2' },
    out: { type: 'string', default: join(BENCH, 'out') },
    'base-port': { type: 'string', default: '5311' },
  },
});
const seconds = Number(values.seconds);
const changes = Number(values.changes);
const zoneSizes = values['zone-sizes'].split(',').map(Number);
const zoneSize = zoneSizes[0]!;
const concurrency = values.concurrency.split(',').filter(Boolean).map(Number);
const workersConcurrency = values['workers-concurrency'].split(',').filter(Boolean).map(Number);
const bigBatch = Number(values['big-batch']);
const bigBatchClients = Number(values['big-batch-clients']);
const workerPorts = Number(values['worker-ports']);
const serverModes = values.servers.split(',').filter(Boolean).map(Number);
const out = resolve(values.out);
const base = Number(values['base-port']);
mkdirSync(out, { recursive: true });

const KEY = { accessKeyId: 'AKIASIGNPOSTBENCH001', secretAccessKey: 'c2lnbnBvc3QtYmVuY2gtc2VjcmV0LTAwMDAwMDAwMDAw' };
/** How long a change (or its INSYNC) may take to show before it counts as never seen. */
const SEEN_LIMIT_MS = 5000;
/** Pause between DNS polls, and between GetChange polls. */
const DNS_POLL_MS = 1;
const GETCHANGE_POLL_MS = 10;
/** Pause between the DNS probe's queries during a throughput run. */
const PROBE_MS = 5;

type Server = { workers: number; dnsPort: number; httpPort: number; pid: number; stop: () => Promise<void> };

const servers: Server[] = [];
const stopAll = async (): Promise<void> => { for (const s of servers.splice(0)) await s.stop(); };
process.on('SIGINT', () => { void stopAll().then(() => process.exit(130)); });
process.on('SIGTERM', () => { void stopAll().then(() => process.exit(143)); });

/** True when port can be bound on 127.0.0.1 over UDP and TCP. */
async function portFree(port: number): Promise<boolean> {
  const udp = await new Promise<boolean>((r) => {
    const s = dgram.createSocket('udp4');
    s.once('error', () => r(false));
    s.bind(port, '127.0.0.1', () => s.close(() => r(true)));
  });
  const tcp = await new Promise<boolean>((r) => {
    const s = net.createServer();
    s.once('error', () => r(false));
    s.listen(port, '127.0.0.1', () => s.close(() => r(true)));
  });
  return udp && tcp;
}

/** Creates a data directory with the bench key, starts `signpost start` on it, resolves at `signpost ready`. */
async function startSignpost(workers: number, dnsPort: number, httpPort: number): Promise<Server> {
  for (const p of [dnsPort, httpPort]) if (!(await portFree(p))) throw new Error(`127.0.0.1:${p} is in use; pass --base-port`);
  const data = join(out, `api-data-${dnsPort}`);
  const logFile = join(out, `api-signpost-${dnsPort}.log`);
  rmSync(data, { recursive: true, force: true });
  mkdirSync(data, { recursive: true });
  const bin = join(REPO, 'bin', 'signpost');
  execFileSync(bin, ['keys', 'create', '--access-key-id', KEY.accessKeyId, '--secret-access-key', KEY.secretAccessKey, '--data-dir', data],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  // The store starts empty, so readiness is the ready line, not a DNS answer.
  const s = await launch(`signpost --workers ${workers}`, dnsPort, [bin, 'start', '--data-dir', data, '--workers', String(workers),
    '--dns-listen', `127.0.0.1:${dnsPort}`, '--http-listen', `127.0.0.1:${httpPort}`, '--log-level', 'warn'],
  null, logFile, { cwd: REPO, readyLine: 'signpost ready', probe: null });
  return { workers, dnsPort, httpPort, pid: s.pid, stop: s.stop };
}

/** Busy clock ticks of the whole machine (all cores) from /proc/stat, less this process tree's: what others used. */
function otherTicks(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const busy = f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!; // user nice system irq softirq steal
  return busy - treeTicks(process.pid);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

function clientFor(s: Server): Route53Client {
  return new Route53Client({ endpoint: `http://127.0.0.1:${s.httpPort}`, region: 'us-east-1', credentials: KEY, maxAttempts: 1 });
}

const upsertA = (name: string, value: string): Change => ({
  Action: 'UPSERT', ResourceRecordSet: { Name: name, Type: 'A', TTL: 60, ResourceRecords: [{ Value: value }] },
});

let zoneCount = 0;
/** Creates a zone holding `size` A record sets named n0..n{size-1} (plus SOA and NS); returns its id and name. */
async function zoneWith(client: Route53Client, size: number): Promise<{ id: string; name: string }> {
  const name = `bench${++zoneCount}-${process.pid}.test.`;
  const z = await client.send(new CreateHostedZoneCommand({ Name: name, CallerReference: `api-bench-${process.pid}-${zoneCount}-${Date.now()}` }));
  const id = z.HostedZone!.Id!;
  for (let i = 0; i < size; i += 500) {
    const batch = Array.from({ length: Math.min(500, size - i) }, (_, j) => upsertA(`n${i + j}.${name}`, '192.0.2.1'));
    await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: batch } }));
  }
  return { id, name };
}

/** Nearest-rank percentile of xs (0..100). */
function percentile(xs: number[], p: number): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

type Throughput = { server: string; label: string; probe: number[]; clients: number; batch: number; calls: number; errors: Map<string, number>; secs: number;
  p50: number; p99: number; serverCpu: number; clientCpu: number; otherCpu: number };

/**
 * For `seconds`, `clients` SDK clients each send UPSERT batches of `batch` A records in a loop.
 * Each client owns its own slice of the zone's `zoneSize` names and walks through it, so the
 * zone stays the same size and no two batches in flight touch the same name.
 */
async function throughput(s: Server, clients: number, batch: number, probe: { asker: Asker; name: string }): Promise<Throughput> {
  const admin = clientFor(s);
  const pool = Math.max(zoneSize, clients * batch);
  const zone = await zoneWith(admin, pool);
  const slice = Math.floor(pool / clients);
  const sdk = Array.from({ length: clients }, () => clientFor(s));
  // One warm-up call each (connection set-up), not timed.
  await Promise.all(sdk.map((c, k) => c.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone.id,
    ChangeBatch: { Changes: [upsertA(`n${k * slice}.${zone.name}`, '192.0.2.2')] } }))));
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let calls = 0;
  const c0 = treeTicks(s.pid);
  const o0 = otherTicks();
  const u0 = process.cpuUsage();
  const t0 = nowMs();
  const end = t0 + seconds * 1000;
  // Meanwhile, one A query for a name in another zone every PROBE_MS: how long DNS answers take while changes stream in.
  const probed: number[] = [];
  const prober = (async () => {
    while (nowMs() < end) {
      const a = nowMs();
      const answer = await probe.asker.ask(probe.name, 2000);
      probed.push(answer === null ? 2000 : nowMs() - a);
      await sleep(PROBE_MS);
    }
  })();
  await Promise.all(sdk.map(async (c, k) => {
    for (let i = 0; nowMs() < end; i++) {
      const batchChanges = Array.from({ length: batch }, (_, j) => {
        const n = k * slice + ((i * batch + j) % slice);
        return upsertA(`n${n}.${zone.name}`, `10.${k}.${(i >> 8) & 255}.${i & 255}`);
      });
      const a = nowMs();
      try {
        await c.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone.id, ChangeBatch: { Changes: batchChanges } }));
        latencies.push(nowMs() - a);
        calls++;
      } catch (err) {
        const name = (err as Error).name || 'Error';
        if (!errors.has(name)) firstErrors.push(`${name}: ${(err as Error).message}`);
        errors.set(name, (errors.get(name) ?? 0) + 1);
      }
    }
  }));
  const secs = (nowMs() - t0) / 1000;
  await prober;
  const c1 = treeTicks(s.pid);
  const o1 = otherTicks();
  const u1 = process.cpuUsage(u0);
  for (const c of sdk) c.destroy();
  admin.destroy();
  return { server: `--workers ${s.workers}`, label: `${clients} client${clients === 1 ? '' : 's'}, ${batch} record${batch === 1 ? '' : 's'} per call`, clients, batch, calls, errors, secs, probe: probed,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99),
    serverCpu: (c1 - c0) / CLK_TCK / secs, clientCpu: (u1.user + u1.system) / 1e6 / secs, otherCpu: Math.max(0, (o1 - o0) / CLK_TCK / secs) };
}

/** A UDP socket on its own source port that sends A queries and resolves with the answered addresses. */
type Asker = { ask: (name: string, timeoutMs?: number) => Promise<string[] | null>; close: () => void };

async function asker(port: number): Promise<Asker> {
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const waiting = new Map<number, (a: string[] | null) => void>();
  let nextId = Math.floor(Math.random() * 65536);
  sock.on('message', (msg) => {
    let p: dnsPacket.Packet;
    try { p = dnsPacket.decode(msg); } catch { return; }
    const done = waiting.get(p.id ?? -1);
    if (!done) return;
    waiting.delete(p.id!);
    done((p.answers ?? []).flatMap((a) => (a.type === 'A' ? [a.data] : [])));
  });
  return {
    ask(name, timeoutMs = 200) {
      const id = (nextId = (nextId + 1) & 0xffff);
      return new Promise((r) => {
        // A lost datagram counts as a wrong answer; the poll goes on.
        const t = setTimeout(() => { waiting.delete(id); r(null); }, timeoutMs);
        waiting.set(id, (a) => { clearTimeout(t); r(a); });
        sock.send(dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ type: 'A', name }] }), port, '127.0.0.1');
      });
    },
    close: () => sock.close(),
  };
}

type Propagation = { server: string; zoneSize: number; seen: number[]; seenAt: string[]; notSeen: number; api: number[]; insync: number[]; notInsync: number; polls: number[]; otherCpu: number };

/**
 * `changes` sequential UPSERTs of a fresh value for one name. After each reply, polls the DNS
 * port every DNS_POLL_MS until one round of queries (one from each asker, so from that many
 * source ports) all answer the new value; the delay is reply -> the end of that round. Then the
 * same number of changes again, polling GetChange every GETCHANGE_POLL_MS until INSYNC.
 */
async function propagation(s: Server, askers: Asker[], size: number): Promise<Propagation> {
  const client = clientFor(s);
  const zone = await zoneWith(client, size);
  const name = `n0.${zone.name}`;
  const r: Propagation = { server: `--workers ${s.workers}`, zoneSize: size, seen: [], seenAt: [], notSeen: 0, api: [], insync: [], notInsync: 0, polls: [], otherCpu: NaN };
  const change = async (i: number, value: string): Promise<{ id: string; at: number }> => {
    const a = nowMs();
    const o = await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zone.id, ChangeBatch: { Changes: [upsertA(name, value)] } }));
    const at = nowMs();
    if (i >= 0) r.api.push(at - a);
    return { id: o.ChangeInfo!.Id!, at };
  };
  await change(-1, '192.0.2.3'); // warm-up
  const o0 = otherTicks();
  const t0 = nowMs();
  for (let i = 0; i < changes; i++) {
    const value = `10.${s.workers}.${(i >> 8) & 255}.${i & 255}`;
    const { at } = await change(i, value);
    let polls = 0;
    for (;;) {
      polls++;
      const answers = await Promise.all(askers.map((q) => q.ask(name)));
      const t = nowMs();
      if (answers.every((a) => a !== null && a.length === 1 && a[0] === value)) { r.seen.push(t - at); r.seenAt.push(new Date().toISOString()); break; }
      if (t - at > SEEN_LIMIT_MS) { r.notSeen++; break; }
      await sleep(DNS_POLL_MS);
    }
    r.polls.push(polls);
  }
  for (let i = 0; i < changes; i++) {
    const { id, at } = await change(-1, `10.${100 + s.workers}.${(i >> 8) & 255}.${i & 255}`);
    for (;;) {
      const o = await client.send(new GetChangeCommand({ Id: id }));
      const t = nowMs();
      if (o.ChangeInfo?.Status === 'INSYNC') { r.insync.push(t - at); break; }
      if (t - at > SEEN_LIMIT_MS) { r.notInsync++; break; }
      await sleep(GETCHANGE_POLL_MS);
    }
  }
  r.otherCpu = Math.max(0, (otherTicks() - o0) / CLK_TCK / ((nowMs() - t0) / 1000));
  client.destroy();
  return r;
}

/** The first message of each kind of error the throughput runs got. */
const firstErrors: string[] = [];

const fmt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const ms = (n: number): string => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms` : 'n/a');
const pct = (n: number): string => (Number.isFinite(n) ? `${Math.round(n * 100)} %` : 'n/a');

const started = nowMs();
try {
  const results: { throughput: Throughput[]; propagation: Propagation[] } = { throughput: [], propagation: [] };
  for (const workers of serverModes) {
    const dnsPort = base + serverModes.indexOf(workers);
    process.stdout.write(`starting signpost --workers ${workers} (dns 127.0.0.1:${dnsPort}, http 127.0.0.1:${dnsPort + 100}) ... `);
    const s = await startSignpost(workers, dnsPort, dnsPort + 100);
    servers.push(s);
    console.log('ok');
    const askers = await Promise.all(Array.from({ length: workers === 0 ? 1 : workerPorts }, () => asker(dnsPort)));
    for (const size of zoneSizes) {
      const p = await propagation(s, askers, size);
      results.propagation.push(p);
      console.log(`propagation ${p.server}, ${fmt(size)} sets: seen by DNS median ${ms(percentile(p.seen, 50))}, p90 ${ms(percentile(p.seen, 90))}, worst ${ms(Math.max(...p.seen))}`
      + `${p.notSeen ? `, NOT SEEN within ${SEEN_LIMIT_MS} ms: ${p.notSeen}` : ''}; INSYNC median ${ms(percentile(p.insync, 50))}, worst ${ms(Math.max(...p.insync))}; others' cpu ${pct(p.otherCpu)}`);
    }
    for (const a of askers) a.close();
    const runs: [number, number][] = workers === 0
      ? [...concurrency.map((c): [number, number] => [c, 1]), [bigBatchClients, bigBatch]]
      : workersConcurrency.map((c): [number, number] => [c, 1]);
    if (runs.length > 0) {
      const c = clientFor(s);
      const quiet = await zoneWith(c, 1);
      c.destroy();
      const probe = { asker: await asker(dnsPort), name: `n0.${quiet.name}` };
      for (const [clients, batch] of runs) {
        const t = await throughput(s, clients, batch, probe);
        results.throughput.push(t);
        console.log(`throughput ${t.server} ${t.label.padEnd(34)} ${fmt(t.calls / t.secs).padStart(6)} calls/s  p50 ${ms(t.p50)}  p99 ${ms(t.p99)}  server cpu ${pct(t.serverCpu)}  client cpu ${pct(t.clientCpu)}  others ${pct(t.otherCpu)}`
          + `  dns probe p50 ${ms(percentile(t.probe, 50))} max ${ms(Math.max(...t.probe))}`
          + `${t.errors.size ? `  errors ${[...t.errors].map(([k, v]) => `${k} ${v}`).join(', ')}` : ''}`);
      }
      probe.asker.close();
    }
    await s.stop();
    servers.splice(servers.indexOf(s), 1);
  }
  const lines = [
    `Route 53 API change path, ${new Date().toISOString()}, ${cpus().length} cores, nothing pinned; zones hold N A record sets plus SOA and NS`,
    '',
    `Throughput (zone of ${fmt(zoneSize)} sets, ${seconds} s per row; UPSERTs of existing names; each client is its own SDK client with one call in flight; meanwhile one A query for a name in another zone every ${PROBE_MS} ms, the DNS probe):`,
    '',
    '| server | clients × records per call | calls/s | records/s | API p50 | API p99 | DNS probe p50 / p99 / max | server CPU | server CPU per call | bench (SDK) CPU | other processes\' CPU | errors |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.throughput.map((t) => `| ${t.server} | ${t.clients} × ${t.batch} | ${fmt(t.calls / t.secs)} | ${fmt((t.calls * t.batch) / t.secs)} | ${ms(t.p50)} | ${ms(t.p99)} | ${ms(percentile(t.probe, 50))} / ${ms(percentile(t.probe, 99))} / ${ms(Math.max(...t.probe))} | ${pct(t.serverCpu)} | ${ms((t.serverCpu * t.secs * 1000) / t.calls)} | ${pct(t.clientCpu)} | ${pct(t.otherCpu)} | ${
      t.errors.size ? [...t.errors].map(([k, v]) => `${k} ${v}`).join(', ') : '0'} |`),
    ...(firstErrors.length ? ['', ...firstErrors.map((e) => `- ${e}`)] : []),
    '',
    `Propagation (${changes} sequential one-record UPSERTs; from the API reply until every query of one round answers the new value; ` +
      `polled every ${DNS_POLL_MS} ms over UDP, one source port with --workers 0, ${workerPorts} with --workers 2; then ${changes} more changes polled with GetChange every ${GETCHANGE_POLL_MS} ms):`,
    '',
    '| server | zone sets | API call p50 | seen by DNS: median | p90 | worst | not seen in 5 s | polls (median) | GetChange INSYNC: median | p90 | worst | other processes\' CPU |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.propagation.map((p) => `| ${p.server} | ${fmt(p.zoneSize)} | ${ms(percentile(p.api, 50))} | ${ms(percentile(p.seen, 50))} | ${ms(percentile(p.seen, 90))} | ${ms(Math.max(...p.seen))} | ${p.notSeen} | ${
      fmt(percentile(p.polls, 50))} | ${ms(percentile(p.insync, 50))} | ${ms(percentile(p.insync, 90))} | ${ms(Math.max(...p.insync))}${p.notInsync ? ` (${p.notInsync} never)` : ''} | ${pct(p.otherCpu)} |`),
    '',
    `Run time ${((nowMs() - started) / 1000).toFixed(0)} s.`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
  const file = join(out, 'api-results.md');
  writeFileSync(file, `${lines.join('\n')}\n`);
  writeFileSync(file.replace(/\.md$/, '.json'), JSON.stringify({
    throughput: results.throughput.map((t) => ({ ...t, errors: Object.fromEntries(t.errors) })), propagation: results.propagation,
  }, null, 2));
  console.log(`written to ${file}`);
} finally {
  await stopAll();
}
