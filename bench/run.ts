// Benchmark driver (see README.md): Knot, NSD, node-ceiling and Signpost on one core each
// (core 0), dnsperf on the other (core 1), rounds interleaved, medians reported; or with
// --all-cores, Signpost with 2 workers against 1, nothing pinned. Run through bench/run.sh.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dnsperf, type PerfResult } from './measure.ts';
import { ceiling, knot, nsd, signpost, type Launch, type Server } from './servers.ts';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const REPO = resolve(BENCH, '..');

const { values } = parseArgs({
  options: {
    'all-cores': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    only: { type: 'string' },
    out: { type: 'string', default: join(BENCH, 'out') },
    'base-port': { type: 'string', default: '5301' },
  },
});
const allCores = values['all-cores'];
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const out = resolve(values.out);
const node = process.execPath;
const base = Number(values['base-port']);
const port = { knot: base, nsd: base + 1, ceiling: base + 2, signpost: base + 3, signpost0: base + 4 };

mkdirSync(out, { recursive: true });
execFileSync('python3', [join(BENCH, 'make-zone.py'), '--out', out], { stdio: 'inherit' });
const zoneFile = join(out, 'zones', 'example.test.zone');
const queryFile = join(out, 'queries.txt');

const serverCpu = allCores ? null : '0';
const clientCpu = allCores ? null : '1';
const haveSignpost = existsSync(join(REPO, 'bin', 'signpost')) && existsSync(join(REPO, 'src', 'cli', 'main.ts'));

const launches: Launch[] = allCores
  ? [
      knot(out, zoneFile, port.knot, null, 2),
      ceiling(out, node, join(BENCH, 'node-ceiling.cjs'), port.ceiling, null, 2),
      ...(haveSignpost ? [signpost(out, REPO, zoneFile, port.signpost, null, 2), signpost(out, REPO, zoneFile, port.signpost0, null, 0)] : []),
    ]
  : [
      knot(out, zoneFile, port.knot, serverCpu, 1),
      nsd(out, zoneFile, port.nsd, serverCpu),
      ceiling(out, node, join(BENCH, 'node-ceiling.cjs'), port.ceiling, serverCpu, 0),
      ...(haveSignpost ? [signpost(out, REPO, zoneFile, port.signpost, serverCpu, 0)] : []),
    ];
const selected = values.only ? launches.filter((l) => l.name.includes(values.only ?? '')) : launches;
if (!haveSignpost) console.log('bench: bin/signpost or src/cli/main.ts missing: Signpost is left out of this run');

const servers: Server[] = [];
const stopAll = async (): Promise<void> => { for (const s of servers.splice(0)) await s.stop(); };
process.on('SIGINT', () => { void stopAll().then(() => process.exit(130)); });
process.on('SIGTERM', () => { void stopAll().then(() => process.exit(143)); });

/** The names checked on every server before timing, against Knot's answers. */
const CHECKS: [string, string][] = [
  ['h00001.example.test', 'A'], ['d00007.example.test', 'AAAA'], ['c00000.example.test', 'A'],
  ['t00001.example.test', 'TXT'], ['m00002.example.test', 'MX'], ['anything.wild.example.test', 'A'],
  ['nxdoesnotexist.example.test', 'A'], ['h00001.example.test', 'MX'], ['example.test', 'NS'],
];

/** Returns the status line, flags and sorted answer records, and separately the rest, from dig. */
function digAnswer(port: number, name: string, type: string): { answer: string; extra: string } {
  let text: string;
  try {
    text = execFileSync('dig', ['@127.0.0.1', '-p', String(port), '+norec', '+tries=2', '+time=2',
      '+noall', '+comments', '+answer', '+additional', '+authority', name, type], { encoding: 'utf8' });
  } catch (err) {
    return { answer: `no reply: ${String((err as { stdout?: string }).stdout ?? err).trim()}`, extra: '' };
  }
  const status = /status: (\w+)/.exec(text)?.[1] ?? 'no-reply';
  const flags = /flags: ([a-z ]+);/.exec(text)?.[1]?.trim() ?? '';
  const sections = text.split(/^;; (?=[A-Z]+ SECTION:)/m);
  const records = (title: string): string[] => (sections.find((s) => s.startsWith(title))?.split('\n').slice(1) ?? [])
    .filter((l) => l && !l.startsWith(';')).map((l) => l.split(/\s+/).join(' ').toLowerCase()).sort();
  return {
    answer: [`${status} [${flags}]`, ...records('ANSWER')].join('\n'),
    extra: [...records('AUTHORITY').map((r) => `authority ${r}`), ...records('ADDITIONAL').map((r) => `additional ${r}`)].join('\n'),
  };
}

type Check = { wrong: string[]; notes: string[] };

/** Compares server with the reference (Knot) on CHECKS: status, flags and answer must match; the rest is noted. */
function checkAnswers(server: Server, reference: Server | undefined): Check {
  const out: Check = { wrong: [], notes: [] };
  const show = (x: string): string => x.replace(/\n/g, '\n    ');
  if (server.fixedAnswer) {
    const a = digAnswer(server.port, 'h00001.example.test', 'A').answer;
    if (!a.includes('203.0.113.1')) out.wrong.push(`h00001.example.test A: ${a}`);
    return out;
  }
  if (!reference || reference === server) return out;
  for (const [name, type] of CHECKS) {
    const want = digAnswer(reference.port, name, type);
    const got = digAnswer(server.port, name, type);
    if (want.answer !== got.answer) {
      out.wrong.push(`${name} ${type}\n  knot:\n    ${show(want.answer)}\n  ${server.name}:\n    ${show(got.answer)}`);
    } else if (want.extra !== got.extra) {
      out.notes.push(`${name} ${type}: authority/additional differ\n  knot:\n    ${show(want.extra)}\n  ${server.name}:\n    ${show(got.extra)}`);
    }
  }
  return out;
}

const FAILED: PerfResult = { qps: NaN, sent: NaN, completed: NaN, lost: NaN, cpu: NaN, seconds: NaN };

/** Runs dnsperf against s, once more if it fails (e.g. killed from outside); NaNs if both fail. */
async function perfWithRetry(s: Server, secs: number): Promise<PerfResult> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return await dnsperf(s.port, s.pid, queryFile, secs, clientCpu);
    } catch (err) {
      console.log(`dnsperf against ${s.name} failed (attempt ${attempt}): ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return FAILED;
}

const median = (xs: number[]): number => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const pct = (n: number): string => (Number.isFinite(n) ? `${Math.round(n * 100)} %` : 'n/a');

try {
  for (const l of selected) {
    process.stdout.write(`starting ${l.name} on 127.0.0.1:${l.port}${serverCpu ? ` (taskset -c ${serverCpu})` : ''} ... `);
    servers.push(await l.start());
    console.log('ok');
  }
  const reference = servers.find((s) => s.name === 'knot' || s.name.startsWith('knot'));
  const wrong = new Map<string, string[]>();
  for (const s of servers) {
    const { wrong: bad, notes } = checkAnswers(s, reference);
    if (bad.length > 0) {
      wrong.set(s.name, bad);
      console.log(`WARNING: ${s.name} answers differ from Knot's:\n${bad.join('\n')}`);
    }
    if (notes.length > 0) console.log(`note: ${s.name}: ${notes.join('\n')}`);
    if (bad.length === 0) console.log(`answers checked: ${s.name} ok`);
  }
  console.log(`warming up (2 s each), then ${rounds} interleaved rounds of ${seconds} s; dnsperf${clientCpu ? ` on core ${clientCpu}` : ' unpinned'}`);
  for (const s of servers) await perfWithRetry(s, 2);
  const results = new Map<string, PerfResult[]>(servers.map((s) => [s.name, []]));
  for (let r = 1; r <= rounds; r++) {
    for (const s of servers) {
      const res = await perfWithRetry(s, seconds);
      results.get(s.name)!.push(res);
      console.log(`round ${r} ${s.name.padEnd(28)} ${fmt(res.qps).padStart(8)} qps  cpu ${pct(res.cpu).padStart(6)}  per core ${fmt(res.qps / res.cpu).padStart(8)}  lost ${res.lost}`);
    }
  }
  const rows = servers.map((s) => {
    const rs = results.get(s.name)!;
    return { name: s.name, qps: median(rs.map((x) => x.qps)), cpu: median(rs.map((x) => x.cpu)),
      perCore: median(rs.map((x) => x.qps / x.cpu)), lost: median(rs.map((x) => x.lost)) };
  });
  const ceil = rows.find((r) => r.name.startsWith('node-ceiling'));
  const lines = [
    `${allCores ? 'All cores (nothing pinned)' : 'One core (server on core 0, dnsperf on core 1)'}: median of ${rounds} interleaved ${seconds}-second runs, ${new Date().toISOString()}`,
    '',
    '| server | qps (median) | server CPU | queries per core-second | lost | % of node-ceiling (qps / per core) |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const vs = ceil && r !== ceil ? `${pct(r.qps / ceil.qps)} / ${pct(r.perCore / ceil.perCore)}` : '';
      const flag = wrong.has(r.name) ? ' (ANSWERS DIFFER FROM KNOT)' : '';
      return `| ${r.name}${flag} | ${fmt(r.qps)} | ${pct(r.cpu)} | ${fmt(r.perCore)} | ${fmt(r.lost)} | ${vs} |`;
    }),
  ];
  console.log(`\n${lines.join('\n')}\n`);
  const file = join(out, allCores ? 'results-all-cores.md' : 'results.md');
  writeFileSync(file, `${lines.join('\n')}\n`);
  writeFileSync(file.replace(/\.md$/, '.json'), JSON.stringify(Object.fromEntries(results), null, 2));
  console.log(`written to ${file}`);
} finally {
  await stopAll();
}
