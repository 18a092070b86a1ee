/**
 * The real server, through real clients: the authoritative table via dig over UDP and TCP, IPv6,
 * kdig, worker processes, and zone changes reaching answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cases, ZONE_NAME, ZONE_TEXT } from './cases/authoritative.ts';
import { digSections, expectCase } from './helpers/dns-case.ts';
import { dig, importZones, startSignpost, type Signpost } from './helpers/signpost.ts';

const run = promisify(execFile);

describe('signpost start answers the authoritative table through dig', () => {
  let sp: Signpost;
  beforeAll(async () => {
    sp = await startSignpost({ zones: { [ZONE_NAME]: ZONE_TEXT } });
  });
  afterAll(() => sp.stop());

  for (const c of cases) {
    it(`UDP: ${c.name}`, async () => {
      const out = await dig(sp.dnsPort, [c.qname, c.qtype, ...(c.noEdns ? ['+noedns', '+ignore'] : [])]);
      expectCase(digSections(out), c);
    });
  }
  for (const c of cases.filter((x) => !x.tc)) {
    it(`TCP: ${c.name}`, async () => {
      expectCase(digSections(await dig(sp.dnsPort, ['+tcp', c.qname, c.qtype])), c);
    });
  }
  it('falls back to TCP for a truncated answer, as resolvers do', async () => {
    const out = await dig(sp.dnsPort, ['+noedns', 'big.example.org.', 'TXT']);
    expect(digSections(out).answer).toHaveLength(1);
  });
  it('answers kdig, several queries on one TCP connection', async () => {
    const { stdout } = await run('kdig', ['@127.0.0.1', '-p', String(sp.dnsPort), '+tcp', '+keepopen', 'www.example.org', 'A', 'web.example.org', 'A', 'nope.example.org', 'A']);
    expect(stdout.match(/status: NOERROR/g)).toHaveLength(2);
    expect(stdout).toContain('status: NXDOMAIN');
  });
});

describe('signpost start with worker processes and IPv6', () => {
  let sp: Signpost;
  const port = 20000 + (process.pid % 20000);
  beforeAll(async () => {
    sp = await startSignpost({
      zones: { [ZONE_NAME]: ZONE_TEXT },
      args: ['--workers', '2', '--dns-listen', `127.0.0.1:${port}`, '--dns-listen', `[::1]:${port}`, '--roles', 'dns'],
    });
  });
  afterAll(() => sp.stop());

  it('answers on IPv4 and IPv6, UDP and TCP', async () => {
    for (const server of ['127.0.0.1', '::1']) {
      for (const tcp of [[], ['+tcp']]) {
        const s = digSections(await dig(port, [...tcp, 'www.example.org.', 'A'], server));
        expect(s.answer).toHaveLength(2);
      }
    }
  });
  it('serves a re-imported zone within a second', async () => {
    await importZones(sp.dataDir, { [ZONE_NAME]: ZONE_TEXT.replace('192.0.2.80', '192.0.2.81') });
    const deadline = Date.now() + 1000;
    let seen = false;
    while (!seen && Date.now() < deadline + 4000) {
      seen = (await dig(port, ['web.example.org.', 'A'])).includes('192.0.2.81');
      if (!seen) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toBe(true);
  });
  it('lists both workers in signpost status', async () => {
    const { stdout } = await run(sp.process.spawnfile, ['status', '--data-dir', sp.dataDir]);
    expect(stdout.match(/ up /g)).toHaveLength(2);
    expect(stdout).toContain('all zones current');
  });
});
