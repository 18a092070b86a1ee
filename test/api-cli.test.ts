/**
 * The Route 53 API through the real AWS CLI v2 (Debian's /usr/bin/aws, installed by
 * scripts/install-tools.sh): create a zone, upsert records, wait for INSYNC with the CLI's own
 * waiter, dig the records, list with paging, delete records and zone. The CLI signs with the
 * region it is given, posts to /rrset/ with a trailing slash and sends no Content-Type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dig, signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';
import { digSections } from './helpers/dns-case.ts';

const run = promisify(execFile);
const KEY_ID = 'AKIASIGNPOSTCLI00001';
const SECRET = 'Y2xpLXRlc3Qtc2VjcmV0LTAwMDAwMDAwMDAwMDAwMDAw';
let sp: Signpost;

async function aws(args: string[], region = 'us-east-2'): Promise<any> {
  const { stdout } = await run('/usr/bin/aws', ['route53', ...args, '--endpoint-url', `http://127.0.0.1:${sp.httpPort}`, '--output', 'json'], {
    env: {
      PATH: process.env.PATH, HOME: sp.dataDir, AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_DEFAULT_REGION: region,
      AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    },
  });
  return stdout.trim() ? JSON.parse(stdout) : {};
}

function batchFile(name: string, changes: unknown[]): string {
  const file = join(sp.dataDir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ Comment: name, Changes: changes }));
  return `file://${file}`;
}

beforeAll(async () => {
  const dataDir = tempDataDir();
  await signpost(['keys', 'create', '--access-key-id', KEY_ID, '--secret-access-key', SECRET, '--data-dir', dataDir]);
  sp = await startSignpost({ dataDir, args: ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0'] });
});
afterAll(async () => {
  await sp?.stop();
});

describe('the AWS CLI v2 against Signpost', () => {
  it('runs a zone from creation to deletion', async () => {
    const created = await aws(['create-hosted-zone', '--name', 'example.net', '--caller-reference', 'cli-1']);
    const zoneId: string = created.HostedZone.Id;
    expect(created.DelegationSet.NameServers).toHaveLength(4);

    const upserts = Array.from({ length: 5 }, (_, i) => ({
      Action: 'UPSERT', ResourceRecordSet: { Name: `host${i}.example.net`, Type: 'A', TTL: 60, ResourceRecords: [{ Value: `192.0.2.${i + 10}` }] },
    }));
    upserts.push({ Action: 'UPSERT', ResourceRecordSet: { Name: 'example.net', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"hello from the cli"' }] } } as never);
    const changed = await aws(['change-resource-record-sets', '--hosted-zone-id', zoneId, '--change-batch', batchFile('upserts', upserts)], 'eu-west-1');
    expect(changed.ChangeInfo.Status).toBe('PENDING');
    await aws(['wait', 'resource-record-sets-changed', '--id', changed.ChangeInfo.Id]);
    expect((await aws(['get-change', '--id', changed.ChangeInfo.Id])).ChangeInfo.Status).toBe('INSYNC');

    expect(digSections(await dig(sp.dnsPort, ['host3.example.net.', 'A'])).answer).toEqual(['host3.example.net. 60 IN A 192.0.2.13']);
    expect(digSections(await dig(sp.dnsPort, ['example.net.', 'TXT'])).answer).toEqual(['example.net. 60 IN TXT "hello from the cli"']);

    // The CLI pages through the listing itself when given a page size.
    const listed = await aws(['list-resource-record-sets', '--hosted-zone-id', zoneId, '--page-size', '2']);
    expect(listed.ResourceRecordSets.map((s: { Name: string }) => s.Name)).toEqual([
      'example.net.', 'example.net.', 'example.net.', 'host0.example.net.', 'host1.example.net.', 'host2.example.net.', 'host3.example.net.', 'host4.example.net.',
    ]);
    const zones = await aws(['list-hosted-zones']);
    expect(zones.HostedZones.map((z: { Name: string }) => z.Name)).toEqual(['example.net.']);

    const deletes = upserts.map((c) => ({ ...c, Action: 'DELETE' }));
    const deleted = await aws(['change-resource-record-sets', '--hosted-zone-id', zoneId, '--change-batch', batchFile('deletes', deletes)]);
    await aws(['wait', 'resource-record-sets-changed', '--id', deleted.ChangeInfo.Id]);
    expect(digSections(await dig(sp.dnsPort, ['host3.example.net.', 'A'])).rcode).toBe('NXDOMAIN');
    await aws(['delete-hosted-zone', '--id', zoneId]);
    expect((await aws(['list-hosted-zones'])).HostedZones).toEqual([]);
  }, 300_000); // 11 CLI runs: 1 s each on an idle machine, 3-5 s each beside a suite run and two CPU burners (as in api-cidr, private-zones-cli)

  it('shows Route 53 errors as the CLI prints them', async () => {
    const err = await aws(['get-hosted-zone', '--id', 'ZNOSUCHZONE0000000000']).catch((e: { stderr: string }) => e);
    expect((err as { stderr: string }).stderr).toContain('An error occurred (NoSuchHostedZone) when calling the GetHostedZone operation');
  });
});
