/**
 * Private zones seen from real hosts: two network namespaces, each joined to this host by a veth
 * pair the test creates (and removes), one inside the VPC's range and one outside. dig runs in
 * each namespace against Signpost listening on the host ends. Needs root (CAP_NET_ADMIN) and
 * iproute2 (scripts/install-tools.sh installs it); skipped, saying why, without them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { Route53Client, CreateHostedZoneCommand, ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';

const run = promisify(execFile);
const IP = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip'].find((p) => existsSync(p));
const ROOT = process.getuid?.() === 0;
const skip = !ROOT ? 'needs root to create network namespaces' : IP === undefined ? 'needs iproute2 (ip)' : undefined;

const tag = randomBytes(2).toString('hex');
const octet = randomInt(0, 127) * 2; // two /30 subnets in 10.213.<octet>.0 and 10.213.<octet+1>.0
const HOSTS = {
  in: { ns: `sp-in-${tag}`, host: `vhi${tag}`, peer: `vni${tag}`, near: `10.213.${octet}.1`, far: `10.213.${octet}.2` },
  out: { ns: `sp-out-${tag}`, host: `vho${tag}`, peer: `vno${tag}`, near: `10.213.${octet + 1}.1`, far: `10.213.${octet + 1}.2` },
};
const KEY = { accessKeyId: 'AKIAPRIVATENETNS0001', secretAccessKey: 'bmV0bnMtdGVzdC1zZWNyZXQtMDAwMDAwMDAwMDAw' };
const VPC = 'vpc-0d0000000000000d1';
let sp: Signpost | undefined;
const made: string[] = [];

async function ip(...args: string[]): Promise<void> {
  await run(IP!, args);
}

/** dig from inside namespace `ns` to `server`:`port`; returns the A answers. */
async function digIn(ns: string, server: string, port: number, name: string): Promise<string[]> {
  const { stdout } = await run(IP!, ['netns', 'exec', ns, 'dig', `@${server}`, '-p', String(port), name, 'A', '+short', '+tries=2', '+time=2']);
  return stdout.trim().split('\n').filter(Boolean);
}

beforeAll(async () => {
  if (skip) return;
  for (const h of Object.values(HOSTS)) {
    await ip('netns', 'add', h.ns);
    made.push(h.ns);
    await ip('link', 'add', h.host, 'type', 'veth', 'peer', 'name', h.peer);
    await ip('link', 'set', h.peer, 'netns', h.ns);
    await ip('addr', 'add', `${h.near}/30`, 'dev', h.host);
    await ip('link', 'set', h.host, 'up');
    await ip('netns', 'exec', h.ns, IP!, 'addr', 'add', `${h.far}/30`, 'dev', h.peer);
    await ip('netns', 'exec', h.ns, IP!, 'link', 'set', h.peer, 'up');
    await ip('netns', 'exec', h.ns, IP!, 'link', 'set', 'lo', 'up');
  }
  const dataDir = tempDataDir();
  await signpost(['keys', 'create', '--account', '000000000000', '--access-key-id', KEY.accessKeyId, '--secret-access-key', KEY.secretAccessKey, '--data-dir', dataDir]);
  await signpost(['vpc', 'create', '--region', 'us-east-1', '--cidr', `10.213.${octet}.0/30`, '--vpc-id', VPC, '--data-dir', dataDir]);
  sp = await startSignpost({ dataDir, args: ['--workers', '0', '--http-listen', '127.0.0.1:0', '--dns-listen', `${HOSTS.in.near}:0`, '--dns-listen', `${HOSTS.out.near}:0`] });
}, 120_000);

afterAll(async () => {
  await sp?.stop();
  // Deleting a namespace deletes its veth end, and with it the pair.
  for (const ns of made) await ip('netns', 'del', ns).catch(() => undefined);
  for (const h of Object.values(HOSTS)) await ip('link', 'del', h.host).catch(() => undefined);
});

describe.skipIf(skip !== undefined)(`private zones from two network namespaces${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('the host inside the VPC gets the private answer, the host outside the public one', async () => {
    const ports = [...(/dns listening on ([^\n]*)/.exec(sp!.output())![1]!.matchAll(/:(\d+)/g))].map((m) => Number(m[1]));
    const r53 = new Route53Client({ endpoint: `http://127.0.0.1:${sp!.httpPort}`, region: 'us-east-1', credentials: KEY, maxAttempts: 1 });
    const pub = await r53.send(new CreateHostedZoneCommand({ Name: 'example.org', CallerReference: 'netns-public' }));
    const priv = await r53.send(new CreateHostedZoneCommand({ Name: 'example.org', CallerReference: 'netns-private', VPC: { VPCRegion: 'us-east-1', VPCId: VPC }, HostedZoneConfig: { PrivateZone: true } }));
    const a = (address: string) => ({ Changes: [{ Action: 'UPSERT' as const, ResourceRecordSet: { Name: 'www.example.org', Type: 'A' as const, TTL: 60, ResourceRecords: [{ Value: address }] } }] });
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: pub.HostedZone!.Id!, ChangeBatch: a('192.0.2.10') }));
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: priv.HostedZone!.Id!, ChangeBatch: a('10.213.0.10') }));
    for (let i = 0; ; i++) {
      const inside = await digIn(HOSTS.in.ns, HOSTS.in.near, ports[0]!, 'www.example.org');
      if (inside[0] === '10.213.0.10' || i > 50) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await digIn(HOSTS.in.ns, HOSTS.in.near, ports[0]!, 'www.example.org')).toEqual(['10.213.0.10']);
    expect(await digIn(HOSTS.out.ns, HOSTS.out.near, ports[1]!, 'www.example.org')).toEqual(['192.0.2.10']);
  }, 120_000);
});
