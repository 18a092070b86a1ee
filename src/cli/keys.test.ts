/**
 * `signpost keys ...` run as the real command on a temporary data directory, plus ensureAdminKey
 * on the store directly.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, rmSync } from 'node:fs';
import { signpost, tempDataDir } from '../../test/helpers/signpost.ts';
import { openStore } from '../store/index.ts';
import { ensureAdminKey } from './keys.ts';

const dirs: string[] = [];
const newDir = () => { const d = tempDataDir(); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** Runs `signpost ARGS`; resolves with the exit code and output, failing or not. */
async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    return { code: 0, ...(await signpost(args, env)) };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('signpost keys', () => {
  it('create generates an account, a key id and a secret, and prints an example', async () => {
    const dir = newDir();
    const r = await run(['keys', 'create', '--data-dir', dir]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const account = /account:\s+(\d{12})\n/.exec(r.stdout)?.[1];
    const id = /access key id:\s+(AKIA[A-Z0-9]{16})\n/.exec(r.stdout)?.[1];
    const secret = /secret access key:\s+([A-Za-z0-9+/]{40})\n/.exec(r.stdout)?.[1];
    expect(account && id && secret).toBeTruthy();
    expect(r.stdout).toContain(`AWS_ACCESS_KEY_ID=${id} AWS_SECRET_ACCESS_KEY=${secret} aws route53 list-hosted-zones --endpoint-url http://127.0.0.1:9053`);
    const store = openStore(dir);
    try {
      expect(await store.getAccessKey(id!)).toMatchObject({ id, secret, accountId: account });
    } finally {
      await store.close();
    }
  });

  it('create with a given account, key id and secret; list shows them without secrets; delete removes one', async () => {
    const dir = newDir();
    const given = ['--access-key-id', 'AKIAEXAMPLE0000001', '--secret-access-key', 'given-secret/with+chars'];
    expect((await run(['keys', 'create', '--account', '111122223333', ...given, '--data-dir', dir])).code).toBe(0);
    const second = await run(['keys', 'create', '--account', '111122223333'], { SIGNPOST_DATA_DIR: dir });
    expect(second.code).toBe(0);
    const secondId = /access key id:\s+(\S+)/.exec(second.stdout)![1]!;
    const secondSecret = /secret access key:\s+(\S+)/.exec(second.stdout)![1]!;

    const list = await run(['keys', 'list', '--data-dir', dir]);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ACCOUNT\s+ACCESS KEY ID\s+CREATED$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2)).sort()).toEqual([['111122223333', 'AKIAEXAMPLE0000001'], ['111122223333', secondId]].sort());
    expect(lines.slice(1).every((l) => /\d{4}-\d{2}-\d{2}T/.test(l))).toBe(true);
    expect(list.stdout).not.toContain('given-secret');
    expect(list.stdout).not.toContain(secondSecret);

    expect(await run(['keys', 'delete', 'AKIAEXAMPLE0000001', '--data-dir', dir])).toMatchObject({ code: 0, stdout: 'deleted access key AKIAEXAMPLE0000001\n' });
    const after = await run(['keys', 'list', '--data-dir', dir]);
    expect(after.stdout).not.toContain('AKIAEXAMPLE0000001');
    expect(after.stdout).toContain(secondId);
  });

  it('list on an empty store says so', async () => {
    const dir = newDir();
    await run(['vpc', 'create', '--region', 'us-east-1', '--cidr', '10.0.0.0/16', '--data-dir', dir]); // a store, without keys
    const r = await run(['keys', 'list', '--data-dir', dir]);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining('no access keys') });
  });

  it.each([
    { name: 'key id without secret', args: ['--access-key-id', 'AKIAEXAMPLE0000001'], error: 'give both --access-key-id and --secret-access-key, or neither' },
    { name: 'secret without key id', args: ['--secret-access-key', 'x'], error: 'give both --access-key-id and --secret-access-key, or neither' },
    { name: 'key id too short', args: ['--access-key-id', 'AKIA123', '--secret-access-key', 'x'], error: 'bad access key id "AKIA123"' },
    { name: 'key id in lower case', args: ['--access-key-id', 'akiaexample0000001', '--secret-access-key', 'x'], error: 'bad access key id' },
    { name: 'key id too long', args: ['--access-key-id', 'A'.repeat(129), '--secret-access-key', 'x'], error: 'bad access key id' },
    { name: 'secret with a space', args: ['--access-key-id', 'AKIAEXAMPLE0000001', '--secret-access-key', 'a b'], error: 'bad secret access key' },
    { name: 'account not 12 digits', args: ['--account', '1234'], error: 'bad account id "1234": 12 digits' },
  ])('create refuses: $name', async ({ args, error }) => {
    const dir = newDir();
    const r = await run(['keys', 'create', ...args, '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`signpost: ${error}`);
    expect(r.stderr).not.toContain('internal error');
    // Refused before any store is opened: the data directory stays empty.
    expect(readdirSync(dir)).toEqual([]);
  });

  it('create refuses a key id that exists; delete refuses an unknown one', async () => {
    const dir = newDir();
    const args = ['keys', 'create', '--access-key-id', 'AKIAEXAMPLE0000001', '--secret-access-key', 's1', '--data-dir', dir];
    expect((await run(args)).code).toBe(0);
    const again = await run(args);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('signpost: access key AKIAEXAMPLE0000001 already exists\n');
    const del = await run(['keys', 'delete', 'AKIANOSUCHKEY0000000', '--data-dir', dir]);
    expect(del.code).toBe(1);
    expect(del.stderr).toBe('signpost: no access key AKIANOSUCHKEY0000000\n');
  });
});

describe('ensureAdminKey', () => {
  it('creates an admin key on a store without keys, and nothing once one exists', async () => {
    const store = openStore(newDir());
    try {
      const admin = await ensureAdminKey(store);
      expect(admin).toMatchObject({ accessKeyId: expect.stringMatching(/^AKIA[A-Z0-9]{16}$/), secret: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/), accountId: expect.stringMatching(/^\d{12}$/) });
      expect(await store.getAccessKey(admin!.accessKeyId)).toMatchObject({ secret: admin!.secret, accountId: admin!.accountId });
      expect((await store.listAccounts()).map((a) => a.id)).toEqual([admin!.accountId]);
      expect(await ensureAdminKey(store)).toBeUndefined();
      expect(await store.listAccessKeys()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
