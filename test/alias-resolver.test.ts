/**
 * The external alias resolver against a real upstream DNS server on 127.0.0.1 (test/helpers/
 * upstream.ts: UDP and TCP, our codec). The clock is injected: refreshes and retries are driven
 * by moving it, never by sleeping through a TTL.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Rcode, RRType, rdataToText } from '../src/dns/index.ts';
import { createAliasResolver, type AliasResolver, type AliasResolverOptions } from '../src/server/alias-resolver.ts';
import { startTestUpstream, type TestUpstream } from './helpers/upstream.ts';

let upstream: TestUpstream;
beforeAll(async () => { upstream = await startTestUpstream(); });
afterAll(async () => { await upstream.stop(); });

type LogLine = { level: number; msg: string; target?: string; reason?: string; retryInMs?: number };
const warnings = (lines: LogLine[]) => lines.filter((l) => l.level >= 40);
const attempts = (lines: LogLine[]) => lines.filter((l) => l.msg === 'alias target lookup attempt failed');
let clock = 1_000_000;
const resolvers: AliasResolver[] = [];
afterEach(() => {
  for (const r of resolvers.splice(0)) r.stop();
  upstream.names.clear();
  upstream.log.length = 0;
});

/** A resolver on the test upstream with a fake clock; its log lines go to `lines`. */
function resolver(extra: Partial<AliasResolverOptions> = {}): { r: AliasResolver; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => { lines.push(JSON.parse(s) as LogLine); } });
  const r = createAliasResolver({ upstream: { host: upstream.host, port: upstream.port }, log, now: () => clock, tickMs: 5, timeoutMs: 300, ...extra });
  resolvers.push(r);
  return { r, lines };
}

/** The addresses of (name, qtype) as text, and the TTL; undefined when nothing is known. */
function addresses(r: AliasResolver, name: string, qtype: number): { ttl: number; rdatas: string[] } | undefined {
  const a = r.get(name, qtype);
  return a && { ttl: a.ttl, rdatas: a.rdatas.map((d) => rdataToText(qtype, d)) };
}

/** Waits (in small real steps) until `check` holds; fails after 10 s. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 5) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Lets the scheduler tick a few times (to show that nothing happens). */
const ticks = () => new Promise((r) => setTimeout(r, 60));

describe('resolving alias targets through the upstream', () => {
  it('answers A and AAAA from the upstream, with the upstream TTL', async () => {
    upstream.names.set('lb.example.net.', { records: ['lb.example.net. 60 A 192.0.2.1', 'lb.example.net. 60 A 192.0.2.2', 'lb.example.net. 60 AAAA 2001:db8::1'] });
    const { r } = resolver();
    expect(r.get('lb.example.net.', RRType.A)).toBeUndefined(); // nothing known yet
    r.track([{ name: 'lb.example.net.', qtype: RRType.A }, { name: 'lb.example.net.', qtype: RRType.AAAA }]);
    await r.settled();
    expect(addresses(r, 'lb.example.net.', RRType.A)).toEqual({ ttl: 60, rdatas: ['192.0.2.1', '192.0.2.2'] });
    expect(addresses(r, 'lb.example.net.', RRType.AAAA)).toEqual({ ttl: 60, rdatas: ['2001:db8::1'] });
    expect(r.get('lb.example.net.', RRType.A)!.rdatas[0]).toEqual(new Uint8Array([192, 0, 2, 1]));
    expect(r.get('lb.example.net.', RRType.AAAA)!.rdatas[0]).toHaveLength(16);
    expect(r.get('other.example.net.', RRType.A)).toBeUndefined();
    expect(r.get('lb.example.net.', RRType.TXT)).toBeUndefined();
    // A hit hands out the same object every time: nothing is built per query.
    expect(r.get('lb.example.net.', RRType.A)).toBe(r.get('lb.example.net.', RRType.A));
    expect(upstream.log.sort()).toEqual(['lb.example.net. A udp', 'lb.example.net. AAAA udp']);
  });

  it('follows a CNAME chain to the final addresses; the TTL is the smallest along it', async () => {
    upstream.names.set('cdn.example.net.', { records: ['cdn.example.net. 300 CNAME edge.example.net.', 'edge.example.net. 30 CNAME pop.example.org.', 'pop.example.org. 120 A 198.51.100.7'] });
    const { r } = resolver();
    r.track([{ name: 'cdn.example.net.', qtype: RRType.A }]);
    await r.settled();
    expect(addresses(r, 'cdn.example.net.', RRType.A)).toEqual({ ttl: 30, rdatas: ['198.51.100.7'] });
  });

  it('asks again for a CNAME target the upstream left out', async () => {
    upstream.names.set('partial.example.net.', { records: ['partial.example.net. 100 CNAME target.example.net.'] });
    upstream.names.set('target.example.net.', { records: ['target.example.net. 40 A 192.0.2.40'] });
    const { r } = resolver();
    r.track([{ name: 'partial.example.net.', qtype: RRType.A }]);
    await r.settled();
    expect(addresses(r, 'partial.example.net.', RRType.A)).toEqual({ ttl: 40, rdatas: ['192.0.2.40'] });
    expect(upstream.log).toEqual(['partial.example.net. A udp', 'target.example.net. A udp']);
  });

  it('NXDOMAIN and NODATA are good answers with no addresses, cached by the negative TTL', async () => {
    upstream.names.set('v4only.example.net.', { records: ['v4only.example.net. 60 A 192.0.2.4'], soa: { ttl: 900, minimum: 20 } });
    upstream.names.set('dangling.example.net.', { records: ['dangling.example.net. 300 CNAME gone.example.net.'], nxdomain: true, soa: { ttl: 45, minimum: 600 } });
    const { r } = resolver();
    r.track([{ name: 'gone.example.net.', qtype: RRType.A }, { name: 'v4only.example.net.', qtype: RRType.AAAA }, { name: 'dangling.example.net.', qtype: RRType.A }]);
    await r.settled();
    expect(addresses(r, 'gone.example.net.', RRType.A)).toEqual({ ttl: 60, rdatas: [] }); // the helper's default NXDOMAIN: SOA 60/60
    expect(addresses(r, 'v4only.example.net.', RRType.AAAA)).toEqual({ ttl: 20, rdatas: [] });
    expect(addresses(r, 'dangling.example.net.', RRType.A)).toEqual({ ttl: 45, rdatas: [] });
  });

  it('clamps TTLs to [minTtl, maxTtl]', async () => {
    upstream.names.set('short.example.net.', { records: ['short.example.net. 1 A 192.0.2.5'] });
    upstream.names.set('long.example.net.', { records: ['long.example.net. 604800 A 192.0.2.6'] });
    upstream.names.set('nosoa.example.net.', { nxdomain: true });
    const { r } = resolver();
    r.track([{ name: 'short.example.net.', qtype: RRType.A }, { name: 'long.example.net.', qtype: RRType.A }, { name: 'nosoa.example.net.', qtype: RRType.A }]);
    await r.settled();
    expect(r.get('short.example.net.', RRType.A)!.ttl).toBe(5);
    expect(r.get('long.example.net.', RRType.A)!.ttl).toBe(3600);
    expect(r.get('nosoa.example.net.', RRType.A)).toEqual({ ttl: 5, rdatas: [] });
    const { r: r2 } = resolver({ minTtl: 30, maxTtl: 60 });
    r2.track([{ name: 'short.example.net.', qtype: RRType.A }, { name: 'long.example.net.', qtype: RRType.A }]);
    await r2.settled();
    expect([r2.get('short.example.net.', RRType.A)!.ttl, r2.get('long.example.net.', RRType.A)!.ttl]).toEqual([30, 60]);
  });

  it('asks again over TCP when the UDP answer is truncated', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `big.example.net. 60 A 192.0.2.${i + 1}`);
    upstream.names.set('big.example.net.', { records: many, truncateUdp: true });
    const { r } = resolver();
    r.track([{ name: 'big.example.net.', qtype: RRType.A }]);
    await r.settled();
    expect(addresses(r, 'big.example.net.', RRType.A)!.rdatas).toHaveLength(40);
    expect(upstream.log).toEqual(['big.example.net. A udp', 'big.example.net. A tcp']);
  });

  it('asks an IPv6 upstream too', async () => {
    const v6 = await startTestUpstream(0, '::1');
    try {
      v6.names.set('lb.example.net.', { records: ['lb.example.net. 60 AAAA 2001:db8::5'], truncateUdp: true });
      const { r } = resolver({ upstream: { host: v6.host, port: v6.port } });
      r.track([{ name: 'lb.example.net.', qtype: RRType.AAAA }]);
      await r.settled();
      expect(addresses(r, 'lb.example.net.', RRType.AAAA)).toEqual({ ttl: 60, rdatas: ['2001:db8::5'] });
      expect(v6.log).toEqual(['lb.example.net. AAAA udp', 'lb.example.net. AAAA tcp']);
    } finally {
      await v6.stop();
    }
  });
});

describe('refreshing and failing', () => {
  it('refreshes an entry in the background at three quarters of its TTL', async () => {
    upstream.names.set('lb.example.net.', { records: ['lb.example.net. 60 A 192.0.2.1'] });
    const { r } = resolver();
    r.track([{ name: 'lb.example.net.', qtype: RRType.A }]);
    await r.settled();
    upstream.names.set('lb.example.net.', { records: ['lb.example.net. 10 A 192.0.2.99'] });
    clock += 44_000;
    await ticks();
    expect(upstream.log).toHaveLength(1); // not due yet
    expect(addresses(r, 'lb.example.net.', RRType.A)).toEqual({ ttl: 60, rdatas: ['192.0.2.1'] });
    clock += 1_000;
    await until(() => r.get('lb.example.net.', RRType.A)!.ttl === 10, 'the refresh');
    expect(addresses(r, 'lb.example.net.', RRType.A)).toEqual({ ttl: 10, rdatas: ['192.0.2.99'] });
    clock += 7_500; // 3/4 of the new TTL
    await until(() => upstream.log.length === 3, 'the second refresh');
  });

  it('a stopped upstream: the last good addresses stay, one warning per failure streak, recovery logged', async () => {
    upstream.names.set('lb.example.net.', { records: ['lb.example.net. 60 A 192.0.2.1'] });
    const { r, lines } = resolver();
    r.track([{ name: 'lb.example.net.', qtype: RRType.A }]);
    await r.settled();
    await upstream.stop();
    try {
      for (let i = 1; i <= 4; i++) {
        clock += 60_000;
        await until(() => attempts(lines).length === i, `failed attempt ${i}`);
        expect(addresses(r, 'lb.example.net.', RRType.A)).toEqual({ ttl: 60, rdatas: ['192.0.2.1'] });
      }
    } finally {
      upstream.names.set('lb.example.net.', { records: ['lb.example.net. 60 A 192.0.2.2'] });
      await upstream.start();
    }
    expect(warnings(lines).map((l) => l.msg)).toEqual(['alias target lookup failed; serving the last good addresses']);
    expect(warnings(lines)[0]).toMatchObject({ level: 40, target: 'lb.example.net.' });
    clock += 60_000;
    await until(() => r.get('lb.example.net.', RRType.A)!.rdatas[0]![3] === 2, 'recovery');
    expect(lines.filter((l) => l.level >= 30).map((l) => l.msg)).toEqual(['alias target lookup failed; serving the last good addresses', 'alias target resolves again']);
  });

  it('timeouts and SERVFAIL keep the last good addresses; retries back off from 1 s', async () => {
    upstream.names.set('lb.example.net.', { records: ['lb.example.net. 60 A 192.0.2.1'] });
    const { r, lines } = resolver();
    r.track([{ name: 'lb.example.net.', qtype: RRType.A }]);
    await r.settled();
    upstream.names.set('lb.example.net.', { drop: true });
    clock += 45_000;
    await until(() => attempts(lines).length === 1, 'the first failure');
    expect(attempts(lines)[0]).toMatchObject({ reason: 'no answer within 300 ms', retryInMs: 1000 });
    clock += 999;
    await ticks();
    expect(upstream.log).toHaveLength(2); // the first answer and the timed-out refresh
    upstream.names.set('lb.example.net.', { rcode: Rcode.SERVFAIL });
    clock += 1;
    await until(() => attempts(lines).length === 2, 'the retry after 1 s');
    expect(attempts(lines)[1]).toMatchObject({ reason: 'SERVFAIL', retryInMs: 2000 });
    clock += 2_000;
    await until(() => attempts(lines).length === 3, 'the retry after 2 s');
    expect(attempts(lines)[2]).toMatchObject({ reason: 'SERVFAIL', retryInMs: 4000 });
    expect(upstream.log).toHaveLength(4);
    expect(addresses(r, 'lb.example.net.', RRType.A)).toEqual({ ttl: 60, rdatas: ['192.0.2.1'] });
    expect(warnings(lines)).toHaveLength(1);
  });

  it('with nothing good yet, get says undefined (SERVFAIL) until an answer comes', async () => {
    upstream.names.set('broken.example.net.', { rcode: Rcode.SERVFAIL });
    upstream.names.set('refused.example.net.', { rcode: Rcode.REFUSED });
    upstream.names.set('slow.example.net.', { drop: true });
    upstream.names.set('loop.example.net.', { records: ['loop.example.net. 60 CNAME loop2.example.net.', 'loop2.example.net. 60 CNAME loop.example.net.'] });
    const { r, lines } = resolver();
    const names = ['broken', 'refused', 'slow', 'loop'].map((n) => `${n}.example.net.`);
    r.track(names.map((name) => ({ name, qtype: RRType.A })));
    await r.settled();
    for (const n of names) expect(r.get(n, RRType.A), n).toBeUndefined();
    expect(Object.fromEntries(warnings(lines).map((l) => [l.target, l.reason]))).toEqual({
      'broken.example.net.': 'SERVFAIL', 'refused.example.net.': 'REFUSED', 'slow.example.net.': 'no answer within 300 ms', 'loop.example.net.': 'a CNAME loop',
    });
    expect(new Set(warnings(lines).map((l) => l.msg))).toEqual(new Set(['alias target lookup failed; no addresses yet, answering SERVFAIL']));
    upstream.names.set('slow.example.net.', { records: ['slow.example.net. 60 A 192.0.2.9'] });
    clock += 1_000;
    await until(() => r.get('slow.example.net.', RRType.A) !== undefined, 'the retry');
    expect(addresses(r, 'slow.example.net.', RRType.A)).toEqual({ ttl: 60, rdatas: ['192.0.2.9'] });
  });
});

describe('tracking', () => {
  it('resolves new targets at once and drops the ones no zone needs any more', async () => {
    upstream.names.set('a.example.net.', { records: ['a.example.net. 60 A 192.0.2.1'] });
    upstream.names.set('b.example.net.', { records: ['b.example.net. 60 A 192.0.2.2'] });
    const { r } = resolver();
    r.track([{ name: 'a.example.net.', qtype: RRType.A }]);
    await r.settled();
    r.track([{ name: 'a.example.net.', qtype: RRType.A }, { name: 'b.example.net.', qtype: RRType.A }, { name: 'b.example.net.', qtype: RRType.A }]);
    await r.settled();
    expect(upstream.log).toEqual(['a.example.net. A udp', 'b.example.net. A udp']); // a is not asked again
    r.track([{ name: 'b.example.net.', qtype: RRType.A }]);
    expect(r.get('a.example.net.', RRType.A)).toBeUndefined();
    const before = r.get('b.example.net.', RRType.A);
    clock += 3_600_000;
    await until(() => upstream.log.length === 3, 'the refresh of b');
    await ticks();
    expect(r.get('b.example.net.', RRType.A)).toBe(before); // the same answer keeps its object
    expect(upstream.log).toEqual(['a.example.net. A udp', 'b.example.net. A udp', 'b.example.net. A udp']);
  });

  it('keeps at most `concurrency` questions in flight', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `h${i}.example.net.`);
    for (const [i, n] of names.entries()) upstream.names.set(n, { records: [`${n} 60 A 192.0.2.${i}`], hold: true });
    const { r } = resolver({ concurrency: 3, timeoutMs: 10_000 });
    r.track(names.map((name) => ({ name, qtype: RRType.A })));
    const settled = r.settled();
    await until(() => upstream.log.length === 3, 'three questions');
    await ticks();
    expect(upstream.log).toHaveLength(3);
    while (upstream.log.length < 10) {
      const seen = upstream.log.length;
      upstream.release();
      await until(() => upstream.log.length > seen, 'the next questions');
      await ticks();
      expect(upstream.log.length - seen).toBeLessThanOrEqual(3);
    }
    upstream.release();
    await settled;
    expect(names.map((n) => r.get(n, RRType.A)?.rdatas.length)).toEqual(names.map(() => 1));
  });

  it('refuses a target that is not a lower-case absolute name, or not A/AAAA', () => {
    const { r } = resolver();
    expect(() => r.track([{ name: 'LB.example.net.', qtype: RRType.A }])).toThrow('alias target "LB.example.net." is not a lower-case absolute name (lb.example.net.)');
    expect(() => r.track([{ name: 'lb.example.net', qtype: RRType.A }])).toThrow('alias target "lb.example.net": relative name "lb.example.net" without an origin');
    expect(() => r.track([{ name: 'lb..example.net.', qtype: RRType.A }])).toThrow('alias target "lb..example.net.": empty label');
    expect(() => r.track([{ name: 'lb.example.net.', qtype: RRType.MX }])).toThrow('alias target lb.example.net.: type 15 is not A (1) or AAAA (28)');
  });

  it('without an upstream: nothing is known, and track says once that --upstream is needed', async () => {
    const lines: LogLine[] = [];
    const log = pino({ level: 'debug' }, { write: (s: string) => { lines.push(JSON.parse(s) as LogLine); } });
    const r = createAliasResolver({ upstream: undefined, log });
    resolvers.push(r);
    r.track([]);
    expect(lines).toEqual([]);
    r.track([{ name: 'lb.example.net.', qtype: RRType.A }]);
    r.track([{ name: 'lb.example.net.', qtype: RRType.A }, { name: 'cdn.example.net.', qtype: RRType.AAAA }]);
    await r.settled();
    expect(r.get('lb.example.net.', RRType.A)).toBeUndefined();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([[40, 'alias records point outside the hosted zones, but no upstream resolver is configured (--upstream ADDR:PORT); they answer SERVFAIL']]);
  });
});
