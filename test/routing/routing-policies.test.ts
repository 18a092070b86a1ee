/**
 * Routing policies and alias records end to end: record sets created through the AWS SDK, answers
 * read with dig and with a UDP client for statistics, from a running `signpost start`.
 *
 * Weighted statistics: 10,000 queries against a 3:1 pair. The count of the heavier answer is
 * binomial (n = 10,000, p = 0.75): mean 7,500, standard deviation sqrt(n p (1 - p)) = 43.3. The
 * test accepts 7,500 +/- 260 (6 standard deviations): a correct server fails it about once in
 * 500 million runs, while a server off by 3 percentage points (7,200 or 7,800) fails it always.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Route53Client, CreateHostedZoneCommand, ChangeResourceRecordSetsCommand, TestDNSAnswerCommand, type Change, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dig, signpost, startSignpost, tempDataDir, type Signpost } from '../helpers/signpost.ts';
import { digSections } from '../helpers/dns-case.ts';
import { udpClient, type UdpClient } from '../helpers/udp-query.ts';
import { rdataToText } from '../../src/dns/index.ts';

const KEY = { accessKeyId: 'AKIASIGNPOSTROUTE001', secretAccessKey: 'cm91dGluZy10ZXN0LXNlY3JldC0wMDAwMDAwMDAwMDA=' };

let sp: Signpost;
let client: Route53Client;
let udp: UdpClient;
let zoneId = '';

const a = (name: string, values: string[], extra: Partial<ResourceRecordSet> = {}, ttl = 60): Change => ({
  Action: 'CREATE', ResourceRecordSet: { Name: name, Type: 'A', TTL: ttl, ResourceRecords: values.map((Value) => ({ Value })), ...extra },
});
const alias = (name: string, target: string, extra: Partial<ResourceRecordSet> = {}, type = 'A', evaluate = false): Change => ({
  Action: 'CREATE', ResourceRecordSet: { Name: name, Type: type as 'A', AliasTarget: { HostedZoneId: zoneId, DNSName: target, EvaluateTargetHealth: evaluate }, ...extra },
});

async function change(changes: Change[]): Promise<void> {
  await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }));
}

async function answers(qname: string, qtype = 'A'): Promise<string[]> {
  return digSections(await dig(sp.dnsPort, [qname, qtype])).answer;
}

async function addresses(qname: string, n: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const m = await udp.query(qname, 'A');
    const key = m.answers.map((r) => rdataToText(r.type, r.rdata)).sort().join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  const dataDir = tempDataDir();
  await signpost(['keys', 'create', '--account', '111111111111', '--access-key-id', KEY.accessKeyId, '--secret-access-key', KEY.secretAccessKey, '--data-dir', dataDir]);
  sp = await startSignpost({ dataDir, args: ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0'] });
  client = new Route53Client({ endpoint: `http://127.0.0.1:${sp.httpPort}`, region: 'us-east-1', credentials: KEY, maxAttempts: 1 });
  const zone = await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'routing-1' }));
  zoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '');
  await change([
    a('www.example.com', ['192.0.2.1'], {}, 300),
    a('w.example.com', ['192.0.2.1'], { SetIdentifier: 'heavy', Weight: 3 }),
    a('w.example.com', ['192.0.2.2'], { SetIdentifier: 'light', Weight: 1 }),
    a('zero.example.com', ['192.0.2.3'], { SetIdentifier: 'one', Weight: 0 }),
    a('zero.example.com', ['192.0.2.4'], { SetIdentifier: 'two', Weight: 0 }),
    a('off.example.com', ['192.0.2.5'], { SetIdentifier: 'on', Weight: 1 }),
    a('off.example.com', ['192.0.2.6'], { SetIdentifier: 'never', Weight: 0 }),
    a('f.example.com', ['192.0.2.10'], { SetIdentifier: 'main', Failover: 'PRIMARY' }),
    a('f.example.com', ['192.0.2.20'], { SetIdentifier: 'backup', Failover: 'SECONDARY' }),
    ...Array.from({ length: 10 }, (_, i) => a('m.example.com', [`192.0.2.${100 + i}`], { SetIdentifier: `m${i}`, MultiValueAnswer: true })),
    a('g.example.com', ['192.0.2.30'], { SetIdentifier: 'default', GeoLocation: { CountryCode: '*' } }),
    a('g.example.com', ['192.0.2.31'], { SetIdentifier: 'germany', GeoLocation: { CountryCode: 'DE' } }),
    a('nodefault.example.com', ['192.0.2.32'], { SetIdentifier: 'germany', GeoLocation: { CountryCode: 'DE' } }),
    alias('example.com', 'www.example.com'),
    alias('chain.example.com', 'example.com'),
    alias('aw.example.com', 'w.example.com'),
    {
      Action: 'CREATE', ResourceRecordSet: { Name: 'cw.example.com', Type: 'CNAME', TTL: 60, SetIdentifier: 'only', Weight: 1, ResourceRecords: [{ Value: 'www.example.com' }] },
    },
  ]);
  udp = await udpClient(sp.dnsPort);
}, 60_000);
afterAll(async () => {
  udp?.close();
  await sp?.stop();
});

describe('weighted', () => {
  it('answers one member per query, in proportion to the weights (3:1 over 10,000 queries)', async () => {
    const counts = await addresses('w.example.com', 10_000);
    expect([...counts.keys()].sort()).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(counts.get('192.0.2.1')!).toBeGreaterThan(7500 - 260);
    expect(counts.get('192.0.2.1')!).toBeLessThan(7500 + 260);
  }, 120_000);

  it('gives members equal chances when every weight is 0', async () => {
    const counts = await addresses('zero.example.com', 2000);
    // Binomial(2000, 0.5): sd 22.4; +/- 6 sd.
    expect(Math.abs(counts.get('192.0.2.3')! - 1000)).toBeLessThan(135);
  });

  it('never answers a zero-weight member while a weighted one is healthy', async () => {
    const counts = await addresses('off.example.com', 300);
    expect([...counts.keys()]).toEqual(['192.0.2.5']);
  });

  it('answers with dig like any A record: one record, the set TTL', async () => {
    const got = await answers('w.example.com');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^w\.example\.com\. 60 IN A 192\.0\.2\.[12]$/);
  });
});

describe('failover', () => {
  it('answers the PRIMARY while it is healthy', async () => {
    expect(await answers('f.example.com')).toEqual(['f.example.com. 60 IN A 192.0.2.10']);
  });
});

describe('multivalue answer', () => {
  it('answers 8 of 10 healthy records, a different 8 across queries', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const m = await udp.query('m.example.com', 'A');
      expect(m.answers).toHaveLength(8);
      for (const r of m.answers) seen.add(rdataToText(r.type, r.rdata));
    }
    expect(seen.size).toBe(10);
  });
});

describe('geolocation', () => {
  it('answers the default (*) record for a client no database places', async () => {
    expect(await answers('g.example.com')).toEqual(['g.example.com. 60 IN A 192.0.2.30']);
  });

  it('answers NOERROR with no records and the SOA when nothing matches and there is no default', async () => {
    const s = digSections(await dig(sp.dnsPort, ['nodefault.example.com', 'A']));
    expect(s.rcode).toBe('NOERROR');
    expect(s.answer).toEqual([]);
    expect(s.authority[0]).toMatch(/^example\.com\. \d+ IN SOA /);
  });
});

describe('alias records', () => {
  it('answers an alias at the apex with the target\'s records and TTL under the apex name, never a CNAME', async () => {
    expect(await answers('example.com')).toEqual(['example.com. 300 IN A 192.0.2.1']);
  });

  it('answers NODATA for a type the alias does not have', async () => {
    const s = digSections(await dig(sp.dnsPort, ['example.com', 'AAAA']));
    expect(s.rcode).toBe('NOERROR');
    expect(s.answer).toEqual([]);
  });

  it('follows an alias to an alias', async () => {
    expect(await answers('chain.example.com')).toEqual(['chain.example.com. 300 IN A 192.0.2.1']);
  });

  it('answers an alias to a weighted group with one member, drawn per query', async () => {
    const counts = await addresses('aw.example.com', 400);
    expect([...counts.keys()].sort()).toEqual(['192.0.2.1', '192.0.2.2']);
  });

  it('follows a weighted CNAME to its target', async () => {
    expect(await answers('cw.example.com')).toEqual(['cw.example.com. 60 IN CNAME www.example.com.', 'www.example.com. 300 IN A 192.0.2.1']);
  });
});

describe('TestDNSAnswer and signpost explain', () => {
  // Every deterministic case of the table: the API's simulated answer equals dig's.
  const cases: [string, string][] = [
    ['www.example.com', 'A'], ['f.example.com', 'A'], ['g.example.com', 'A'], ['nodefault.example.com', 'A'],
    ['example.com', 'A'], ['example.com', 'AAAA'], ['chain.example.com', 'A'], ['cw.example.com', 'CNAME'], ['off.example.com', 'A'],
    ['nope.example.com', 'A'],
  ];
  for (const [name, type] of cases) {
    it(`agrees with dig for ${name} ${type}`, async () => {
      const s = digSections(await dig(sp.dnsPort, [name, type]));
      const t = await client.send(new TestDNSAnswerCommand({ HostedZoneId: zoneId, RecordName: name, RecordType: type as 'A' }));
      expect(t.ResponseCode).toBe(s.rcode);
      expect(t.RecordData ?? []).toEqual(s.answer.map((l) => l.split(' ').slice(4).join(' ')));
    });
  }

  it('answers through the AWS CLI', async () => {
    const { stdout } = await promisify(execFile)('/usr/bin/aws', ['route53', 'test-dns-answer', '--hosted-zone-id', zoneId, '--record-name', 'f.example.com',
      '--record-type', 'A', '--resolver-ip', '198.51.100.7', '--endpoint-url', `http://127.0.0.1:${sp.httpPort}`, '--output', 'json'], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1' },
    });
    const out = JSON.parse(stdout) as { RecordData: string[]; ResponseCode: string; RecordType: string };
    expect(out).toMatchObject({ RecordData: ['192.0.2.10'], ResponseCode: 'NOERROR', RecordType: 'A' });
  });

  it('explains a failover choice from the command line', async () => {
    const { stdout } = await signpost(['explain', 'f.example.com', 'A', '--client', '198.51.100.7', '--data-dir', sp.dataDir]);
    expect(stdout).toContain('zone:     example.com.');
    expect(stdout).toContain('client:   source address 198.51.100.7');
    expect(stdout).toContain('f.example.com. 60 IN A 192.0.2.10');
    expect(stdout).toContain('choice at f.example.com. A: failover routing');
    expect(stdout).toContain('* main: PRIMARY; chosen');
    expect(stdout).toContain('- backup: SECONDARY; not used while the other side answers');
  });

  it('explains a name no zone holds', async () => {
    const { stdout } = await signpost(['explain', 'www.example.org', 'A', '--data-dir', sp.dataDir]);
    expect(stdout).toContain('REFUSED');
  });
});
