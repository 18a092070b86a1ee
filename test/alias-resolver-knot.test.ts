/**
 * The external alias resolver against a DNS server we did not write: a private knotd on
 * 127.0.0.1 (started as the differential test starts it) serving the targets' zone. Knot is
 * authoritative, not recursive, but answers RD questions for its zone the same way: CNAME chains
 * inside the zone, NXDOMAIN and NODATA with the SOA, TC over UDP past 1232 bytes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { RRType, rdataToText } from '../src/dns/index.ts';
import { createAliasResolver, type AliasResolver } from '../src/server/alias-resolver.ts';
import { startKnot, type RunningServer } from './differential/knot.ts';
import { findFreePort } from './differential/udp.ts';

try {
  execFileSync('knotd', ['--version'], { stdio: 'ignore' });
} catch {
  // No silent skip: `npm test` installs knot first (scripts/install-tools.sh).
  throw new Error('knotd is not installed (run scripts/install-tools.sh)');
}

const many = Array.from({ length: 100 }, (_, i) => `big     60  A     198.51.100.${i + 1}`).join('\n');
const ZONE = `$ORIGIN example.net.
$TTL 300
@       3600 SOA ns hostmaster 1 7200 900 1209600 40
@       NS    ns
ns      A     192.0.2.53
lb      60  A     192.0.2.1
lb      60  A     192.0.2.2
lb      120 AAAA  2001:db8::1
cdn     600 CNAME edge
edge    30  CNAME lb
outside 60  CNAME www.example.org.
${many}
`;

const dir = mkdtempSync(join(tmpdir(), 'signpost-alias-knot-'));
let knot: RunningServer;
let resolver: AliasResolver;
const warnings: { msg: string; target: string; reason: string }[] = [];
beforeAll(async () => {
  const file = join(dir, 'example.net.zone');
  writeFileSync(file, ZONE);
  knot = await startKnot(await findFreePort(), [{ name: 'example.net.', file }]);
  const log = pino({ level: 'warn' }, { write: (s: string) => { warnings.push(JSON.parse(s) as (typeof warnings)[number]); } });
  resolver = createAliasResolver({ upstream: { host: '127.0.0.1', port: knot.port }, log });
  resolver.track([
    { name: 'lb.example.net.', qtype: RRType.A }, { name: 'lb.example.net.', qtype: RRType.AAAA }, { name: 'cdn.example.net.', qtype: RRType.A },
    { name: 'ns.example.net.', qtype: RRType.AAAA }, { name: 'nope.example.net.', qtype: RRType.A }, { name: 'big.example.net.', qtype: RRType.A },
    { name: 'outside.example.net.', qtype: RRType.A },
  ]);
  await resolver.settled();
});
afterAll(async () => {
  resolver?.stop();
  await knot?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const text = (name: string, qtype: number) => {
  const a = resolver.get(name, qtype);
  return a && { ttl: a.ttl, rdatas: a.rdatas.map((d) => rdataToText(qtype, d)).sort() };
};

describe('alias targets resolved through Knot', () => {
  it('A and AAAA with their TTLs', () => {
    expect(text('lb.example.net.', RRType.A)).toEqual({ ttl: 60, rdatas: ['192.0.2.1', '192.0.2.2'] });
    expect(text('lb.example.net.', RRType.AAAA)).toEqual({ ttl: 120, rdatas: ['2001:db8::1'] });
  });

  it('a CNAME chain inside the zone, with the smallest TTL along it', () => {
    expect(text('cdn.example.net.', RRType.A)).toEqual({ ttl: 30, rdatas: ['192.0.2.1', '192.0.2.2'] });
  });

  it('NODATA and NXDOMAIN: no addresses, the SOA MINIMUM as TTL', () => {
    expect(text('ns.example.net.', RRType.AAAA)).toEqual({ ttl: 40, rdatas: [] });
    expect(text('nope.example.net.', RRType.A)).toEqual({ ttl: 40, rdatas: [] });
  });

  it('an answer too big for UDP comes over TCP', () => {
    expect(text('big.example.net.', RRType.A)!.rdatas).toHaveLength(100);
  });

  it('a CNAME out of the zone is followed, and Knot refuses the target: nothing known, one warning', () => {
    expect(resolver.get('outside.example.net.', RRType.A)).toBeUndefined();
    expect(warnings.map((w) => [w.target, w.reason])).toEqual([['outside.example.net.', 'REFUSED']]);
  });
});
