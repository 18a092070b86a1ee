/**
 * Issue 8 through the AWS SDK for JavaScript (@aws-sdk/client-route-53, @aws-sdk/client-ec2)
 * against a running Signpost with four DNS listeners: plain, bound to a VPC, and two that
 * answer as different name servers. Checks every private-zone and VPC operation with the SDK's
 * own exception classes, views by name server, and the leak test: thousands of queries from
 * outside addresses, over UDP and TCP, for every type, ANY, wildcards and CNAME chains into
 * private zones, decoded with our decoder, carry no private data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import net from 'node:net';
import {
  Route53Client, CreateHostedZoneCommand, GetHostedZoneCommand, ChangeResourceRecordSetsCommand, AssociateVPCWithHostedZoneCommand,
  DisassociateVPCFromHostedZoneCommand, CreateVPCAssociationAuthorizationCommand, DeleteVPCAssociationAuthorizationCommand,
  ListVPCAssociationAuthorizationsCommand, ListHostedZonesByVPCCommand, ListHostedZonesCommand, GetHostedZoneLimitCommand,
  NotAuthorizedException, InvalidVPCId, PublicZoneVPCAssociation, LastVPCAssociation, VPCAssociationNotFound,
  VPCAssociationAuthorizationNotFound, ConflictingDomainExists, type Change,
} from '@aws-sdk/client-route-53';
import {
  EC2Client, CreateVpcCommand, DescribeVpcsCommand, DeleteVpcCommand, AssociateVpcCidrBlockCommand, DisassociateVpcCidrBlockCommand,
  CreateTagsCommand, DeleteTagsCommand,
} from '@aws-sdk/client-ec2';
import { decodeMessage, rdataToText, rrTypeToString, type Message } from '../src/dns/index.ts';
import { caseQuery } from './helpers/dns-case.ts';
import { signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';
import { seededRng } from './helpers/rng.ts';

const A = { accessKeyId: 'AKIAPRIVATESDK00001A', secretAccessKey: 'cHJpdmF0ZS1zZGstc2VjcmV0LWEtMDAwMDAwMDAw', account: '111111111111' };
const B = { accessKeyId: 'AKIAPRIVATESDK00002B', secretAccessKey: 'cHJpdmF0ZS1zZGstc2VjcmV0LWItMDAwMDAwMDAw', account: '222222222222' };
const BOUND = 'vpc-0c0000000000000c1';
let sp: Signpost;
let ports: number[] = [];
let r53: Route53Client;
let r53b: Route53Client;
let ec2: EC2Client;
let ec2b: EC2Client;
let vpc = '';
let privateCom = '';

const creds = (k: typeof A) => ({ accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey });
const ref = (id: string) => ({ VPCRegion: 'us-east-1' as const, VPCId: id });
const upsert = (name: string, type: string, values: string[]): Change => ({
  Action: 'UPSERT', ResourceRecordSet: { Name: name, Type: type as never, TTL: 60, ResourceRecords: values.map((Value) => ({ Value })) },
});

/** Sends `query` from `from` to listener `port` over UDP or TCP; returns the decoded answer. */
async function ask(query: Buffer, port: number, from: string, tcp: boolean): Promise<Message> {
  if (!tcp) {
    const s = dgram.createSocket('udp4');
    try {
      await new Promise<void>((r) => s.bind(0, from, () => r()));
      const reply = new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no UDP answer')), 5000);
        s.once('message', (m) => { clearTimeout(timer); resolve(m); });
      });
      s.send(query, port, '127.0.0.1');
      return decodeMessage(await reply);
    } finally {
      s.close();
    }
  }
  return new Promise((resolve, reject) => {
    const c = net.connect({ host: '127.0.0.1', port, localAddress: from });
    let buf = Buffer.alloc(0);
    c.setTimeout(5000, () => { c.destroy(); reject(new Error('no TCP answer')); });
    c.on('error', reject);
    c.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        c.end();
        resolve(decodeMessage(buf.subarray(2, 2 + buf.readUInt16BE(0))));
      }
    });
    const len = Buffer.alloc(2);
    len.writeUInt16BE(query.length);
    c.write(Buffer.concat([len, query]));
  });
}

const q = (qname: string, qtype: string, id = 0x1234) => caseQuery({ name: qname, qname, qtype }, id);
const answers = (m: Message) => m.answers.map((r) => `${rrTypeToString(r.type)} ${rdataToText(r.type, r.rdata)}`);

async function eventually(fn: () => Promise<void>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= 100) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

beforeAll(async () => {
  const dataDir = tempDataDir();
  for (const k of [A, B]) await signpost(['keys', 'create', '--account', k.account, '--access-key-id', k.accessKeyId, '--secret-access-key', k.secretAccessKey, '--data-dir', dataDir]);
  await signpost(['vpc', 'create', '--region', 'us-east-1', '--cidr', '192.0.2.0/24', '--vpc-id', BOUND, '--account', A.account, '--data-dir', dataDir]);
  sp = await startSignpost({ dataDir, args: ['--workers', '0', '--http-listen', '127.0.0.1:0',
    '--dns-listen', '127.0.0.1:0', '--dns-listen', `127.0.0.1:0@${BOUND}`,
    '--dns-listen', '127.0.0.1:0=ns-1.signpost.test', '--dns-listen', '127.0.0.1:0=ns-5.signpost.test,ns-6.signpost.test'] });
  ports = [...(/dns listening on ([^\n]*)/.exec(sp.output())![1]!.matchAll(/:(\d+)/g))].map((m) => Number(m[1]));
  expect(ports).toHaveLength(4);
  const endpoint = `http://127.0.0.1:${sp.httpPort}`;
  r53 = new Route53Client({ endpoint, region: 'us-east-1', credentials: creds(A), maxAttempts: 1 });
  r53b = new Route53Client({ endpoint, region: 'us-east-1', credentials: creds(B), maxAttempts: 1 });
  ec2 = new EC2Client({ endpoint, region: 'us-east-1', credentials: creds(A), maxAttempts: 1 });
  ec2b = new EC2Client({ endpoint, region: 'us-east-1', credentials: creds(B), maxAttempts: 1 });
}, 120_000);
afterAll(async () => {
  await sp?.stop();
});

describe('VPCs and private zones with the AWS SDK', () => {
  it('EC2: every VPC operation, and EC2\'s errors', async () => {
    const made = await ec2.send(new CreateVpcCommand({ CidrBlock: '127.0.0.2/32', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'sdk' }] }] }));
    vpc = made.Vpc!.VpcId!;
    expect(vpc).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(made.Vpc).toMatchObject({ CidrBlock: '127.0.0.2/32', OwnerId: A.account, State: 'available', Tags: [{ Key: 'Name', Value: 'sdk' }] });
    const six = await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc, Ipv6CidrBlock: 'fd00:9::/64' }));
    expect(six.Ipv6CidrBlockAssociation).toMatchObject({ Ipv6CidrBlock: 'fd00:9::/64', Ipv6CidrBlockState: { State: 'associated' } });
    const four = await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc, CidrBlock: '127.0.1.0/24' }));
    await expect(ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpc, CidrBlock: '127.0.1.128/25' }))).rejects.toMatchObject({ name: 'CidrConflict' });
    await ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: four.CidrBlockAssociation!.AssociationId! }));
    await expect(ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: made.Vpc!.CidrBlockAssociationSet![0]!.AssociationId! }))).rejects.toMatchObject({ name: 'OperationNotPermitted' });
    await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'env', Value: 'test' }] }));
    await ec2.send(new DeleteTagsCommand({ Resources: [vpc], Tags: [{ Key: 'Name' }] }));
    const described = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:env', Values: ['test'] }, { Name: 'cidr', Values: ['127.0.0.*'] }] }));
    expect(described.Vpcs!.map((v) => [v.VpcId, v.Tags, v.Ipv6CidrBlockAssociationSet?.map((c) => c.Ipv6CidrBlock)])).toEqual([[vpc, [{ Key: 'env', Value: 'test' }], ['fd00:9::/64']]]);
    expect((await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: [BOUND] }] }))).Vpcs!.map((v) => v.VpcId)).toEqual([BOUND]);
    // B sees none of A's VPCs; bad input gets EC2's codes.
    expect((await ec2b.send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
    await expect(ec2b.send(new DescribeVpcsCommand({ VpcIds: [vpc] }))).rejects.toMatchObject({ name: 'InvalidVpcID.NotFound' });
    await expect(ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'color', Values: ['blue'] }] }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/40' }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', AmazonProvidedIpv6CidrBlock: true }))).rejects.toMatchObject({ name: 'UnknownParameter' });
    await expect(ec2.send(new DeleteVpcCommand({ VpcId: 'vpc-zz' }))).rejects.toMatchObject({ name: 'InvalidVpcID.Malformed' });
    const spare = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.99.0.0/16' }))).Vpc!.VpcId!;
    await expect(ec2.send(new DeleteVpcCommand({ VpcId: spare, DryRun: true }))).rejects.toMatchObject({ name: 'DryRunOperation' });
    await ec2.send(new DeleteVpcCommand({ VpcId: spare }));
    const wrongService = new EC2Client({ endpoint: `http://127.0.0.1:${sp.httpPort}`, region: 'us-east-1', credentials: { ...creds(A), secretAccessKey: 'wrong' }, maxAttempts: 1 });
    await expect(wrongService.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  }, 120_000);

  it('Route 53: private zones, associations, authorizations, and Route 53\'s errors', async () => {
    await r53.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'sdk-public' }));
    const priv = await r53.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'sdk-private', VPC: ref(vpc), HostedZoneConfig: { PrivateZone: true, Comment: 'split' } }));
    privateCom = priv.HostedZone!.Id!;
    expect(priv.VPC).toEqual(ref(vpc));
    await expect(r53.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'sdk-private-2', VPC: ref(vpc), HostedZoneConfig: { PrivateZone: true } }))).rejects.toBeInstanceOf(ConflictingDomainExists);
    await expect(r53.send(new CreateHostedZoneCommand({ Name: 'example.net', CallerReference: 'sdk-x', VPC: ref('vpc-0000000000000dead'), HostedZoneConfig: { PrivateZone: true } }))).rejects.toBeInstanceOf(InvalidVPCId);
    await r53.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: privateCom, VPC: ref(BOUND), Comment: 'bound listener' }));
    // The VPCs come sorted by id; one id is random, so compare in that order.
    const byId = (a: { VPCId?: string }, b: { VPCId?: string }) => (a.VPCId! < b.VPCId! ? -1 : 1);
    expect((await r53.send(new GetHostedZoneCommand({ Id: privateCom }))).VPCs).toEqual([ref(BOUND), ref(vpc)].sort(byId));
    expect((await r53.send(new ListHostedZonesCommand({ HostedZoneType: 'PrivateHostedZone' }))).HostedZones!.map((z) => z.Id)).toEqual([privateCom]);
    expect((await r53.send(new GetHostedZoneLimitCommand({ HostedZoneId: privateCom, Type: 'MAX_VPCS_ASSOCIATED_BY_ZONE' }))).Count).toBe(2);
    const publicId = (await r53.send(new ListHostedZonesCommand({}))).HostedZones!.find((z) => !z.Config?.PrivateZone)!.Id!;
    await expect(r53.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: publicId, VPC: ref(vpc) }))).rejects.toBeInstanceOf(PublicZoneVPCAssociation);
    // Cross-account: B's VPC, A's zone.
    const vpcB = (await ec2b.send(new CreateVpcCommand({ CidrBlock: '127.0.0.4/32' }))).Vpc!.VpcId!;
    await expect(r53b.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: privateCom, VPC: ref(vpcB) }))).rejects.toBeInstanceOf(NotAuthorizedException);
    await r53.send(new CreateVPCAssociationAuthorizationCommand({ HostedZoneId: privateCom, VPC: ref(vpcB) }));
    expect((await r53.send(new ListVPCAssociationAuthorizationsCommand({ HostedZoneId: privateCom }))).VPCs).toEqual([ref(vpcB)]);
    await r53b.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: privateCom, VPC: ref(vpcB) }));
    expect((await r53b.send(new ListHostedZonesByVPCCommand({ VPCId: vpcB, VPCRegion: 'us-east-1' }))).HostedZoneSummaries!.map((z) => [z.Name, z.Owner?.OwningAccount])).toEqual([['example.com.', A.account]]);
    await r53.send(new DeleteVPCAssociationAuthorizationCommand({ HostedZoneId: privateCom, VPC: ref(vpcB) }));
    await expect(r53.send(new DeleteVPCAssociationAuthorizationCommand({ HostedZoneId: privateCom, VPC: ref(vpcB) }))).rejects.toBeInstanceOf(VPCAssociationAuthorizationNotFound);
    await r53.send(new DisassociateVPCFromHostedZoneCommand({ HostedZoneId: privateCom, VPC: ref(vpcB) }));
    await expect(r53.send(new DisassociateVPCFromHostedZoneCommand({ HostedZoneId: privateCom, VPC: ref(vpcB) }))).rejects.toBeInstanceOf(VPCAssociationNotFound);
    // Records for the DNS tests below.
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: publicId, ChangeBatch: { Changes: [
      upsert('www.example.com', 'A', ['192.0.2.1']), upsert('leak.example.com', 'CNAME', ['db.corp.example.com']),
    ] } }));
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: privateCom, ChangeBatch: { Changes: PRIVATE_COM } }));
    const corp = await r53.send(new CreateHostedZoneCommand({ Name: 'corp.example.com', CallerReference: 'sdk-corp', VPC: ref(vpc), HostedZoneConfig: { PrivateZone: true } }));
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: corp.HostedZone!.Id!, ChangeBatch: { Changes: PRIVATE_CORP } }));
    await expect(r53.send(new DisassociateVPCFromHostedZoneCommand({ HostedZoneId: corp.HostedZone!.Id!, VPC: ref(vpc) }))).rejects.toBeInstanceOf(LastVPCAssociation);
  }, 120_000);

  it('views: inside the VPC by source address, by bound listener, and outside', async () => {
    await eventually(async () => expect(answers(await ask(q('www.example.com.', 'A'), ports[0]!, '127.0.0.2', false))).toEqual(['A 10.0.0.1']));
    expect(answers(await ask(q('www.example.com.', 'A'), ports[0]!, '127.0.0.3', false))).toEqual(['A 192.0.2.1']);
    expect(answers(await ask(q('www.example.com.', 'A'), ports[1]!, '127.0.0.3', true))).toEqual(['A 10.0.0.1']);
    expect(answers(await ask(q('db.corp.example.com.', 'A'), ports[0]!, '127.0.0.2', true))).toEqual(['A 10.9.9.9']);
    expect((await ask(q('db.corp.example.com.', 'A'), ports[0]!, '127.0.0.3', false)).rcode).toBe(3); // public example.com.: NXDOMAIN
  });

  it('views by name server: two same-name zones behind listeners with different name servers', async () => {
    // example.net. twice (account A): the first gets ns-1..4, the second ns-5..8.
    const first = await r53.send(new CreateHostedZoneCommand({ Name: 'example.net', CallerReference: 'net-1' }));
    const second = await r53.send(new CreateHostedZoneCommand({ Name: 'example.net', CallerReference: 'net-2' }));
    expect(first.DelegationSet!.NameServers![0]).toBe('ns-1.signpost.test');
    expect(second.DelegationSet!.NameServers![0]).toBe('ns-5.signpost.test');
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: first.HostedZone!.Id!, ChangeBatch: { Changes: [upsert('www.example.net', 'A', ['198.51.100.1'])] } }));
    await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: second.HostedZone!.Id!, ChangeBatch: { Changes: [upsert('www.example.net', 'A', ['198.51.100.2'])] } }));
    await eventually(async () => expect(answers(await ask(q('www.example.net.', 'A'), ports[3]!, '127.0.0.3', false))).toEqual(['A 198.51.100.2']));
    expect(answers(await ask(q('www.example.net.', 'A'), ports[2]!, '127.0.0.3', false))).toEqual(['A 198.51.100.1']);
    // The plain listener serves every public zone: the oldest of a name.
    expect(answers(await ask(q('www.example.net.', 'A'), ports[0]!, '127.0.0.3', false))).toEqual(['A 198.51.100.1']);
    // example.com. (the first zone) has ns-1..4: the ns-5/ns-6 listener does not serve it.
    const com = (await ask(q('www.example.com.', 'A'), ports[3]!, '127.0.0.3', false));
    expect(com.rcode).toBe(5); // REFUSED: example.com. is on ns-1..4, not ns-5/ns-6
  }, 60_000);

  it('leak test: no private data reaches outside clients, over UDP and TCP', async () => {
    const rng = seededRng(8);
    const names = ['www', 'secret', 'mail', 'a.wild', 'x.y.wild', 'alias', 'chain', '', 'db.corp', 'corp', 'ghost.corp', 'deep.x.corp', 'alias.corp',
      'leak', 'nope', 'txt'].map((n) => (n ? `${n}.example.com.` : 'example.com.'));
    const types = ['A', 'AAAA', 'TXT', 'MX', 'CNAME', 'NS', 'SOA', 'SRV', 'CAA', 'PTR', 'ANY', 'DS', 'HTTPS', 'NAPTR'];
    const outside = ['127.0.0.1', '127.0.0.3', '127.0.0.5', '127.0.0.250'];
    let sent = 0;
    const seen = new Set<string>();
    for (let round = 0; round < 3; round++) {
      for (const name of names) {
        for (const type of types) {
          const qname = rng() < 0.3 ? name.replace(/^[^.]+/, (l) => l.toUpperCase()) : name; // 0x20 spelling
          for (const port of [ports[0]!, ports[2]!, ports[3]!]) {
            const tcp = rng() < 0.25;
            const m = await ask(q(qname, type, sent & 0xffff), port, outside[sent % outside.length]!, tcp);
            sent++;
            for (const r of [...m.answers, ...m.authority, ...m.additional]) {
              const text = `${rrTypeToString(r.type)} ${rdataToText(r.type, r.rdata)}`;
              seen.add(text);
              expect(PRIVATE_DATA.some((p) => text.includes(p)), `${type} ${qname} via ${port}: ${text}`).toBe(false);
            }
          }
        }
      }
    }
    expect(sent).toBeGreaterThanOrEqual(2000);
    // The public answers did come back (the test can fail): the public A and the CNAME into the private zone.
    expect(seen).toContain('A 192.0.2.1');
    expect(seen).toContain('CNAME db.corp.example.com.');
    // And the same queries from inside do see private data.
    expect(answers(await ask(q('secret.example.com.', 'TXT'), ports[0]!, '127.0.0.2', false))).toEqual(['TXT "private-secret"']);
  }, 300_000);
});

/** The private zones' records; none of their data may ever reach an outside client. */
const PRIVATE_COM: Change[] = [
  upsert('www.example.com', 'A', ['10.0.0.1']), upsert('www.example.com', 'AAAA', ['fd00::1']),
  upsert('secret.example.com', 'TXT', ['"private-secret"']), upsert('mail.example.com', 'MX', ['10 mx.private-mail.example.com']),
  upsert('*.wild.example.com', 'A', ['10.0.0.7']), upsert('alias.example.com', 'CNAME', ['www.example.com']),
  upsert('chain.example.com', 'CNAME', ['db.corp.example.com']), upsert('txt.example.com', 'TXT', ['"private-txt"']),
  upsert('www.example.com', 'TXT', ['"private-www"']), upsert('example.com', 'MX', ['5 private-apex-mx.example.com']),
];
const PRIVATE_CORP: Change[] = [
  upsert('db.corp.example.com', 'A', ['10.9.9.9']), upsert('*.corp.example.com', 'A', ['10.9.9.8']),
  upsert('alias.corp.example.com', 'CNAME', ['db.corp.example.com']), upsert('corp.example.com', 'TXT', ['"private-corp"']),
];
const PRIVATE_DATA = ['10.0.0.', '10.9.9.', 'fd00::1', 'private-', 'awsdns'];
