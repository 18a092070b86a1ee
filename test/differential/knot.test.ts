// Differential test: the same zones in Knot DNS and in Signpost, thousands of seeded queries
// to both over UDP (TCP where either truncates), and every difference either listed in
// exceptions.ts with its reason or reported as a failure. See README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify, renderReport } from './compare.ts';
import { EXCEPTIONS } from './exceptions.ts';
import { startKnot, type RunningServer } from './knot.ts';
import { generateQueries, type Query } from './queries.ts';
import { ask, compareServers, ZONES, type Exchange } from './run.ts';
import { signpostUnavailable, startSignpost } from './signpost.ts';
import { findFreePort } from './udp.ts';
import { addPolicySets, isPolicyQuestion } from './policy-sets.ts';

const QUERY_COUNT = Number(process.env.DIFF_QUERIES ?? 3000);
const DEFAULT_SEED = 20240601;
const SEED = Number(process.env.DIFF_SEED ?? DEFAULT_SEED);
const STRICT = process.env.DIFF_STRICT === '1';
const OUT_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '.out');

function knotdMissing(): string | null {
  try {
    execFileSync('knotd', ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'knotd is not installed (run scripts/install-tools.sh)';
  }
}

const noKnot = knotdMissing();
const noSignpost = signpostUnavailable();
// No silent skips: `npm test` installs knot first (scripts/install-tools.sh), so a missing
// tool is a broken setup and must fail loudly.
if (noKnot ?? noSignpost) throw new Error(`differential test cannot run: ${noKnot ?? noSignpost}`);

describe('the harness, against Knot alone', () => {
  let knot: RunningServer;
  beforeAll(async () => { knot = await startKnot(await findFreePort(), ZONES); });
  afterAll(async () => { await knot?.stop(); });

  const one = async (qname: string, qtype: string, edns: number | null = 1232): Promise<Exchange> => {
    const q: Query = { index: 7, qname, qtype, edns, rd: false, kind: 'probe' };
    const [ex] = await ask(knot.port, [q]);
    return ex!;
  };

  it('answers positively with no authority NS (minimal responses) and echoes the 0x20 spelling', async () => {
    const { udp } = await one('WwW.ExAmPlE.cOm.', 'A');
    expect(udp).toMatchObject({
      rcode: 'NOERROR', flags: { aa: true, tc: false, ra: false }, authority: [], additional: [],
      answer: ['www.example.com. 300 IN A 192.0.2.80', 'www.example.com. 300 IN A 192.0.2.81'],
      exactOwners: ['question WwW.ExAmPlE.cOm.', 'answer WwW.ExAmPlE.cOm. A', 'answer WwW.ExAmPlE.cOm. A'],
    });
  });

  it('adds in-zone A/AAAA for MX targets, glue included, but nothing from another zone', async () => {
    expect((await one('example.com.', 'MX')).udp).toMatchObject({
      additional: ['mail.example.com. 3600 IN A 192.0.2.25', 'mail.example.com. 3600 IN AAAA 2001:db8::25'],
    });
    expect((await one('mx-glue.example.com.', 'MX')).udp).toMatchObject({
      additional: ['ns1.sub.example.com. 86400 IN A 192.0.2.101', 'ns1.sub.example.com. 86400 IN AAAA 2001:db8::101'],
    });
  });

  it('refers below a cut with AA=0, the child NS set and in-bailiwick glue, and answers DS at the cut', async () => {
    expect((await one('host.sub.example.com.', 'A')).udp).toMatchObject({
      rcode: 'NOERROR', flags: { aa: false }, answer: [],
      authority: [
        'sub.example.com. 86400 IN NS ns.example.net.', 'sub.example.com. 86400 IN NS ns.example.org.',
        'sub.example.com. 86400 IN NS ns1.sub.example.com.', 'sub.example.com. 86400 IN NS ns2.sub.example.com.',
      ],
      additional: [
        'ns1.sub.example.com. 86400 IN A 192.0.2.101', 'ns1.sub.example.com. 86400 IN AAAA 2001:db8::101',
        'ns2.sub.example.com. 86400 IN A 192.0.2.102',
      ],
    });
    expect((await one('sub.example.com.', 'DS')).udp).toMatchObject({ flags: { aa: true }, authority: [] });
  });

  it('sends the SOA with TTL min(SOA TTL, MINIMUM) for NXDOMAIN, and NODATA at an empty non-terminal', async () => {
    const soa = 'example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. 2024060101 7200 3600 1209600 300';
    expect((await one('x.b.ent.example.com.', 'A')).udp).toMatchObject({ rcode: 'NXDOMAIN', authority: [soa] });
    expect((await one('b.ent.example.com.', 'A')).udp).toMatchObject({ rcode: 'NOERROR', answer: [], authority: [soa] });
  });

  it('truncates to an empty answer over UDP and answers in full over TCP', async () => {
    const ex = await one('many.example.com.', 'A', null);
    expect(ex.udp).toMatchObject({ flags: { tc: true }, answer: [] });
    expect(ex.tcp).toMatchObject({ flags: { tc: false } });
    expect((ex.tcp as { answer: string[] }).answer).toHaveLength(40);
  });

  it('notices when the other server differs (a second Knot with one glue record gone and one address changed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signpost-diff-mutant-'));
    const file = join(dir, 'example.com.zone');
    const text = readFileSync(ZONES[0]!.file, 'utf8')
      .replace(/^ns2\.sub .*$/m, '')
      .replace(/^www {10}300 IN A {5}192\.0\.2\.81$/m, 'www          300 IN A     192.0.2.82');
    writeFileSync(file, text);
    const mutant = await startKnot(await findFreePort(), [{ name: 'example.com', file }]);
    try {
      const qs = generateQueries(0, SEED).filter((q) => /^(www|host\.sub)\.example\.com\.$/i.test(q.qname) && q.qtype === 'A' && q.kind !== 'guard');
      const fields = (await compareServers(knot.port, mutant.port, qs)).map((d) => `${d.query.qname.toLowerCase()} ${d.field}`);
      expect(new Set(fields)).toEqual(new Set(['www.example.com. answer', 'host.sub.example.com. additional']));
    } finally {
      await mutant.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds no difference between Knot and itself over the whole query set', async () => {
    const diffs = await compareServers(knot.port, knot.port, generateQueries(QUERY_COUNT, SEED));
    expect(diffs).toEqual([]);
  });
});

describe('Signpost against Knot', () => {
  let knot: RunningServer;
  let signpost: RunningServer;
  let withPolicies: RunningServer;
  beforeAll(async () => {
    knot = await startKnot(await findFreePort(), ZONES);
    signpost = await startSignpost(await findFreePort(), ZONES);
    withPolicies = await startSignpost(await findFreePort(), ZONES, 0, addPolicySets);
  });
  afterAll(async () => {
    await knot?.stop();
    await signpost?.stop();
    await withPolicies?.stop();
  });

  it('with routing-policy groups and aliases added, answers every other question as Knot does (issue 6)', async () => {
    const queries = generateQueries(QUERY_COUNT, SEED).filter((q) => !isPolicyQuestion(q));
    const outcome = classify(await compareServers(knot.port, withPolicies.port, queries), STRICT);
    const report = renderReport(outcome, queries.length, { knot: knot.port, signpost: withPolicies.port });
    expect(outcome.unexplained.length, `unexplained differences with policy sets\n${report.slice(0, 20_000)}`).toBe(0);
  });

  it(`gives the same answers as Knot to ${QUERY_COUNT} seeded queries, or a documented exception`, async () => {
    const queries = generateQueries(QUERY_COUNT, SEED);
    const outcome = classify(await compareServers(knot.port, signpost.port, queries), STRICT);
    const report = renderReport(outcome, queries.length, { knot: knot.port, signpost: signpost.port });
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(join(OUT_DIR, 'report.md'), report);
    expect(outcome.unexplained.length, `unexplained differences; see ${join(OUT_DIR, 'report.md')}\n${report.slice(0, 20_000)}`).toBe(0);
    if (QUERY_COUNT >= 3000 && SEED === DEFAULT_SEED) {
      const stale = EXCEPTIONS.filter((e) => e.kind === 'reported' && !outcome.explained.has(e.id)).map((e) => e.id);
      expect(stale, 'reported differences that no longer occur: remove them from exceptions.ts').toEqual([]);
    }
  });
});
